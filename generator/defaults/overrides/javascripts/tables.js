// Sortable tables (tablesort, vendored: the site loads nothing from another host).
// Material swaps pages without reloading (instant navigation), so attach on every page view.
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    if (table.tHead && table.tHead.textContent.trim()) {
      new Tablesort(table);
    }
  });
});
