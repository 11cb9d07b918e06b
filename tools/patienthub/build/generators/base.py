"""What a generator returns."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from patienthub.domain.model import Site
from patienthub.domain.result import Result


@dataclass(frozen=True)
class Output:
    uri: str  # path in the site, relative to its root ("api/v1/pages.json", "woordenlijst.md")
    content: str | bytes
    in_nav: bool = True  # False: reachable by its URL, never added to the site navigation


Generator = Callable[[Site], Iterable[Output]]
ResultGenerator = Callable[[Site, Result], Iterable[Output]]


# Front matter of the pages for editors (dashboard, evidence view): never indexed, never in the search.
EDITOR_FRONT_MATTER = """\
---
title: {title_yaml}
robots: noindex, nofollow
search:
  exclude: true
hide:
  - navigation
  - toc
---

"""


def md(text: str) -> str:
    """Plain text safe inside a Markdown table cell or link text. `<`, `>` and `&` become entities: Python-Markdown
    does not treat a backslash before `<` as an escape, so `\\<script>` would be a real element."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")
