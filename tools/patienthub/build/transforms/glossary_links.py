"""The first use of a termbase term on a page becomes a link to its glossary entry, with the explanation as
title.

Material (`content.tooltips`) shows the title as a tooltip on hover and on keyboard focus (a link is
focusable) and links the tooltip to the term for screen readers (aria-describedby). On a touch screen a tap
follows the link to the glossary entry, where the same explanation stands. Without JavaScript the browser
shows the title itself."""

from __future__ import annotations

import posixpath

from patienthub.domain.model import Page, Site
from patienthub.text.textmask import RUNNING_TEXT_KINDS, line_starts, prose_texts


def _title(explanation: str) -> str:
    return explanation.replace('"', "&quot;").replace("|", "&#124;")


def link_first_uses(markdown: str, page: Page, site: Site) -> str:
    config = site.config.terminology
    if not config.tooltips or not site.termbase.terms or page.src_uri == config.glossary_page:
        return markdown
    target = posixpath.relpath(config.glossary_page, posixpath.dirname(page.src_uri) or ".")
    starts = line_starts(markdown)
    linked: set[str] = set()
    edits: list[tuple[int, int, str]] = []
    # Link text is blanked (link_text=False): a term inside an existing link is not linked again.
    for prose in prose_texts(markdown, kinds=RUNNING_TEXT_KINDS, link_text=False):
        for hit in site.termbase.preferred(prose.text):
            term = hit.item
            if term.key in linked:
                continue
            linked.add(term.key)
            first_line, first_column = prose.position(hit.start)
            last_line, last_column = prose.position(hit.end - 1)
            start = starts[first_line - 1] + first_column - 1
            end = starts[last_line - 1] + last_column
            edits.append(
                (start, end, f'[{markdown[start:end]}]({target}#{term.key} "{_title(term.explanation)}")')
            )
    for start, end, replacement in sorted(edits, reverse=True):
        markdown = markdown[:start] + replacement + markdown[end:]
    return markdown
