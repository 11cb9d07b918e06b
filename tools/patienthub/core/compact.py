"""Smaller pages: the whitespace Material indents its navigation with, collapsed.

Material writes the navigation into every page, indented by its templates: in a 1,000-page site more than half
of the navigation's bytes were spaces and line breaks. Inside Material's <nav> elements (menu, table of
contents, breadcrumbs) every run of whitespace that holds a line break becomes one line break. No element
there keeps whitespace (Material styles only code, kbd and pre with pre-wrap, all inside the page's text), so
the browser renders exactly what it did: it collapses such runs to one space anyway. Tags and their attribute
values are left as they are. Engine-neutral: it reads and writes HTML text.
"""

from __future__ import annotations

import re

_NAV_TAG = re.compile(r"<nav\b[^>]*>|</nav\s*>", re.IGNORECASE)
_MATERIAL_NAV = re.compile(r"""<nav\b[^>]*\bclass\s*=\s*["']md-""", re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
_TAG_WITH_BREAK = re.compile(r"<[^>]*\n")
# HTML's own whitespace only: a no-break space (which \s would match) is text and keeps its width.
_BREAK = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def _collapse(html: str) -> str:
    if not _TAG_WITH_BREAK.search(html):
        # Material's tags hold no line break: then every run is between tags, and one pass in C does them all.
        return _BREAK.sub("\n", html)
    parts = _TAG.split(html)  # text, tag, text, tag, ...: only the text between tags changes
    for index in range(0, len(parts), 2):
        if "\n" in parts[index]:
            parts[index] = _BREAK.sub("\n", parts[index])
    return "".join(parts)


def navigation(html: str) -> str:
    """`html` with the whitespace inside Material's outermost <nav> elements collapsed."""
    out = []
    depth = 0
    position = start = 0
    for match in _NAV_TAG.finditer(html):
        opening = not match.group().startswith("</")
        if depth == 0 and opening and _MATERIAL_NAV.match(match.group()):
            out.append(html[position : match.start()])
            start = match.start()
            depth = 1
        elif depth and opening:
            depth += 1
        elif depth and not opening:
            depth -= 1
            if depth == 0:
                out.append(_collapse(html[start : match.end()]))
                position = match.end()
    if depth:  # an unclosed <nav>: leave the rest as it is
        position = start
    out.append(html[position:])
    return "".join(out)
