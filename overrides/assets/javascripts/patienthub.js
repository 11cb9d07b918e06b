/* patienthub: "Lees voor" on every patient page, and the writer's marks under `mkdocs serve`. The search page has
   its own module (patienthub-search.js). No inline script anywhere (Content-Security-Policy 'self'). */
(function () {
  "use strict";

  /* "Lees voor": the browser's own Dutch speech (Web Speech API) reads the page's text aloud, sentence by
     sentence, and marks the sentence it reads. Nothing leaves the browser; no voice in Dutch, no button. */
  var SKIP = "nav, script, style, svg, button, [hidden], [aria-hidden=true], .ph-notice, .ph-readaloud, " +
    ".ph-editor-panel, .headerlink, .md-source-file";
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, figcaption, blockquote";

  function dutchVoice(speech) {
    var voices = speech.getVoices() || [];
    var exact = voices.filter(function (v) { return /^nl[-_]NL$/i.test(v.lang || ""); });
    var dutch = voices.filter(function (v) { return /^nl\b/i.test(v.lang || ""); });
    return exact[0] || dutch[0] || null;
  }

  /* The text blocks of the page, in reading order, each with its sentences and where they are in the DOM. Text
     in a block inside another block (a paragraph in a list item) belongs to the innermost one, read once. */
  function sentences(body) {
    var out = [];
    body.querySelectorAll(BLOCKS).forEach(function (block) {
      if (block.closest(SKIP)) { return; }
      var chars = [];
      var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      var node;
      while ((node = walker.nextNode())) {
        if (node.parentNode.closest(SKIP) || node.parentNode.closest(BLOCKS) !== block) { continue; }
        for (var i = 0; i < node.nodeValue.length; i++) {
          chars.push({ text: /\s/.test(node.nodeValue[i]) ? " " : node.nodeValue[i], node: node, offset: i });
        }
      }
      var text = chars.map(function (c) { return c.text; }).join("");
      var found = /[^.!?]+(?:[.!?]+(?=\s|$)|$)|[.!?]+/g;
      var match;
      while ((match = found.exec(text))) {
        var said = match[0].replace(/\s+/g, " ").trim();
        if (!/[0-9A-Za-z\u00C0-\u024F]/.test(said)) { continue; }
        var start = match.index + match[0].search(/\S/);
        var end = match.index + match[0].replace(/\s+$/, "").length;
        out.push({ text: said, block: block, first: chars[start], last: chars[end - 1] });
      }
    });
    return out;
  }

  function readAloud() {
    var speech = window.speechSynthesis;
    var body = document.querySelector("[data-pagefind-body]");
    var heading = body && body.querySelector("h1");
    if (!speech || !window.SpeechSynthesisUtterance || !heading) { return; }

    var bar = document.createElement("div");
    bar.className = "ph-readaloud";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Voorlezen");
    bar.hidden = true;
    function button(label, name) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ph-readaloud__button ph-readaloud__" + name;
      b.textContent = label;
      bar.appendChild(b);
      return b;
    }
    var play = button("Lees voor", "play");
    var pause = button("Pauze", "pause");
    var stop = button("Stop", "stop");
    pause.hidden = stop.hidden = true;

    var marks = window.CSS && CSS.highlights && window.Highlight ? CSS.highlights : null;
    function mark(sentence) {
      document.querySelectorAll(".ph-readaloud--block").forEach(function (b) { b.classList.remove("ph-readaloud--block"); });
      if (marks) { marks.delete("ph-readaloud"); }
      if (!sentence) { return; }
      sentence.block.classList.add("ph-readaloud--block");
      if (marks) {
        var range = document.createRange();
        range.setStart(sentence.first.node, sentence.first.offset);
        range.setEnd(sentence.last.node, sentence.last.offset + 1);
        marks.set("ph-readaloud", new Highlight(range));
      }
    }
    function idle() {
      mark(null);
      bar.classList.remove("ph-readaloud--reading");
      var hadFocus = bar.contains(document.activeElement);
      play.hidden = false;
      pause.hidden = stop.hidden = true;
      pause.textContent = "Pauze";
      if (hadFocus) { play.focus(); }
    }

    play.addEventListener("click", function () {
      var voice = dutchVoice(speech);
      var all = sentences(body);
      if (!all.length) { return; }
      speech.cancel();
      bar.classList.add("ph-readaloud--reading");
      play.hidden = true;
      pause.hidden = stop.hidden = false;
      pause.focus();
      all.forEach(function (sentence, index) {
        var utterance = new SpeechSynthesisUtterance(sentence.text);
        utterance.lang = voice ? voice.lang : "nl-NL";
        try { utterance.voice = voice; } catch (e) { /* a voice the browser does not know: lang decides */ }
        utterance.onstart = function () { mark(sentence); };
        if (index === all.length - 1) { utterance.onend = idle; }
        speech.speak(utterance);
      });
    });
    pause.addEventListener("click", function () {
      if (speech.paused) { speech.resume(); pause.textContent = "Pauze"; }
      else { speech.pause(); pause.textContent = "Verder"; }
    });
    stop.addEventListener("click", function () { speech.cancel(); idle(); });
    window.addEventListener("pagehide", function () { speech.cancel(); });

    /* Into the page only once a Dutch voice is known: inserting even a hidden bar after the H1 made the browser
       restyle the article inside this script's task (Lighthouse: a 200-300 ms long task on the outcomes page). */
    function offer() {
      var voice = dutchVoice(speech);
      if (voice && !bar.parentNode) { heading.insertAdjacentElement("afterend", bar); }
      bar.hidden = !voice;
    }
    offer();
    if (speech.addEventListener) { speech.addEventListener("voiceschanged", offer); }
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
    markFindings();
    readAloud();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
