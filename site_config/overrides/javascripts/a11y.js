// Material's search overlay is a dialog without a name (axe: aria-dialog-name): give it one.
document$.subscribe(function () {
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (dialog) {
    dialog.setAttribute("aria-label", "Search this site");
  });
});
