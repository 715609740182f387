// A funded project's report forms: saved a moment after the unit stops typing, as the 保存 button
// saves them, with a copy in this browser until the server has it. Without this script the
// buttons still save and submit as plain forms.
(function () {
  "use strict";
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var csrf = csrfMeta ? csrfMeta.content : "";
  document.querySelectorAll("form.report-form[data-autosave]").forEach(function (form) {
    var statusEl = form.querySelector(".save-status");
    var versionEl = form.querySelector("input[name=version]");
    var storageKey = "shenbao-report-" + form.dataset.autosave;
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
            if (!dirty) { try { localStorage.removeItem(storageKey); } catch (e) {} }
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
        setStatus("网络中断，修改暂存在本浏览器，恢复后会自动保存", "error");
        timer = setTimeout(save, 5000);
      });
    }
    function changed() {
      dirty = true;
      try { localStorage.setItem(storageKey, body().toString()); } catch (e) { /* private mode: the server copy still comes */ }
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
      }
    });
  });
})();
