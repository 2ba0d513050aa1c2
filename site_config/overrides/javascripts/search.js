/* The header's search box over the Pagefind index the plugin writes to <site>/pagefind/
   (generator/site/search.py). Nothing is fetched until the reader types; then Pagefind loads
   only the index chunks and the result fragments the query needs, all from this site.
   Each result shows what the record is, its title and its most telling line (the quote, the
   figure, the event's date and place), set as text, never as HTML. */
(function () {
  "use strict";
  var box = document.querySelector(".rs-search");
  var toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  var input = box.querySelector(".md-search__input");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), window.location.href);
  var words = config.translations || {};
  var engine = null;
  var latest = 0;
  var SHOWN = 10;
  // A record's page is short or long by how much is known of it, not by how much it is about the word typed:
  // page length counts for little (Pagefind's default 0.75 ranks every short source above the facts).
  var RANKING = { pageLength: 0.1 };

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, ranking: RANKING }).then(function () { return pagefind; });
      });
    }
    return engine;
  }

  function say(text) { meta.textContent = text; }

  function count(n) {
    if (n === 0) return words["search.result.none"] || "No matching documents";
    if (n === 1) return words["search.result.one"] || "1 matching document";
    return (words["search.result.other"] || "# matching documents").replace("#", n);
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var kind = document.createElement("span");
    kind.className = "rs-search__kind";
    kind.textContent = data.meta.kind || "";
    var title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    var line = document.createElement("p");
    line.textContent = data.meta.summary || "";
    article.append(kind, title, line);
    a.append(article);
    li.append(a);
    return li;
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      delete list.dataset.query;
      say(words["search.result.placeholder"] || "Type to start searching");
      return;
    }
    load().then(function (pagefind) {
      return pagefind.debouncedSearch(query, {}, 150);
    }).then(function (found) {
      if (found === null || ticket !== latest) return null;  // a newer query is on its way
      return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); }))
        .then(function (datas) {
          if (ticket !== latest) return;
          list.replaceChildren.apply(list, datas.map(item));
          say(count(found.results.length));
          list.dataset.query = query;  // which query the list answers (tests wait for it)
        });
    }).catch(function (error) {
      if (ticket === latest) say("Search is not available: " + error.message);
    });
  }

  input.addEventListener("input", search);
  input.addEventListener("focus", function () { toggle.checked = true; load(); });
  box.querySelector("form").addEventListener("reset", function () {
    window.setTimeout(search, 0);
  });
  box.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus(); else input.blur();
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) ||
      document.activeElement.isContentEditable;
    if (event.key === "Escape" && toggle.checked) {
      toggle.checked = false;
      input.blur();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey &&
               (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) { input.focus(); event.preventDefault(); }
      else if (next < links.length) { links[next].focus(); event.preventDefault(); }
    }
  });
})();
