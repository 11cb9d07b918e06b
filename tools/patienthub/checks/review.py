"""review.*: who checked a page, and who must approve a change to it.

A patient trusts "Gecontroleerd door" only if it is true: an approved page names its reviewers, the owner is one
of them, and every reviewer is a known organisation. CODEOWNERS must follow the owners in the pages.
"""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.model import Page, Site
from patienthub.load import codeowners

APPROVED_WITHOUT_REVIEWER = Rule(
    "review.approved-without-reviewer",
    Severity.ERROR,
    "Een goedgekeurde pagina (status: approved) noemt niet wie haar gecontroleerd heeft (reviewed_by).",
)
OWNER_NOT_REVIEWER = Rule(
    "review.owner-not-reviewer",
    Severity.ERROR,
    "Een goedgekeurde pagina is niet gecontroleerd door haar eigen eigenaar (owner ontbreekt in reviewed_by).",
)
NO_APPROVING_REVIEWER = Rule(
    "review.no-approving-reviewer",
    Severity.ERROR,
    "Een goedgekeurde pagina is alleen gecontroleerd door organisaties die niet mogen goedkeuren "
    "(approves: false, zoals de redactie).",
)
UNKNOWN_REVIEWER = Rule(
    "review.unknown-reviewer",
    Severity.ERROR,
    "reviewed_by noemt een organisatie die niet in het register van organisaties staat.",
)
UNKNOWN_SOURCE = Rule(
    "review.unknown-source",
    Severity.ERROR,
    "Een bron verwijst met key naar een sleutel die niet in het bronnenregister (sources.yml) staat.",
)
CODEOWNERS_OUTDATED = Rule(
    "review.codeowners-outdated",
    Severity.ERROR,
    "Het bestand CODEOWNERS past niet meer bij de eigenaars van de pagina's.",
)
RULES = (
    APPROVED_WITHOUT_REVIEWER,
    OWNER_NOT_REVIEWER,
    NO_APPROVING_REVIEWER,
    UNKNOWN_REVIEWER,
    UNKNOWN_SOURCE,
    CODEOWNERS_OUTDATED,
)


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    meta = page.meta
    if meta.status == "approved":
        if not meta.reviewed_by:
            yield finding(
                APPROVED_WITHOUT_REVIEWER,
                page.path,
                page.line_of("status"),
                "Deze pagina staat op 'approved', maar reviewed_by noemt geen organisatie die haar controleerde.",
                "Zet de status terug op 'concept', of laat de eigenaar de pagina controleren en gebruik daarna "
                "'patienthub review PAGINA --by ORGANISATIE'.",
            )
        elif meta.owner and meta.owner not in meta.reviewed_by:
            yield finding(
                OWNER_NOT_REVIEWER,
                page.path,
                page.line_of("reviewed_by"),
                f"Deze pagina staat op 'approved', maar de eigenaar '{meta.owner}' staat niet in reviewed_by "
                f"({', '.join(meta.reviewed_by)}).",
                f"Laat '{meta.owner}' de pagina controleren, of zet de status terug op 'concept'.",
            )
        known = [site.organisations[key] for key in meta.reviewed_by if key in site.organisations]
        if known and len(known) == len(meta.reviewed_by) and not any(org.approves for org in known):
            yield finding(
                NO_APPROVING_REVIEWER,
                page.path,
                page.line_of("reviewed_by"),
                f"Deze pagina staat op 'approved', maar alleen {', '.join(o.short_name for o in known)} "
                "controleerde haar, en die mag niet goedkeuren (approves: false in organisations.yml).",
                "Laat een vereniging van zorgverleners of patiënten de pagina controleren, of zet de status "
                "terug op 'concept'.",
            )
    if site.organisations:  # without a readable registry, schema.data-* already says what is wrong
        for index, key in enumerate(meta.reviewed_by):
            if key not in site.organisations and key not in site.broken_organisations:
                yield finding(
                    UNKNOWN_REVIEWER,
                    page.path,
                    page.line_of("reviewed_by", index),
                    f"reviewed_by noemt '{key}', maar die organisatie staat niet in het register van organisaties.",
                    f"Kies een van: {', '.join(sorted(site.organisations))}; of voeg de organisatie toe aan "
                    "organisations.yml.",
                )
    for index, source in enumerate(meta.sources):
        if (
            source.key is not None
            and source.key not in site.guidelines
            and source.key not in site.broken_sources
        ):
            known = ", ".join(sorted(site.guidelines)) or "(het register is leeg of ontbreekt)"
            yield finding(
                UNKNOWN_SOURCE,
                page.path,
                page.line_of("sources", index, "key"),
                f"De bron met key '{source.key}' staat niet in het bronnenregister (sources.yml).",
                f"Kies een van: {known}; of voeg de bron toe aan sources.yml.",
            )


def check_site(site: Site) -> Iterator[Finding]:
    if site.codeowners is None:  # the repository has no CODEOWNERS (yet): nothing to keep in step
        return
    if site.broken_organisations:  # the teams cannot be known until organisations.yml is fixed
        return
    expected = codeowners.render(site)
    if site.codeowners.rstrip("\n") == expected.rstrip("\n"):
        return
    difference = codeowners.first_difference(site.codeowners, expected)
    line, have, want = difference or (1, "", "")
    yield finding(
        CODEOWNERS_OUTDATED,
        str(site.config.review.codeowners_file),
        line,
        f"CODEOWNERS past niet bij de eigenaars van de pagina's: regel {line} is '{have}', "
        f"maar moet '{want}' zijn.",
        f"Voer 'patienthub codeowners' uit en neem {site.config.review.codeowners_file} op in uw commit.",
    )


CHECK = Check("review", RULES, page=check_page, site=check_site, site_cached=True)
