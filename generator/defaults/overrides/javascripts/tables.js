// Sortable tables (tablesort, vendored: the site loads nothing from another host).
// Material swaps pages without reloading (instant navigation), so attach on every page view.
document$.subscribe(function () {
  document.querySelectorAll("article table:not([class])").forEach(function (table) {
    if (table.tHead && table.tHead.textContent.trim()) {
      new Tablesort(table);
    }
  });
});

// A table wider than its frame scrolls sideways (Material's wrapper): say so above it, so nothing seems cut.
function markScrollingTables() {
  document.querySelectorAll("article .md-typeset__scrollwrap").forEach(function (wrap) {
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    var hint = wrap.previousElementSibling;
    if (!(hint && hint.classList.contains("rs-scroll-hint"))) {
      if (!wide) { return; }
      hint = document.createElement("p");
      hint.className = "rs-scroll-hint";
      hint.textContent = "This table is wider than the screen: scroll it sideways to see every column →";
      wrap.parentNode.insertBefore(hint, wrap);
    }
    hint.hidden = !wide;
    if (wide) {  // keyboard users can scroll it too
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table (scrolls sideways)");
    }
  });
}
document$.subscribe(markScrollingTables);
window.addEventListener("resize", markScrollingTables);
