/* patienthub: the search page (zoeken/), on Pagefind's own search API (pagefind.js) instead of its 120 KB UI.
   Loaded as a module by the search page only (overrides/main.html). No inline script, nothing from another host.

   - A query in the address (zoeken/?q=hernia, from the home page's box) is searched at once, while the page is
     still being parsed; its first results are drawn in one go, so the list does not grow result by result.
   - Typing searches after a short pause; the address follows the query, so reloading or sharing keeps it.
   - Pagefind's excerpts mark the searched word with <mark>; they are built as text and <mark> elements,
     never as HTML from the index.
   - The page keeps room for the results (patienthub.css), so nothing below moves while they come in. */

const PAGE_SIZE = 5;
const DEBOUNCE_MS = 300;
const BUNDLE = new URL("../../pagefind/pagefind.js", import.meta.url).href;

let pagefind = null;
function engine() {
  pagefind = pagefind || import(BUNDLE);
  return pagefind;
}

/* One search: its results (Pagefind returns them all, without their text) and how many are drawn. Each new
   search gets a higher number; an answer for an older one is dropped. */
let current = { id: 0, term: "", results: [], shown: 0 };

function fetchData(results, from) {
  return Promise.all(results.slice(from, from + PAGE_SIZE).map((result) => result.data()));
}

function search(term, debounced) {
  const id = current.id + 1;
  current = { id, term, results: [], shown: 0 };
  return engine()
    .then((pf) => (debounced ? pf.debouncedSearch(term, {}, DEBOUNCE_MS) : pf.search(term)))
    .then((found) => {
      if (!found || id !== current.id) { return null; }
      current.results = found.results;
      return fetchData(found.results, 0).then((first) => (id === current.id ? { id, first } : null));
    });
}

const initial = (new URLSearchParams(window.location.search).get("q") || "").trim();
const started = initial ? search(initial, false) : null;

function element(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.keys(attributes || {}).forEach((name) => node.setAttribute(name, attributes[name]));
  if (text) { node.textContent = text; }
  return node;
}

/* Pagefind escapes < and > in the page text and puts <mark> around the searched words; nothing else. */
function excerpt(text) {
  const paragraph = element("p", { class: "ph-search__excerpt" });
  let mark = null;
  String(text || "").split(/(<mark>|<\/mark>)/).forEach((piece) => {
    if (piece === "<mark>") { mark = element("mark"); paragraph.appendChild(mark); return; }
    if (piece === "</mark>") { mark = null; return; }
    const plain = document.createTextNode(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
    (mark || paragraph).appendChild(plain);
  });
  return paragraph;
}

/* Only addresses on this site: the index is built from our own pages, but a link is checked anyway. */
function sameSite(url) {
  try {
    const target = new URL(url, window.location.href);
    return target.origin === window.location.origin ? target.href : null;
  } catch (error) {
    return null;
  }
}

function result(data) {
  const item = element("li", { class: "ph-search__result" });
  const title = element("h2", { class: "ph-search__title" });
  const href = sameSite(data.url);
  const link = element(href ? "a" : "span", href ? { href } : {}, (data.meta && data.meta.title) || data.url);
  title.appendChild(link);
  item.appendChild(title);
  item.appendChild(excerpt(data.excerpt));
  return item;
}

function count(total, term) {
  if (total === 0) {
    return `Geen resultaten voor \u201c${term}\u201d. Probeer een ander woord, of kies een onderwerp in het menu.`;
  }
  return `${total} ${total === 1 ? "resultaat" : "resultaten"} voor \u201c${term}\u201d`;
}

function build(box) {
  const form = element("form", { class: "ph-search-box ph-search__form", role: "search", action: "" });
  const label = element("label", { for: "ph-search-input" }, "Zoekwoord");
  const row = element("div", { class: "ph-search-box__row" });
  const input = element("input", {
    id: "ph-search-input", name: "q", type: "search", autocomplete: "off", enterkeyhint: "search",
    placeholder: "Bijvoorbeeld: hernia",
  });
  row.appendChild(input);
  row.appendChild(element("button", { type: "submit" }, "Zoeken"));
  form.appendChild(label);
  form.appendChild(row);
  const status = element("p", { class: "ph-search__status", role: "status" });
  const list = element("ol", { class: "ph-search__results" });
  list.hidden = true;
  const more = element("button", { type: "button", class: "ph-search__more" }, "Meer resultaten");
  more.hidden = true;
  box.appendChild(form);
  box.appendChild(status);
  box.appendChild(list);
  box.appendChild(more);
  return { input, form, status, list, more };
}

function start() {
  const box = document.getElementById("ph-search");
  if (!box || box.querySelector("form")) { return; }
  const ui = build(box);

  function show(answer, term) {
    if (!answer) { return; }  // an older search, overtaken by typing
    const items = document.createDocumentFragment();
    answer.first.forEach((data) => items.appendChild(result(data)));
    ui.list.replaceChildren(items);
    ui.list.hidden = answer.first.length === 0;
    current.shown = answer.first.length;
    ui.more.hidden = current.shown >= current.results.length;
    ui.status.textContent = count(current.results.length, term);
  }

  function failed() {
    ui.status.textContent = "Zoeken lukt nu niet. Kies een onderwerp in het menu.";
  }

  function clear() {
    current = { id: current.id + 1, term: "", results: [], shown: 0 };
    ui.list.replaceChildren();
    ui.list.hidden = ui.more.hidden = true;
    ui.status.textContent = "";
  }

  function remember(term) {
    const address = term ? `?q=${encodeURIComponent(term)}` : window.location.pathname;
    window.history.replaceState(window.history.state, "", address);
  }

  function run(debounced) {
    const term = ui.input.value.trim();
    if (term === current.term && current.results.length) { return; }
    remember(term);
    if (!term) { clear(); return; }
    search(term, debounced).then((answer) => show(answer, term), failed);
  }

  ui.input.addEventListener("input", () => run(true));
  ui.form.addEventListener("submit", (event) => { event.preventDefault(); run(false); });
  ui.more.addEventListener("click", () => {
    const { id, results, shown } = current;
    fetchData(results, shown).then((next) => {
      if (id !== current.id) { return; }
      const items = document.createDocumentFragment();
      next.forEach((data) => items.appendChild(result(data)));
      const firstNew = items.firstChild;
      ui.list.appendChild(items);
      current.shown = shown + next.length;
      ui.more.hidden = current.shown >= results.length;
      const link = firstNew && firstNew.querySelector("a");
      if (link) { link.focus(); }  // keyboard users go on where the new results begin
    }, failed);
  });

  if (started) {
    ui.input.value = initial;
    started.then((answer) => show(answer, initial), failed);
  } else {
    ui.input.focus();
  }
}

/* "interactive": the page is parsed, before the theme's deferred script runs (DOMContentLoaded waits for it). */
if (document.readyState === "loading") {
  document.addEventListener("readystatechange", start, { once: true });
} else {
  start();
}
