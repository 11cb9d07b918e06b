"""draft.*: text of the `patienthub new` template that was never replaced.

Every instruction in the templates (tools/patienthub/templates/) starts with the same words, so a sentence an
editor forgot to rewrite is found wherever it is left. A warning, not an error: a new page must pass `check`
the moment it is made, and the editor sees the warning on every run until the text is written.
"""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.model import Page, Site
from patienthub.domain.skeletons import PLACEHOLDER

LEFTOVER = Rule(
    "draft.placeholder",
    Severity.WARNING,
    f"Er staat nog voorbeeldtekst van 'patienthub new' in de pagina ('{PLACEHOLDER} …').",
)
RULES = (LEFTOVER,)


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    for unit in page.prose.units:
        at = unit.text.casefold().find(PLACEHOLDER.casefold())
        if at >= 0:
            yield finding(
                LEFTOVER,
                page.path,
                unit.line_at(at),
                f"Hier staat nog een aanwijzing uit het sjabloon: “{' '.join(unit.text[at:].split())}”",
                "Vervang de aanwijzing door uw eigen tekst, of haal de regel weg.",
                excerpt=unit.text[at:].strip(),
            )
    description = page.meta.description or ""
    if PLACEHOLDER.casefold() in description.casefold():
        yield finding(
            LEFTOVER,
            page.path,
            page.line_of("description"),
            "De beschrijving (description) is nog de aanwijzing uit het sjabloon.",
            "Schrijf in één of twee korte zinnen waar de pagina over gaat. Zoekmachines en partners tonen die tekst.",
        )


CHECK = Check("draft", RULES, page=check_page)
