// The cite line: the reader's access date, the full address on a local preview, a copy button; citation
// files download instead of opening. Material swaps pages without reloading, so run on every page view.
document$.subscribe(function () {
  document.querySelectorAll(".rs-cite").forEach(function (block) {
    var accessed = block.querySelector(".rs-accessed");
    if (accessed) {
      accessed.textContent = new Date().toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    }
    var url = block.querySelector(".rs-cite__url[data-relative]");
    if (url) {
      url.textContent = location.origin + location.pathname;  // this page's own address
    }
    var text = block.querySelector(".rs-cite__text");
    if (text && !block.querySelector(".rs-copy")) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button rs-copy";
      button.textContent = "Copy citation";
      button.addEventListener("click", function () {
        var citation = text.textContent.replace(/\s+/g, " ").trim();
        var done = function () { button.textContent = "Copied"; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(citation).then(done);
        } else {  // plain http: select the citation and copy the selection
          var range = document.createRange();
          range.selectNodeContents(text);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
          if (document.execCommand("copy")) { done(); }
        }
      });
      text.parentNode.appendChild(button);
    }
    block.querySelectorAll("a.rs-citefile").forEach(function (link) {
      link.setAttribute("download", "");
    });
  });
});
