"""schema.*: a page's file and front matter are readable and complete.

The work happens while loading (frontmatter.py, metadata.py, loader.py, datafiles.py); this check reports
what loading found, so a broken page is a finding like any other.
"""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity
from patienthub.domain.model import Page, Site

E = Severity.ERROR
UNKNOWN_OWNER = Rule(
    "schema.unknown-owner", E, "De eigenaar (owner) staat niet in het register van organisaties."
)
RULES = (
    Rule("schema.frontmatter-missing", E, "De pagina begint niet met een gegevensblok tussen '---'."),
    Rule("schema.frontmatter-unterminated", E, "Het gegevensblok wordt niet afgesloten met '---'."),
    Rule("schema.frontmatter-empty", E, "Het gegevensblok (of databestand) is leeg."),
    Rule("schema.frontmatter-not-mapping", E, "Het gegevensblok is een lijst of losse tekst."),
    Rule("schema.yaml-syntax", E, "De YAML is ongeldig."),
    Rule("schema.yaml-alias", E, "Ankers en verwijzingen (& en *) in YAML zijn niet toegestaan."),
    Rule("schema.yaml-tag", E, "YAML-tags zoals !!python/... zijn niet toegestaan."),
    Rule("schema.duplicate-key", E, "Een sleutel staat twee keer in het gegevensblok."),
    Rule("schema.required", E, "Een verplicht gegeven ontbreekt."),
    Rule("schema.type", E, "Een gegeven heeft de verkeerde soort waarde."),
    Rule("schema.enum", E, "Een gegeven heeft een waarde die niet is toegestaan."),
    Rule("schema.date", E, "Een datum bestaat niet of staat niet in de vorm JJJJ-MM-DD."),
    Rule("schema.date-range", E, "Een datum ligt niet tussen 2000 en 2100 (zie data/limits.yml)."),
    Rule("schema.too-long", E, "Een tekst is te lang (bijvoorbeeld description boven 160 tekens)."),
    Rule("schema.empty", E, "Een gegeven is leeg."),
    Rule("schema.format", E, "Een gegeven heeft niet de juiste vorm."),
    Rule("schema.duplicate-value", E, "Een lijst noemt dezelfde waarde twee keer."),
    Rule("schema.invalid", E, "Een gegeven voldoet niet aan het schema."),
    Rule("schema.unknown-key", E, "Een sleutel in het gegevensblok staat niet in het schema."),
    Rule("schema.theme-key", E, "Een sleutel in het gegevensblok verandert hoe de site de pagina toont."),
    Rule("schema.control-character", E, "Een tekst bevat een onzichtbaar stuurteken (zoals ESC of NUL)."),
    Rule("schema.too-large", E, "Een bestand is groter dan 1 MB en wordt niet gelezen."),
    Rule("schema.nesting", E, "Lijsten, citaten, blokken of haken staan te diep in elkaar."),
    Rule("schema.unclosed", E, "Te veel haken '[' of tags '<' die niet sluiten."),
    Rule("schema.backtick-run", E, "Te veel backticks (`) achter elkaar."),
    UNKNOWN_OWNER,
    Rule("schema.encoding", E, "Het bestand is geen geldige UTF-8-tekst."),
    Rule("schema.binary-file", E, "Het bestand bevat binaire gegevens."),
    Rule("schema.empty-file", E, "Het bestand is leeg."),
    Rule("schema.unreadable", E, "Het bestand kan niet gelezen worden."),
    Rule("schema.data-missing", E, "Een databestand (register) ontbreekt."),
    Rule("schema.data-invalid", E, "Een databestand (register) bevat een fout."),
)


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    yield from page.problems
    owner = page.meta.owner
    # An owner whose entry has an error is no unknown owner: organisations.yml's own finding says what is wrong.
    if (
        owner is not None
        and site.organisations
        and owner not in site.organisations
        and owner not in site.broken_organisations
    ):
        known = ", ".join(sorted(site.organisations))
        yield Finding(
            UNKNOWN_OWNER.id,
            UNKNOWN_OWNER.severity,
            page.path,
            page.line_of("owner"),
            f"De organisatie '{owner}' staat niet in het register van organisaties.",
            f"Kies een van: {known}.",
        )


def check_site(site: Site) -> Iterator[Finding]:
    yield from site.data_findings


CHECK = Check("schema", RULES, page=check_page, site=check_site, site_cached=True)
