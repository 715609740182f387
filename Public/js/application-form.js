// The application form: rows to add and remove, live counters and totals, autosave while the
// user types, a copy in this browser until the server has it, and uploads with progress.
// Without this script the form still works: its buttons save, upload and submit as plain forms.
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  if (!form) { return; }
  var id = form.dataset.id;
  var storageKey = "shenbao-draft-" + id;
  var csrfMeta = document.querySelector("meta[name=csrf-token]");
  var csrf = csrfMeta ? csrfMeta.content : "";
  var statusEl = document.getElementById("save-status");
  var versionEl = document.getElementById("form-version");
  var dirty = false, saving = false, timer = null, retryTimer = null;

  function setStatus(text, kind) {
    statusEl.textContent = text;
    statusEl.className = "save-status" + (kind ? " " + kind : "");
  }

  // ---- characters as a reader counts them (the server counts the same way) ----
  function charCount(text) {
    text = text.replace(/\r\n/g, "\n").trim();
    if (window.Intl && Intl.Segmenter) {
      var n = 0, it = new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(text)[Symbol.iterator]();
      while (!it.next().done) { n++; }
      return n;
    }
    return Array.from(text).length;
  }
  function updateCounters() {
    form.querySelectorAll("textarea[data-limit]").forEach(function (area) {
      var counter = form.querySelector("[data-counter-for='" + area.id + "']");
      if (!counter) { return; }
      var n = charCount(area.value), limit = parseInt(area.dataset.limit, 10);
      counter.querySelector(".count").textContent = n;
      counter.classList.toggle("over", n > limit);
    });
  }

  // ---- the phase total in 万元 ----
  function updateTotal() {
    var total = 0;
    form.querySelectorAll("input.budget").forEach(function (input) {
      var v = parseFloat(input.value.replace(/[,，万元\s]/g, ""));
      if (!isNaN(v)) { total += Math.round(v * 10000); }
    });
    var text = (total / 10000).toFixed(4).replace(/\.?0+$/, "");
    document.getElementById("requested-total").textContent = text || "0";
  }

  // ---- rows ----
  function renumber(tbody) {
    var rows = tbody.querySelectorAll("tr.row");
    rows.forEach(function (row, index) {
      row.dataset.index = index;
      row.querySelectorAll("[name]").forEach(function (input) {
        input.name = input.name.replace(/^([a-zA-Z]+)\[\d+\]/, "$1[" + index + "]");
        if (input.id) { input.id = input.id.replace(/^f_([a-zA-Z]+)_\d+_/, "f_$1_" + index + "_"); }
      });
      var number = row.querySelector("td.number");
      if (number) { number.textContent = index + 1; }
      var remove = row.querySelector(".remove-row");
      if (remove) { remove.hidden = rows.length < 2; }
    });
  }
  form.querySelectorAll("table.rows-table").forEach(function (table) {
    renumber(table.tBodies[0]);
  });
  form.querySelectorAll(".add-row").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var tbody = form.querySelector("table[data-rows='" + button.dataset.for + "'] tbody");
      var rows = tbody.querySelectorAll("tr.row");
      var copy = rows[rows.length - 1].cloneNode(true);
      copy.querySelectorAll("input, select").forEach(function (input) {
        input.value = "";
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      });
      tbody.appendChild(copy);
      renumber(tbody);
      var first = copy.querySelector("input, select");
      if (first) { first.focus(); }
      changed();
    });
  });
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".remove-row");
    if (!button) { return; }
    var row = button.closest("tr.row"), tbody = row.parentNode;
    var next = row.nextElementSibling;
    if (next && next.classList.contains("row-error")) { next.remove(); }
    row.remove();
    renumber(tbody);
    updateTotal();
    changed();
  });

  // ---- autosave ----
  function body() {
    var data = new URLSearchParams(new FormData(form));
    return data;
  }
  function keepLocally() {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ body: body().toString(), at: Date.now() }));
    } catch (e) { /* private mode or full: the server copy still comes */ }
  }
  function changed() {
    dirty = true;
    keepLocally();
    setStatus("有未保存的修改…", "pending");
    clearTimeout(timer);
    timer = setTimeout(save, 1500);
  }
  // ---- problems: quiet until a field is left, all of them on 检查 or a submit attempt ----
  // Codes that only say something is not there yet (ApplicationStep.incompleteCodes on the server).
  var incompleteCodes = ["required", "notConfirmed", "missingAttachment", "missingEvidence", "evidenceRequired", "tooFewCountries", "tooFewMembers"];
  var problemsBox = document.getElementById("problems");
  var checkMode = problemsBox && problemsBox.dataset.check === "1";
  var touched = {};
  var lastProblems = [];
  document.querySelectorAll("#problem-list li").forEach(function (li) {
    var link = li.querySelector("a");
    lastProblems.push({ field: li.dataset.field, code: li.dataset.code, message: li.textContent,
      anchor: link ? link.getAttribute("href").slice(1) : "" });
  });
  function key(field) { return field.replace(/\]/g, "").replace(/\[/g, "_").replace(/\./g, "_"); }
  function fieldOf(el) { var f = el.closest(".field[data-field]"); return f ? f.dataset.field : ""; }
  function describe(input, id, on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (t) { return t && t !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
    if (on) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
  }
  // The inputs an error belongs to: the field itself, or the boxes of its group (not a whole table).
  function inputsFor(errorKey) {
    var target = document.getElementById("f_" + errorKey);
    if (!target || target.tagName === "TABLE") { return []; }
    return /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ? [target] : Array.prototype.slice.call(target.querySelectorAll("input, select, textarea"));
  }
  function showProblems(problems) {
    lastProblems = problems;
    var list = document.getElementById("problem-list"), box = problemsBox;
    list.innerHTML = "";
    problems.forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + (p.anchor || "f_" + key(p.field));
      a.textContent = p.message;
      li.dataset.field = p.field;
      li.dataset.code = p.code;
      li.appendChild(a);
      list.appendChild(li);
    });
    box.className = "flash problems " + (problems.length ? (checkMode ? "error" : "note") : "success");
    box.setAttribute("role", checkMode && problems.length ? "alert" : "status");
    var summary = document.getElementById("problem-summary");
    summary.innerHTML = !problems.length ? "申报书已填写完整，可以提交。"
      : checkMode ? "提交前还有 <strong id=\"problem-count\">" + problems.length + "</strong> 处需要完善，点击各项可跳到该处："
      : "还有 <strong id=\"problem-count\">" + problems.length + "</strong> 项待填写或需要完善（点此展开；填写完成后请点“检查”）";
    if (checkMode && problems.length) { document.getElementById("problem-details").open = true; }
    document.querySelectorAll("[data-error-for]").forEach(function (el) {
      var errorKey = el.dataset.errorFor;
      if (errorKey === "attachments_upload") { return; }
      var shown = checkMode || touched[fieldOf(el)];
      var messages = problems.filter(function (p) {
        return key(p.field) === errorKey && (shown || incompleteCodes.indexOf(p.code) < 0);
      }).map(function (p) { return p.message; });
      el.textContent = messages.join("；");
      el.hidden = !messages.length;
      inputsFor(errorKey).forEach(function (input) { describe(input, el.id, messages.length > 0); });
      var field = el.closest(".field");
      if (field) { field.classList.toggle("invalid", !!field.querySelector("[data-error-for]:not([hidden])")); }
    });
  }
  // Leaving a field shows its problems (saving first if it changed, so they are current).
  form.addEventListener("focusout", function (event) {
    var name = fieldOf(event.target);
    if (!name || touched[name]) { return; }
    touched[name] = true;
    if (dirty) { clearTimeout(timer); save(); } else { showProblems(lastProblems); }
  });
  // A link in the summary puts the cursor in its field, not only the page at it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("#problem-list a");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var focusable = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName) ? target
      : target.querySelector("input:not([type=hidden]), select, textarea, button");
    target.scrollIntoView({ block: "center" });
    (focusable || target).focus({ preventScroll: true });
  });
  function save() {
    if (saving) { clearTimeout(timer); timer = setTimeout(save, 500); return Promise.resolve(); }
    if (!dirty) { return Promise.resolve(); }
    saving = true;
    dirty = false;
    var sent = body();
    setStatus("正在保存…", "pending");
    return fetch(form.dataset.autosave, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf, "Accept": "application/json" },
      body: sent.toString(),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        saving = false;
        if (response.ok) {
          versionEl.value = json.version;
          setStatus("已保存 " + json.savedAt, "saved");
          if (!dirty) { try { localStorage.removeItem(storageKey); } catch (e) {} }
          showProblems(json.links || json.problems || []);
          return;
        }
        dirty = true;
        var message = json.error && json.error.message ? json.error.message : "保存失败";
        if (response.status === 401 || response.status === 403) {
          setStatus("未保存：登录已过期，请在新窗口重新登录，本页内容已保存在本机", "error");
        } else {
          setStatus("未保存：" + message + "（本页内容已保存在本机）", "error");
        }
      });
    }).catch(function () {
      saving = false;
      dirty = true;
      setStatus("未保存：网络中断，本页内容已保存在本机，恢复后自动上传", "error");
      clearTimeout(retryTimer);
      retryTimer = setTimeout(save, 10000);
    });
  }
  form.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { updateCounters(); }
    if (event.target.classList.contains("budget")) { updateTotal(); }
    changed();
  });
  form.addEventListener("change", changed);
  window.addEventListener("online", function () { if (dirty) { save(); } });
  window.addEventListener("beforeunload", function (event) {
    if (dirty || saving) { keepLocally(); event.preventDefault(); event.returnValue = ""; }
  });
  // The plain "保存草稿" button still works; with the script it saves in place.
  // 检查 saves too, then shows every problem beside its field and moves to the summary.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var checking = event.submitter && event.submitter.name === "check";
    if (checking) { checkMode = true; }
    dirty = true;
    save().then(function () {
      delete form.dataset.submitting;
      form.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
      if (checking) {
        showProblems(lastProblems);
        problemsBox.scrollIntoView({ block: "start" });
        problemsBox.focus({ preventScroll: true });
      }
    });
  });

  // ---- what this browser kept but the server never got (a reload, a lost connection) ----
  (function restore() {
    var kept;
    try { kept = JSON.parse(localStorage.getItem(storageKey) || "null"); } catch (e) { kept = null; }
    if (!kept || !kept.body) { return; }
    var params = new URLSearchParams(kept.body);
    params.set("version", versionEl.value);
    params.set("_csrf", csrf);
    if (params.toString() === body().toString()) { localStorage.removeItem(storageKey); return; }
    var banner = document.getElementById("restore-banner");
    banner.hidden = false;
    banner.textContent = "发现本机上次未保存的内容，正在恢复…";
    fetch(form.dataset.autosave, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf, "Accept": "application/json" },
      body: params.toString(),
      credentials: "same-origin"
    }).then(function (response) {
      if (response.ok) {
        localStorage.removeItem(storageKey);
        sessionStorage.setItem("shenbao-restored-" + id, "1");
        window.location.reload();
      } else {
        banner.textContent = "本机有上次未保存的内容，但暂时无法恢复（" + response.status + "）。请勿关闭本页，稍后刷新重试。";
      }
    }).catch(function () {
      banner.textContent = "本机有上次未保存的内容；网络恢复后刷新本页即可自动恢复。";
    });
  })();
  if (sessionStorage.getItem("shenbao-restored-" + id)) {
    sessionStorage.removeItem("shenbao-restored-" + id);
    var banner = document.getElementById("restore-banner");
    banner.hidden = false;
    banner.className = "flash success";
    banner.textContent = "已恢复本机上次未保存的内容，并已保存。";
  }

  // ---- uploads with progress ----
  var upload = document.getElementById("upload-form");
  if (upload && window.FormData && window.XMLHttpRequest) {
    upload.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopPropagation();
      var error = upload.querySelector("[data-error-for='attachments_upload']");
      var file = upload.querySelector("input[type=file]").files[0];
      error.hidden = true;
      if (!file) { error.textContent = "请选择要上传的文件"; error.hidden = false; return; }
      var progress = document.getElementById("upload-progress");
      var data = new FormData();
      data.append("kind", upload.querySelector("select[name=kind]").value);
      var condition = upload.querySelector("select[name=condition]");
      // The condition names what an evidence file proves; other kinds send none.
      if (condition && upload.querySelector("select[name=kind]").value === "evidence") { data.append("condition", condition.value); }
      data.append("file", file);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", upload.dataset.api);
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      progress.hidden = false;
      progress.value = 0;
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { progress.value = Math.round(e.loaded * 100 / e.total); } };
      xhr.onload = function () {
        if (xhr.status === 201) {
          window.location.replace("/applications/" + id + "?done=uploaded&at=" + Date.now() + "#attachments");
          return;
        }
        var message = "上传失败（" + xhr.status + "）";
        try {
          var json = JSON.parse(xhr.responseText);
          message = (json.errors && json.errors.length) ? json.errors.map(function (p) { return p.message; }).join("；") : json.error.message;
        } catch (e) {}
        progress.hidden = true;
        error.textContent = message;
        error.hidden = false;
        upload.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        delete upload.dataset.submitting;
      };
      xhr.onerror = function () {
        progress.hidden = true;
        error.textContent = "网络中断，上传失败，请重试";
        error.hidden = false;
        upload.querySelectorAll("button").forEach(function (b) { b.disabled = false; });
        delete upload.dataset.submitting;
      };
      xhr.send(data);
    });
  }

  // ---- submitting: whatever is typed is saved first ----
  var submitForm = document.getElementById("submit-form");
  if (submitForm) {
    submitForm.addEventListener("submit", function (event) {
      if (!dirty && !saving) { return; }
      event.preventDefault();
      save().then(function () { submitForm.submit(); });
    });
  }
  updateCounters();
  updateTotal();
})();
