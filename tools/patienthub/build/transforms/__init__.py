"""Markdown transforms applied to a page's body before it is rendered (key messages, outcome blocks, ...).

A transform is a pure function `(markdown, page, site) -> markdown`. The MkDocs plugin applies them in
`on_page_markdown`; another engine can call `apply()` the same way. A new transform is one module plus one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from patienthub.build.transforms import outcomes
from patienthub.build.transforms.glossary_links import link_first_uses
from patienthub.build.transforms.key_messages import include_key_messages
from patienthub.domain.model import Page, Site

if TYPE_CHECKING:
    from patienthub.load.cache import Cache

Transform = Callable[[str, Page, Site], str]

# Key messages first, so the glossary links also see the words they bring in; outcome blocks last, so nothing
# rewrites the HTML they produce.
REGISTRY: tuple[Transform, ...] = (
    include_key_messages,
    link_first_uses,
    outcomes.render,
)


def apply(markdown: str, page: Page, site: Site, cache: Cache | None = None) -> str:
    if cache is not None:  # transforms read the page and the data files only, so their output can be stored
        names = ",".join(f"{t.__module__}.{t.__qualname__}" for t in REGISTRY)
        return cache.derived(
            site, page, f"transforms:{names}", markdown, lambda: apply(markdown, page, site), build=True
        )
    for transform in REGISTRY:
        markdown = transform(markdown, page, site)
    return markdown
