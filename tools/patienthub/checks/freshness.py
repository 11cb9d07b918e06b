"""freshness.*: pages go stale by the calendar. The review date is the last expert check, not the git date."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.model import Page, Site
from patienthub.domain.schedule import days_left, next_review

OVERDUE = Rule("freshness.overdue", Severity.ERROR, "De datum voor de volgende controle is voorbij.")
DUE_SOON = Rule("freshness.due-soon", Severity.WARNING, "De volgende controle komt binnenkort.")
FUTURE = Rule(
    "freshness.future-review", Severity.ERROR, "De datum van de laatste controle ligt in de toekomst."
)
RULES = (OVERDUE, DUE_SOON, FUTURE)


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    last = page.meta.last_reviewed
    if last is None:
        return
    today = site.today
    if last > today:
        yield finding(
            FUTURE,
            page.path,
            page.line_of("last_reviewed"),
            f"De laatste controle staat op {last.isoformat()}, maar dat is na vandaag ({today.isoformat()}).",
            "Vul de datum in waarop een deskundige de pagina echt heeft gecontroleerd.",
        )
        return
    due = next_review(page, site.config)
    assert due is not None
    line = page.line_of("next_review") if page.meta.next_review else page.line_of("last_reviewed")
    if today > due:
        yield finding(
            OVERDUE,
            page.path,
            line,
            f"Deze pagina had uiterlijk {due.isoformat()} opnieuw gecontroleerd moeten worden "
            f"({(today - due).days} dagen geleden).",
            "Laat de pagina controleren door de eigenaar en zet daarna de nieuwe datum met 'patienthub review'.",
        )
    elif (due - today).days <= site.config.freshness.due_soon_days:
        yield finding(
            DUE_SOON,
            page.path,
            line,
            f"De volgende controle is op {due.isoformat()}, over {(due - today).days} dagen.",
            "Vraag de eigenaar nu al om de pagina te controleren.",
        )


def metrics(page: Page, site: Site) -> Mapping[str, Any]:
    due = next_review(page, site.config)
    return {"next_review": due.isoformat() if due else None, "days_left": days_left(page, site)}


CHECK = Check("freshness", RULES, page=check_page, metrics=metrics)
