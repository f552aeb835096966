(function () {
  "use strict";
  var doc = document;
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }

  // ---- filters: severity boxes (unflagged rows start hidden) and category
  var boxes = all("input[data-filter-severity]");
  var cat = doc.getElementById("filter-category");
  var shown = doc.getElementById("filter-count");
  var rows = all("tr[data-severity]");
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

  // ---- pages: page order or worst first (summary rows and page sections alike)
  var sorter = doc.getElementById("sort-pages");
  function sortPages() {
    var key = sorter && sorter.value === "worst" ? "data-worst" : "data-order";
    function byKey(a, b) { return Number(a.getAttribute(key)) - Number(b.getAttribute(key)); }
    [doc.querySelector("#page-summary tbody"), doc.getElementById("pages")].forEach(function (parent) {
      if (!parent) { return; }
      all(":scope > [data-order]", parent).sort(byKey).forEach(function (el) { parent.appendChild(el); });
    });
  }
  if (sorter) { sorter.addEventListener("change", sortPages); sortPages(); }

  // ---- a link to a page or row opens its collapsed section
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && doc.getElementById(id);
    if (!target) { return; }
    for (var el = target; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    var d = target.querySelector && target.querySelector(":scope > details");
    if (d) { d.open = true; }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  // ---- editors' decisions: the buttons build a CSV for --decisions, downloaded from a Blob
  var decisions = {};  // fingerprint -> {decision, page, check}
  var link = doc.getElementById("decisions-download");
  var count = doc.getElementById("decision-count");
  var reviewer = doc.getElementById("reviewer");
  function field(v) { return '"' + String(v || "").replace(/"/g, '""').replace(/[\r\n]+/g, " ") + '"'; }
  function decisionsCsv() {
    var who = reviewer ? reviewer.value.trim() : "";
    var lines = ["# Editors' decisions for mt-review: pass back with --decisions FILE",
                 "fingerprint,decision,reviewer,note"];
    Object.keys(decisions).sort().forEach(function (fp) {
      var d = decisions[fp];
      lines.push([fp, d.decision, field(who), field(d.page + ": " + d.check)].join(","));
    });
    return lines.join("\n") + "\n";
  }
  function refresh() {
    var n = Object.keys(decisions).length;
    if (count) { count.textContent = n ? n + (n === 1 ? " decision" : " decisions") : "no decisions yet"; }
    if (!link) { return; }
    if (link.href && link.href.indexOf("blob:") === 0) { URL.revokeObjectURL(link.href); }
    if (n) {
      link.href = URL.createObjectURL(new Blob([decisionsCsv()], { type: "text/csv" }));
      link.hidden = false;
    } else {
      link.removeAttribute("href");
      link.hidden = true;
    }
  }
  all(".decide button[data-decision]").forEach(function (button) {
    button.addEventListener("click", function () {
      var box = button.parentElement;
      var fp = box.getAttribute("data-fp");
      var choice = button.getAttribute("data-decision");
      var again = decisions[fp] && decisions[fp].decision === choice;  // a second click takes it back
      if (again) { delete decisions[fp]; } else {
        decisions[fp] = { decision: choice, page: box.getAttribute("data-page"), check: box.getAttribute("data-check") };
      }
      // one finding can appear in several places: keep every copy of its buttons in step
      all('.decide[data-fp="' + fp + '"] button').forEach(function (b) {
        b.setAttribute("aria-pressed", String(!again && b.getAttribute("data-decision") === choice));
      });
      refresh();
    });
  });
  if (reviewer) { reviewer.addEventListener("change", refresh); }

  // ---- self-test for the browser test: record what the browser computed
  if (location.hash === "#selftest" || /[?&]selftest(=|&|$)/.test(location.search)) {
    all("[data-side]").forEach(function (el) {
      el.setAttribute("data-computed-dir", getComputedStyle(el).direction);
    });
    doc.documentElement.setAttribute("data-selftest-title", doc.title);
    doc.documentElement.setAttribute("data-selftest-body-margin", getComputedStyle(doc.body).marginTop);
    doc.documentElement.setAttribute("data-selftest-visible-rows",
      String(rows.filter(function (r) { return !r.hidden; }).length));
    // exercise the filters: show the unflagged rows, count, restore
    var none = boxes.filter(function (b) { return b.value === "none"; })[0];
    if (none) {
      none.checked = true;
      apply();
      doc.documentElement.setAttribute("data-selftest-all-rows",
        String(rows.filter(function (r) { return !r.hidden; }).length));
      none.checked = false;
      apply();
    }
    doc.documentElement.setAttribute("data-selftest", "done");
  }
}());
