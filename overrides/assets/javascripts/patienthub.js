/* patienthub: loads Pagefind's search UI on the search page only, so other pages stay light.
   No inline script anywhere: everything comes from this file (Content-Security-Policy 'self'). */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/javascripts\/patienthub\.js.*$/, "") : "/";

  function load(tag, attributes, done) {
    var element = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (done) { element.addEventListener("load", done); }
    document.head.appendChild(element);
  }

  function startSearch() {
    var box = document.getElementById("ph-search");
    if (!box) { return; }
    load("link", { rel: "stylesheet", href: root + "pagefind/pagefind-ui.css" });
    load("script", { src: root + "pagefind/pagefind-ui.js" }, function () {
      /* global PagefindUI */
      var ui = new PagefindUI({
        element: "#ph-search",
        bundlePath: root + "pagefind/",
        showImages: false,
        showSubResults: true,
        autofocus: true,
        resetStyles: false
      });
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) { ui.triggerSearch(query); }
    });
  }

  /* Under `mkdocs serve` only: highlight in the text what the writer's panel complains about. A sentence often
     spans several text nodes (a link, bold text, a glossary term), so the article's text is searched as one
     string, with runs of white space counted as one space, and every text node the match touches gets a mark. */
  function articleText(article) {
    var chars = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      if (node.parentNode.closest(".ph-editor-panel")) { continue; }
      for (var i = 0; i < node.nodeValue.length; i++) {
        var space = /\s/.test(node.nodeValue[i]);
        if (space && chars.length && chars[chars.length - 1].text === " ") { continue; }
        chars.push({ text: space ? " " : node.nodeValue[i], node: node, offset: i });
      }
    }
    return chars;
  }

  function markFindings() {
    var panel = document.querySelector(".ph-editor-panel");
    var article = document.querySelector("article");
    if (!panel || !article) { return; }
    panel.querySelectorAll("[data-excerpt]").forEach(function (item) {
      var excerpt = (item.getAttribute("data-excerpt") || "").replace(/\s+/g, " ").trim();
      if (!excerpt) { return; }
      var chars = articleText(article);
      var at = chars.map(function (c) { return c.text; }).join("").indexOf(excerpt);
      if (at < 0) { return; }
      var pieces = [];
      chars.slice(at, at + excerpt.length).forEach(function (c) {
        var last = pieces[pieces.length - 1];
        if (last && last.node === c.node) { last.end = c.offset + 1; }
        else { pieces.push({ node: c.node, start: c.offset, end: c.offset + 1 }); }
      });
      pieces.forEach(function (piece) {
        if (piece.node.parentNode.closest(".ph-editor-mark")) { return; }  // marked for another finding
        var range = document.createRange();
        range.setStart(piece.node, piece.start);
        range.setEnd(piece.node, piece.end);
        var mark = document.createElement("mark");
        mark.className = "ph-editor-mark";
        mark.title = item.textContent;
        range.surroundContents(mark);
      });
    });
  }

  function start() {
    startSearch();
    markFindings();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
