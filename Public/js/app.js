// A double click must not submit a form twice: the first submit disables its buttons.
// The server is still the guard (idempotent writes); this only spares users a confusing page.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitting === "1") { event.preventDefault(); return; }
  // An irreversible step carries its question in hidden fields (the server asks the same on a
  // page when there is no JavaScript): `_confirm`, or `_confirm_<value>` of the field `_confirm_by`.
  var submitter = event.submitter;
  var question = confirmation(form, submitter);
  if (question) {
    if (!window.confirm(question)) { event.preventDefault(); return; }
    var confirmed = document.createElement("input");
    confirmed.type = "hidden";
    confirmed.name = "_confirmed";
    confirmed.value = "1";
    form.appendChild(confirmed);
  }
  form.dataset.submitting = "1";
  // A disabled button is left out of what the form sends: keep the pressed one's name and value.
  if (submitter && submitter.name) {
    var pressed = document.createElement("input");
    pressed.type = "hidden";
    pressed.name = submitter.name;
    pressed.value = submitter.value;
    form.appendChild(pressed);
  }
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
    button.disabled = true;
  });
}, true);
function confirmation(form, submitter) {
  var data = new FormData(form);
  if (submitter && submitter.name) data.set(submitter.name, submitter.value);
  var by = data.get("_confirm_by");
  if (by) return data.get(by) ? data.get("_confirm_" + data.get(by)) : null;
  return data.get("_confirm");
}
// Coming back through the browser's history shows the page as it was: re-enable its buttons.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-submitting]").forEach(function (form) {
    delete form.dataset.submitting;
    form.querySelectorAll("button[disabled]").forEach(function (button) { button.disabled = false; });
    form.querySelectorAll("input[name=_confirmed]").forEach(function (input) { input.remove(); });
  });
});

// The navigation. On a phone it folds behind 菜单 (without this script every link is listed); on a
// desk a group's links drop down under its name, and only one group is open at a time: opening
// another, clicking elsewhere, leaving it with Tab or pressing Escape closes it.
(function () {
  var nav = document.querySelector("nav.nav");
  if (!nav) { return; }
  var phone = window.matchMedia("(max-width: 640px)");
  var toggle = nav.querySelector(".nav-toggle");
  var groups = Array.prototype.slice.call(nav.querySelectorAll("details.nav-group"));
  function setMenu(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("open", open);
    // The group of the page shown opens with the menu, so its links are in sight.
    if (open) { groups.forEach(function (group) { if (group.classList.contains("active")) { group.open = true; } }); }
  }
  if (toggle) {
    nav.classList.add("collapsible");
    toggle.hidden = false;
    toggle.addEventListener("click", function () { setMenu(toggle.getAttribute("aria-expanded") !== "true"); });
  }
  function closeGroups(except) {
    groups.forEach(function (group) { if (group !== except) { group.open = false; } });
  }
  groups.forEach(function (group) {
    group.addEventListener("toggle", function () { if (group.open && !phone.matches) { closeGroups(group); } });
  });
  document.addEventListener("click", function (event) {
    if (!phone.matches && !nav.contains(event.target)) { closeGroups(null); }
  });
  nav.addEventListener("focusout", function (event) {
    if (phone.matches || !event.relatedTarget) { return; }
    groups.forEach(function (group) { if (group.open && !group.contains(event.relatedTarget)) { group.open = false; } });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = groups.filter(function (group) { return group.open; })[0];
    if (open && !phone.matches) {
      open.open = false;
      open.querySelector("summary").focus();
    } else if (toggle && phone.matches && nav.classList.contains("open")) {
      setMenu(false);
      toggle.focus();
    }
  });
})();

// Tables read as cards on a phone: each cell carries its column's heading in data-label, which
// app.css shows beside the value. Tables without a <thead>, and any marked data-cards="off",
// keep scrolling inside themselves. Rows added later (a form's 添加 buttons) copy a labelled row.
(function () {
  function label(table) {
    if (table.dataset.cards === "off" || !table.tHead || !table.tHead.rows.length) { return; }
    var headings = [];
    Array.prototype.forEach.call(table.tHead.rows[table.tHead.rows.length - 1].cells, function (cell) {
      for (var i = 0; i < cell.colSpan; i += 1) { headings.push(cell.textContent.replace(/\s+/g, " ").trim()); }
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (cell.colSpan === 1 && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", headings[column] || "");
          }
          column += cell.colSpan;
        });
      });
    });
    table.classList.add("cards");
  }
  document.querySelectorAll("table.data, table.rows-table, main table.doc").forEach(label);
})();
