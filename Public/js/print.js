// The print view's 打印 button: the browser's own print dialog (A4 set by print.css).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("print-button");
  if (button) button.addEventListener("click", () => window.print());
});
