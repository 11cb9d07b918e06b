"""The same hub on every engine: this repository's site built by ProperDocs (`properdocs_site`), compared with the
MkDocs build (`project_site`) page by page, and by Zensical through `patienthub build --engine zensical`
(`zensical_site`). The builds are made once per test run (conftest.py), shared with the browser tests.
docs/engines.md lists which engines build the hub and what differs; each difference is named and tested here.

ProperDocs (the maintained fork of MkDocs 1.x) loads the patienthub plugin through the same entry points, so the
hub is expected to come out the same: no documented difference today. A difference found here either is a bug or
goes into docs/engines.md and into this file as a named, tested exception.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from patienthub.build import csp

# Compressed copies are compared through the files they are made of (gzip and brotli output may differ
# between library builds without the site differing).
COMPRESSED = (".gz", ".br")


def site_files(site: Path) -> set[str]:
    """Every file of a built site (its set of URLs and machine files), compressed copies left out."""
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix not in COMPRESSED
    }


def article_text(html: str) -> str:
    """The text a patient reads on a page: the article (review line, notices, outcome blocks, glossary terms),
    whitespace normalised; the whole body for a page without an article (redirects)."""
    tree = LexborHTMLParser(html)
    node = tree.css_first("article") or tree.body
    return " ".join((node.text(separator=" ") if node is not None else "").split())


def test_properdocs_writes_the_same_set_of_urls(project_site, properdocs_site):
    mkdocs_files = site_files(project_site)
    assert "index.html" in mkdocs_files and "api/v1/pages.json" in mkdocs_files
    assert site_files(properdocs_site) == mkdocs_files


def test_properdocs_pages_have_the_same_article_text(project_site, properdocs_site):
    pages = sorted(p.relative_to(project_site) for p in project_site.rglob("*.html"))
    assert len(pages) > 30
    different = [
        page.as_posix()
        for page in pages
        if article_text((project_site / page).read_text(encoding="utf-8"))
        != article_text((properdocs_site / page).read_text(encoding="utf-8"))
    ]
    assert different == []
    # The comparison sees what the hub adds: the review line and an outcome icon array on a real page.
    outcome = article_text((properdocs_site / "uitkomsten/operatie-bij-hernia/index.html").read_text("utf-8"))
    assert "Laatst gecontroleerd" in outcome and "{{ uitkomst" not in outcome


def test_properdocs_writes_the_same_pages_api_and_feed(project_site, properdocs_site):
    for name in ("api/v1/pages.json", "api/v1/terms.json"):
        assert json.loads((properdocs_site / name).read_text("utf-8")) == json.loads(
            (project_site / name).read_text("utf-8")
        )
    assert (properdocs_site / "feed.xml").read_text("utf-8") == (project_site / "feed.xml").read_text("utf-8")


def test_properdocs_builds_the_mkdocs_site_byte_for_byte(project_site, properdocs_site):
    """Stronger than the comparisons above, and true today: every file (HTML, CSS, Pagefind index, sitemap) is
    the same. Should a ProperDocs release change its output, this test names the files: document the
    difference in docs/engines.md and narrow this test to it."""
    different = [
        name
        for name in sorted(site_files(project_site))
        if (project_site / name).read_bytes() != (properdocs_site / name).read_bytes()
    ]
    assert different == []


# --- Zensical: built by `patienthub build --engine zensical` (staged docs, Markdown extension, publish after) ---

# Files only the Zensical build has: its own search index, empty (the theme's search is off as on MkDocs; the hub's
# search is Pagefind), which Zensical writes all the same.
ZENSICAL_ONLY = {"search.json"}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LASTMOD = re.compile(r"<loc>(.*?)</loc>\s*(?:<lastmod>(.*?)</lastmod>)?", re.S)


def pages_and_machine_files(site: Path) -> set[str]:
    """The site's URLs: every file but the theme's own assets (each engine ships its own theme build)."""
    return {name for name in site_files(site) if not name.startswith("assets/")}


def test_zensical_writes_the_same_urls_but_its_own_search_index(project_site, zensical_site):
    mkdocs_urls = pages_and_machine_files(project_site)
    assert {"feed.xml", "api/v1/pages.json", "zoeken/index.html", "woordenlijst/index.html"} <= mkdocs_urls
    assert any(name.startswith("p/") for name in mkdocs_urls) and any(
        n.startswith("code/") for n in mkdocs_urls
    )
    zensical_urls = pages_and_machine_files(zensical_site)
    assert zensical_urls - mkdocs_urls == ZENSICAL_ONLY
    # Pagefind's index fragments are named by content hash; the pages' own files are the same set.
    assert {n for n in mkdocs_urls if not n.startswith("pagefind/")} == {
        n for n in zensical_urls - ZENSICAL_ONLY if not n.startswith("pagefind/")
    }


def test_zensical_pages_have_the_same_article_text(project_site, zensical_site):
    pages = sorted(p.relative_to(project_site).as_posix() for p in project_site.rglob("*.html"))
    different = [
        page
        for page in pages
        if article_text((project_site / page).read_text(encoding="utf-8"))
        != article_text((zensical_site / page).read_text(encoding="utf-8"))
    ]
    assert different == []
    outcome = (zensical_site / "uitkomsten/operatie-bij-hernia/index.html").read_text("utf-8")
    assert "{{ uitkomst" not in outcome and 'class="ph-review"' in outcome and "data-pagefind-body" in outcome
    glossary_page = (zensical_site / "uitstralende-pijn-been/index.html").read_text("utf-8")
    assert "<abbr" in glossary_page or 'href="../woordenlijst/' in glossary_page


def test_zensical_writes_the_same_api_feed_sitemap_dates_and_json_ld(project_site, zensical_site):
    for name in ("api/v1/pages.json", "api/v1/terms.json", "feed.xml"):
        assert (zensical_site / name).read_bytes() == (project_site / name).read_bytes(), name
    sitemap = {loc: lastmod for loc, lastmod in LASTMOD.findall((project_site / "sitemap.xml").read_text())}
    assert sitemap and all(sitemap.values())
    assert dict(LASTMOD.findall((zensical_site / "sitemap.xml").read_text())) == sitemap
    for page in sorted(project_site.rglob("*.html")):
        name = page.relative_to(project_site)
        expected = JSON_LD.findall(page.read_text(encoding="utf-8"))
        assert JSON_LD.findall((zensical_site / name).read_text(encoding="utf-8")) == expected, name


def test_zensical_pagefind_indexes_the_same_pages(project_site, zensical_site):
    def entry(site: Path) -> dict:
        return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))

    mkdocs_entry, zensical_entry = entry(project_site), entry(zensical_site)
    assert mkdocs_entry["languages"]["nl"]["page_count"] > 20
    assert zensical_entry["languages"]["nl"]["page_count"] == mkdocs_entry["languages"]["nl"]["page_count"]


def test_zensical_pages_have_a_csp_that_allows_exactly_the_theme_scripts(zensical_site):
    for page in sorted(zensical_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', text)
        assert len(policies) == 1, page
        assert text.index("Content-Security-Policy") < text.index("<script"), page
        policy = html.unescape(policies[0])  # the redirect pages write it with entities
        script_src = dict(d.split(" ", 1) for d in policy.split("; "))["script-src"]
        assert "unsafe-inline" not in script_src
        allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", script_src))
        assert {csp.source_hash(script) for script in csp.inline_scripts(text)} == allowed, page


def test_zensical_pages_load_no_more_theme_than_the_mkdocs_pages(zensical_site):
    """What keeps Zensical's first load in the transfer budget (measured by tests/test_site_browser.py): the
    theme's own search off (as on MkDocs, where `plugins` does not list it), no palette switch for a single
    palette, the theme's CSS trimmed to what the pages use, the navigation compact."""
    import zensical

    page = (zensical_site / "lage-rugpijn" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in page and 'data-md-component="palette"' not in page
    assert json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"] == []
    theme = Path(zensical.__file__).parent / "templates" / "assets" / "stylesheets" / "classic"
    for original in theme.glob("*.min.css"):
        trimmed = zensical_site / "assets" / "stylesheets" / "classic" / original.name
        assert trimmed.stat().st_size < original.stat().st_size * 0.6, original.name


PRELOAD = re.compile(r'<link rel="(?:module)?preload" href="([^"]+)"')


def test_the_search_page_loads_its_module_and_preloads_pagefind_on_both_engines(project_site, zensical_site):
    """No Pagefind UI any more (docs/engines.md): the search page's own module and pagefind.js, on both engines;
    other pages load neither."""
    module = '<script type="module" async src="../assets/javascripts/patienthub-search.js"></script>'
    for site in (project_site, zensical_site):
        search_page = (site / "zoeken" / "index.html").read_text(encoding="utf-8")
        assert PRELOAD.findall(search_page) == ["../pagefind/pagefind.js"], site
        assert module in search_page and "pagefind-ui" not in search_page
        assert (site / "assets" / "javascripts" / "patienthub-search.js").is_file()
    content_page = (project_site / "lage-rugpijn" / "index.html").read_text(encoding="utf-8")
    assert PRELOAD.findall(content_page) == [] and "patienthub-search.js" not in content_page
