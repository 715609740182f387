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
