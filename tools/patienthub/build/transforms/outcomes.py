"""Replace the reference lines (`{{ uitkomsten: … }}`, `{{ uitkomst: … }}`, `{{ keuzekaart: … }}`,
`{{ 3-goede-vragen }}`) by their HTML. A reference that cannot be shown becomes a visible notice, and the
check fails the build on it."""

from __future__ import annotations

from patienthub.domain import references
from patienthub.domain.model import Page, Site
from patienthub.domain.outcome_html import (
    draws_icons,
    keuzekaart_block,
    notice,
    outcome_block,
    three_questions,
)
from patienthub.text.iconarray import FIGURE_ID

DEFS_MARK = f'id="{FIGURE_ID[True]}"'


def html_for(resolved: references.Resolved, page: Page, with_defs: bool = True) -> str:
    """`with_defs`: the first icon array here brings the shared figures (False once the page has them)."""
    if resolved.problem:
        return notice(resolved.problem)
    kind = resolved.reference.kind
    if kind == references.THREE_QUESTIONS:
        return three_questions()
    if kind == references.KEUZEKAART:
        card = resolved.keuzekaart
        assert card is not None
        if not card.valid:
            return notice(f"De keuzekaart in {card.path} bevat fouten en kan niet getoond worden.")
        return keuzekaart_block(card, page.meta.is_concept)
    dataset = resolved.dataset
    assert dataset is not None
    if not dataset.valid:
        return notice(f"De uitkomsten in {dataset.path} bevatten fouten en kunnen niet getoond worden.")
    blocks = []
    for outcome in resolved.outcomes:
        blocks.append(outcome_block(outcome, dataset, with_defs))
        with_defs = with_defs and not draws_icons(outcome)
    return "\n\n".join(blocks)


def render(markdown: str, page: Page, site: Site) -> str:
    found = references.find(markdown)
    if not found:
        return markdown
    lines = markdown.split("\n")
    # In page order, so the first icon array on the page carries the figures all arrays share.
    rendered = []
    with_defs = True
    for ref in found:
        if ref.indented:
            continue  # left as typed, so it stays visible; the check reports it
        html = html_for(references.resolve(ref, site.outcomes), page, with_defs)
        with_defs = with_defs and DEFS_MARK not in html
        rendered.append((ref, html))
    for ref, html in reversed(rendered):
        lines[ref.line - 1 : ref.line] = ["", html, ""]
    return "\n".join(lines)
