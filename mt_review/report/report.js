(function () {
  "use strict";
  var doc = document;
  var boxes = Array.prototype.slice.call(doc.querySelectorAll("input[data-filter-severity]"));
  var cat = doc.getElementById("filter-category");
  var shown = doc.getElementById("filter-count");
  var rows = Array.prototype.slice.call(doc.querySelectorAll("tr[data-severity]"));
  function apply() {
    var wanted = {};
    boxes.forEach(function (b) { wanted[b.value] = b.checked; });
    var c = cat ? cat.value : "";
    var n = 0;
    rows.forEach(function (row) {
      var okSev = wanted[row.getAttribute("data-severity")] !== false;
      var cats = (row.getAttribute("data-categories") || "").split(" ");
      var okCat = !c || cats.indexOf(c) >= 0;
      row.hidden = !(okSev && okCat);
      if (!row.hidden) { n += 1; }
    });
    if (shown) { shown.textContent = n + " of " + rows.length + " rows shown"; }
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  if (cat) { cat.addEventListener("change", apply); }
  apply();
  // Self-test for the browser test: record the computed direction of every text cell.
  if (location.hash === "#selftest" || /[?&]selftest(=|&|$)/.test(location.search)) {
    Array.prototype.slice.call(doc.querySelectorAll("[data-side]")).forEach(function (el) {
      el.setAttribute("data-computed-dir", getComputedStyle(el).direction);
    });
    doc.documentElement.setAttribute("data-selftest-title", doc.title);
    doc.documentElement.setAttribute("data-selftest-body-margin", getComputedStyle(doc.body).marginTop);
    // exercise the filters: hide unflagged rows, count, restore
    var none = boxes.filter(function (b) { return b.value === "none"; })[0];
    if (none) {
      none.checked = false;
      apply();
      doc.documentElement.setAttribute("data-selftest-flagged-rows",
        String(rows.filter(function (r) { return !r.hidden; }).length));
      none.checked = true;
      apply();
    }
    doc.documentElement.setAttribute("data-selftest", "done");
  }
}());
