"""Markdown transforms applied to a page's body before it is rendered (key messages, outcome blocks, ...).

A transform is a pure function `(markdown, page, site) -> markdown`. The MkDocs plugin applies them in
`on_page_markdown`; another engine can call `apply()` the same way. A new transform is one module plus one line.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Page, Site
from . import outcomes

Transform = Callable[[str, Page, Site], str]

REGISTRY: tuple[Transform, ...] = (outcomes.render,)


def apply(markdown: str, page: Page, site: Site) -> str:
    for transform in REGISTRY:
        markdown = transform(markdown, page, site)
    return markdown
