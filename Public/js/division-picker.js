// The division picker: a select grouped by city (<optgroup> per 市州, what the page sends without
// script) becomes two selects, the city first and then its counties only. The grouped select
// stays in the form, hidden, and carries the value, so the server sees the same field either way.
(function () {
  "use strict";
  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }
  document.querySelectorAll("select[data-division-picker]").forEach(function (original) {
    var groups = Array.prototype.slice.call(original.querySelectorAll("optgroup"));
    if (!groups.length) { return; }
    // Choices outside any city (湖南省（省直单位）) are chosen in the first select directly.
    var loose = Array.prototype.slice.call(original.children).filter(function (o) { return o.tagName === "OPTION" && o.value; });
    var box = document.createElement("div");
    box.className = "division-picker";
    var city = document.createElement("select"), county = document.createElement("select");
    city.id = original.id + "_city";
    county.id = original.id + "_county";
    city.setAttribute("aria-label", "所在市州");
    county.setAttribute("aria-label", "所在县市区");
    ["aria-invalid", "aria-describedby"].forEach(function (name) {
      if (original.hasAttribute(name)) { city.setAttribute(name, original.getAttribute(name)); county.setAttribute(name, original.getAttribute(name)); }
    });
    city.appendChild(option("", "请选择市州"));
    loose.forEach(function (o) { city.appendChild(option("=" + o.value, o.textContent)); });
    groups.forEach(function (g, i) { city.appendChild(option(String(i), g.label)); });
    function fillCounties(index, chosen) {
      county.innerHTML = "";
      county.appendChild(option("", "请选择县市区"));
      var group = groups[index];
      county.disabled = !group;
      if (!group) { return; }
      group.querySelectorAll("option").forEach(function (o) {
        // "长沙市 岳麓区" reads as "岳麓区" once the city is chosen above it.
        var text = o.textContent.indexOf(group.label + " ") === 0 ? o.textContent.slice(group.label.length + 1) : o.textContent;
        var copy = option(o.value, text);
        if (o.value === chosen) { copy.selected = true; }
        county.appendChild(copy);
      });
    }
    // Start from what the grouped select holds (a form that came back keeps its choice).
    var current = original.value, start = "";
    groups.forEach(function (g, i) { if (g.querySelector("option[value='" + current + "']")) { start = String(i); } });
    if (!start && current) { start = "=" + current; }
    city.value = start;
    fillCounties(start && start[0] !== "=" ? parseInt(start, 10) : -1, current);
    city.addEventListener("change", function () {
      if (city.value[0] === "=") { original.value = city.value.slice(1); fillCounties(-1); return; }
      original.value = "";
      fillCounties(city.value === "" ? -1 : parseInt(city.value, 10));
    });
    county.addEventListener("change", function () { original.value = county.value; });
    box.appendChild(city);
    box.appendChild(county);
    original.hidden = true;
    original.parentNode.insertBefore(box, original);
    var label = document.querySelector("label[for='" + original.id + "']");
    if (label) { label.htmlFor = city.id; }
  });
})();
