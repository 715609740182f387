// A double click must not submit a form twice: the first submit disables its buttons.
// The server is still the guard (idempotent writes); this only spares users a confusing page.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitting === "1") { event.preventDefault(); return; }
  // Inline handlers are blocked by our CSP; a form or the button pressed asks in data-confirm.
  var submitter = event.submitter;
  var question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
  if (question && !window.confirm(question)) { event.preventDefault(); return; }
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
// Coming back through the browser's history shows the page as it was: re-enable its buttons.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-submitting]").forEach(function (form) {
    delete form.dataset.submitting;
    form.querySelectorAll("button[disabled]").forEach(function (button) { button.disabled = false; });
  });
});
