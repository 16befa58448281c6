/* The concordance (book/concordance.md): filter its table by verdict and sort
 * it by a column.  Plain JavaScript shipped with the book, no library.  Every
 * page links this file (jupyter-book links every *.js under _static/); it
 * does nothing on pages without a ".record-concordance table".
 * ?verdict=erratum in the page's address preselects a filter. */
(function () {
  "use strict";

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  /* "Eq. (13), its three cases" -> [13, 1, text]; "Fig. 1" after Eq. (20). */
  function paperKey(text) {
    var eq = /^Eq\. \((\d+)\)/.exec(text);
    if (eq) { return [Number(eq[1]), text.indexOf(",") < 0 ? 0 : 1, text]; }
    var fig = /^Fig\. (\d+)/.exec(text);
    if (fig) { return [20.5, 0, text]; }
    return [1e6, 0, text];
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }

  function setup(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) { return; }
    var names = Array.prototype.map.call(head.cells, function (c) { return c.textContent.trim(); });
    var verdictColumn = names.indexOf("verdict");
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) {
      row.dataset.order = String(i);
      Array.prototype.forEach.call(row.cells, function (cell, j) { cell.dataset.label = names[j]; });
    });
    table.classList.add("record-sortable");

    /* Filter buttons, one per verdict present, with counts. */
    var counts = {};
    rows.forEach(function (row) {
      var v = cellText(row, verdictColumn);
      counts[v] = (counts[v] || 0) + 1;
    });
    var bar = document.createElement("div");
    bar.className = "record-filter";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Show items by verdict");
    var choices = ["all"].concat(["confirmed", "conditional", "erratum", "notation", "unchecked", "failed"]
      .filter(function (v) { return counts[v]; }));
    var status = document.createElement("p");
    status.className = "record-status";
    status.setAttribute("aria-live", "polite");

    function apply(choice) {
      var shown = 0;
      rows.forEach(function (row) {
        var match = choice === "all" || cellText(row, verdictColumn) === choice;
        row.hidden = !match;
        if (match) { shown++; }
      });
      Array.prototype.forEach.call(bar.children, function (b) {
        b.setAttribute("aria-pressed", String(b.dataset.verdict === choice));
      });
      status.textContent = shown + " of " + rows.length + " items shown" +
        (choice === "all" ? "." : " (" + choice + ").");
    }

    choices.forEach(function (choice) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "record-filter-button";
      b.dataset.verdict = choice;
      b.textContent = choice + " (" + (choice === "all" ? rows.length : counts[choice]) + ")";
      b.addEventListener("click", function () { apply(choice); });
      bar.appendChild(b);
    });
    var container = table.closest(".pst-scrollable-table-container") || table;
    container.parentNode.insertBefore(bar, container);
    container.parentNode.insertBefore(status, container);

    /* Sorting: a click on a heading sorts by it; again reverses. */
    var state = { column: -1, direction: 1 };
    Array.prototype.forEach.call(head.cells, function (cell, j) {
      cell.setAttribute("aria-sort", "none");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "record-sort-button";
      button.textContent = cell.textContent.trim();
      button.title = "Sort by " + button.textContent;
      cell.textContent = "";
      cell.appendChild(button);
      button.addEventListener("click", function () {
        state.direction = state.column === j ? -state.direction : 1;
        state.column = j;
        var sorted = rows.slice().sort(function (a, b) {
          var ka = j === 0 ? paperKey(cellText(a, j)) : [cellText(a, j), Number(a.dataset.order)];
          var kb = j === 0 ? paperKey(cellText(b, j)) : [cellText(b, j), Number(b.dataset.order)];
          return state.direction * compare(ka, kb);
        });
        sorted.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(head.cells, function (c, k) {
          c.setAttribute("aria-sort", k === j ? (state.direction > 0 ? "ascending" : "descending") : "none");
        });
      });
    });

    var wanted = new URLSearchParams(window.location.search).get("verdict");
    apply(choices.indexOf(wanted) >= 0 ? wanted : "all");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".record-concordance table"), setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.ctrnnRecord = { setup: setup };
}());
