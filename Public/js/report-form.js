// A funded project's report forms: saved a moment after the unit stops typing, as the 保存 button
// saves them; a failed save is retried and said beside the buttons. Without this script the
// buttons still save and submit as plain forms.
(function () {
  "use strict";
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var csrf = csrfMeta ? csrfMeta.content : "";
  document.querySelectorAll("form.report-form[data-autosave]").forEach(function (form) {
    var statusEl = form.querySelector(".save-status");
    var versionEl = form.querySelector("input[name=version]");
    var dirty = false, saving = false, timer = null, waiting = false, waitingSubmitter = null;

    function setStatus(text, kind) {
      if (!statusEl) { return; }
      statusEl.textContent = text;
      statusEl.className = "save-status" + (kind ? " " + kind : "");
    }
    function body() {
      var data = new URLSearchParams(new FormData(form));
      data.delete("intent");
      return data;
    }
    function save() {
      if (saving) { timer = setTimeout(save, 1000); return; }
      saving = true;
      dirty = false;
      setStatus("正在保存…", "pending");
      fetch(form.dataset.autosave, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf, "Accept": "application/json" },
        body: body().toString(),
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          if (!response.ok) { waiting = false; }
          saving = false;
          if (response.ok) {
            if (versionEl) { versionEl.value = json.version; }
            if (waiting) { waiting = false; form.requestSubmit(waitingSubmitter || undefined); return; }
            setStatus("已自动保存 " + json.savedAt, "saved");
            return;
          }
          dirty = true;
          var problems = (json.errors || []).map(function (p) { return p.message; });
          var message = problems.length ? problems.join("；") : (json.error && json.error.message) || "保存失败";
          setStatus("未能自动保存：" + message, "error");
        });
      }).catch(function () {
        saving = false;
        dirty = true;
        setStatus("网络中断，尚未保存；恢复后会自动保存，请勿关闭页面", "error");
        timer = setTimeout(save, 5000);
      });
    }
    function changed() {
      dirty = true;
      setStatus("有未保存的修改…", "pending");
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // A button saves as it submits: no autosave may race it. One in flight is waited for, so the
    // button's save carries the version it gave (app.js then confirms and sends as usual).
    form.addEventListener("submit", function (event) {
      clearTimeout(timer);
      if (saving) {
        event.preventDefault();
        event.stopPropagation();
        waiting = true;
        waitingSubmitter = event.submitter || null;
        setStatus("正在保存，稍后继续…", "pending");
        return;
      }
      // Sent (app.js marks the form) or cancelled at the confirmation: then autosave goes on.
      setTimeout(function () {
        if (form.dataset.submitting !== "1" && dirty) { timer = setTimeout(save, 1500); }
      }, 0);
    });
    // Leaving with what the server does not have yet asks first (not when a button sends it).
    window.addEventListener("beforeunload", function (event) {
      if ((dirty || saving) && form.dataset.submitting !== "1") { event.preventDefault(); event.returnValue = ""; }
    });
  });
})();
