"""Markdown -> the HTML a page publishes, made the way the site build makes it.

The safety rules judge this HTML, not a guess of it: Python-Markdown with the site's own `markdown_extensions`
(read from mkdocs.yml, plus the three MkDocs always adds) over the page body after patienthub's transforms (key
messages, glossary links, outcome blocks). The MkDocs plugin checks the HTML MkDocs itself produced with the same
policy, so `check` and the build judge the same thing twice. No MkDocs import: any engine that renders with
Python-Markdown renders this.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from patienthub.build import transforms
from patienthub.text.markdown_setup import MarkdownSetup

if TYPE_CHECKING:
    from patienthub.domain.model import Page, Site
    from patienthub.load.cache import Cache


def to_html(text: str, setup: MarkdownSetup) -> str:
    """One Markdown document as HTML. A new converter each time: extensions keep state between documents."""
    return setup.converter().convert(text)


def element_ids(html: str) -> frozenset[str]:
    """Every fragment a link can land on in `html`: element ids and `<a name>`, as the browser resolves `#x`."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(html).root
    found: set[str] = set()
    for node in root.traverse() if root is not None else ():
        attrs = node.attributes or {}
        for key in ("id", "name") if node.tag == "a" else ("id",):
            if attrs.get(key):
                found.add(str(attrs[key]))
    return frozenset(found)


# A few pages' HTML at a time (each is tens of KB: 5,000 of them would hold 100 MB); their ids, small, for all.
@lru_cache(maxsize=16)
def published_html(page: Page, site: Site) -> str:
    """page_html, once per page and site object: the HTML check and the links check read the same rendering."""
    return page_html(page, site)


@lru_cache(maxsize=1 << 15)
def page_ids(page: Page, site: Site) -> frozenset[str]:
    """The ids on a page as published: what `#anchor` links to it may use."""
    return element_ids(published_html(page, site))


def page_html(page: Page, site: Site, cache: Cache | None = None) -> str:
    """The HTML of the page's content as the build publishes it (before the theme wraps it)."""

    def rendered() -> str:
        return to_html(transforms.apply(page.body, page, site), site.project.markdown)

    if cache is not None:
        return cache.derived(site, page, "render:page_html", page.body, rendered)
    return rendered()
