"""What a generator returns."""

from __future__ import annotations

import html
import posixpath
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


# Rows per page of an editors' table (dashboard, evidence view): 5,000 pages in one table made a 1.9 MB page; the
# rest go on further pages ("deel 2 van 25").
ROWS_PER_PAGE = 200


def part_uri(uri: str, number: int) -> str:
    """redactie/controles/index.md → …/deel-2.md; …/eigenaar-nhg.md → …/eigenaar-nhg-deel-2.md."""
    if uri.endswith("/index.md"):
        return f"{uri.removesuffix('index.md')}deel-{number}.md"
    return f"{uri.removesuffix('.md')}-deel-{number}.md"


def pager(uris: list[str], current: int, order: str) -> str:
    """Links to every part of an editors' page split in parts, the current one in bold; `order` says how the rows
    are sorted ("de meest dringende eerst")."""
    items = [
        f"**{number}**" if number == current else f"[{number}]({posixpath.basename(target)})"
        for number, target in enumerate(uris, 1)
    ]
    return f"Deel {current} van {len(uris)}, {order}: " + " · ".join(items)


def md(text: str) -> str:
    """Plain text safe inside a Markdown table cell or link text. `<`, `>` and `&` become entities: Python-Markdown
    does not treat a backslash before `<` as an escape, so `\\<script>` would be a real element."""
    text = html.escape(text, quote=False)
    for char in "\\`*_[]|":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")
