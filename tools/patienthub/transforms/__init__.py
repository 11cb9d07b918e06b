"""Markdown transforms applied to a page's body before it is rendered (key messages, outcome blocks, ...).

A transform is a pure function `(markdown, page, site) -> markdown`. The MkDocs plugin applies them in
`on_page_markdown`; another engine can call `apply()` the same way. A new transform is one module plus one line.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Page, Site
from . import outcomes
from .glossary_links import link_first_uses
from .key_messages import include_key_messages

Transform = Callable[[str, Page, Site], str]

# Key messages first, so the glossary links also see the words they bring in; outcome blocks last, so nothing
# rewrites the HTML they produce.
REGISTRY: tuple[Transform, ...] = (
    include_key_messages,
    link_first_uses,
    outcomes.render,
)


def apply(markdown: str, page: Page, site: Site) -> str:
    for transform in REGISTRY:
        markdown = transform(markdown, page, site)
    return markdown
