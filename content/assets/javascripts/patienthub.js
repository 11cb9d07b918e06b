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

  /* Under `mkdocs serve` only: highlight in the text what the writer's panel complains about. */
  function markFindings() {
    var panel = document.querySelector(".ph-editor-panel");
    var article = document.querySelector("article");
    if (!panel || !article) { return; }
    panel.querySelectorAll("[data-excerpt]").forEach(function (item) {
      var excerpt = item.getAttribute("data-excerpt");
      if (!excerpt) { return; }
      var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      var node;
      while ((node = walker.nextNode())) {
        if (node.parentNode.closest(".ph-editor-panel")) { continue; }
        var at = node.nodeValue.indexOf(excerpt);
        if (at < 0) { continue; }
        var range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + excerpt.length);
        var mark = document.createElement("mark");
        mark.className = "ph-editor-mark";
        mark.title = item.textContent;
        range.surroundContents(mark);
        break;
      }
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
