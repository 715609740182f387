// A long multiple select (an expert's conflict organisations) gets a search box above it: typing
// hides the options that do not match, chosen ones stay in sight. Without script it is a plain
// multiple select, which still works.
(function () {
  "use strict";
  document.querySelectorAll("select[multiple][data-search]").forEach(function (select) {
    var search = document.createElement("input");
    search.type = "search";
    search.className = "picker-search";
    search.placeholder = select.dataset.search;
    search.setAttribute("aria-label", select.dataset.search);
    search.setAttribute("aria-controls", select.id);
    search.addEventListener("input", function () {
      var words = search.value.trim().toLowerCase();
      Array.prototype.forEach.call(select.options, function (o) {
        o.hidden = !!words && !o.selected && o.textContent.toLowerCase().indexOf(words) < 0;
      });
    });
    // Enter in the box must not send the form.
    search.addEventListener("keydown", function (event) { if (event.key === "Enter") { event.preventDefault(); } });
    select.parentNode.insertBefore(search, select);
  });
})();
