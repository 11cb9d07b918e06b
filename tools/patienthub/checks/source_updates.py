"""freshness.source-updated: a page must be checked again when a guideline it cites has a newer version.

Part of the freshness family (a page goes stale when its guideline changes, as it does by the calendar), kept
in its own module because it reads the sources registry. Configure it as an error with
`rules: {freshness.source-updated: error}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.guidelines import Guideline
from patienthub.domain.model import Page, Site, Source

SOURCE_UPDATED = Rule(
    "freshness.source-updated",
    Severity.WARNING,
    "Een richtlijn waarop de pagina steunt, heeft een nieuwere versie dan de pagina gebruikt.",
)
RULES = (SOURCE_UPDATED,)
SUGGESTION = (
    "Laat de eigenaar de pagina vergelijken met de nieuwe versie. Pas versie en datum van de bron aan en zet "
    "daarna de nieuwe controle met 'patienthub review'."
)


def _reason(page: Page, source: Source, guideline: Guideline) -> str | None:
    last = page.meta.last_reviewed
    if last is not None and guideline.date.newer_than(last):
        return (
            f"{guideline.title}: {guideline.current} is nieuwer dan de laatste controle van deze pagina "
            f"({last.isoformat()})."
        )
    if source.version is not None and guideline.version is not None:
        if source.version != guideline.version:
            return f"{guideline.title}: deze pagina noemt versie {source.version}, de huidige is {guideline.current}."
        return None
    if source.date is not None and guideline.date.newer_than(source.date):
        return (
            f"{guideline.title}: deze pagina noemt de versie van {source.date.isoformat()}, "
            f"de huidige is {guideline.current}."
        )
    return None


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    for index, source in enumerate(page.meta.sources):
        guideline = site.guidelines.get(source.key or "")
        if guideline is None:
            continue  # no key, or an unknown key (review.unknown-source)
        reason = _reason(page, source, guideline)
        if reason:
            line = page.line_of("sources", index, "key")
            yield finding(SOURCE_UPDATED, page.path, line, reason, SUGGESTION)


CHECK = Check("freshness", RULES, page=check_page)
