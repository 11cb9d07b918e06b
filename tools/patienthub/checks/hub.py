"""hub.*: addresses other channels rely on keep working, and links by clinical code are unambiguous.

The plan of addresses lives in urls.py; this check compares it with the committed manifest and looks for
redirects that collide, loop or chain. Code spelling rules live in codes.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain import codes
from patienthub.domain.model import Page, Site
from patienthub.load import urls
from patienthub.text.datafiles import relative

E, W = Severity.ERROR, Severity.WARNING
URL_REMOVED = Rule(
    "hub.url-removed", E, "Een gepubliceerd adres werkt niet meer en staat bij geen pagina onder aliases."
)
URL_UNLISTED = Rule(
    "hub.url-unlisted", W, "Een nieuw adres staat nog niet in de lijst van gepubliceerde adressen."
)
MANIFEST_UNREADABLE = Rule("hub.manifest-unreadable", E, "De lijst van gepubliceerde adressen is onleesbaar.")
ALIAS_INVALID = Rule("hub.alias-invalid", E, "Een oud adres onder aliases is geen adres op deze site.")
ALIAS_CONFLICT = Rule("hub.alias-conflict", E, "Een oud adres is ook het adres van iets anders op de site.")
REDIRECT_LOOP = Rule(
    "hub.redirect-loop", E, "Doorverwijzingen vormen een kring: de bezoeker komt nergens aan."
)
REDIRECT_CHAIN = Rule("hub.redirect-chain", E, "Een doorverwijzing leidt naar een andere doorverwijzing.")
SHORT_CONFLICT = Rule("hub.short-link-conflict", E, "Twee pagina's hebben dezelfde korte link p/…/.")
INVALID_CODE = Rule("hub.invalid-code", E, "Een klinische code heeft niet de vorm van het codesysteem.")
DUPLICATE_CODE = Rule("hub.duplicate-code", W, "Een pagina noemt dezelfde code twee keer.")
PRIMARY_CONFLICT = Rule(
    "hub.primary-conflict", E, "Twee pagina's zijn allebei de hoofdpagina voor dezelfde code."
)
RESERVED_ADDRESS = Rule(
    "hub.reserved-address", E, "Een pagina heeft het adres van een pagina die de site zelf maakt."
)
RULES = (
    URL_REMOVED,
    URL_UNLISTED,
    MANIFEST_UNREADABLE,
    ALIAS_INVALID,
    ALIAS_CONFLICT,
    REDIRECT_LOOP,
    REDIRECT_CHAIN,
    SHORT_CONFLICT,
    INVALID_CODE,
    DUPLICATE_CODE,
    PRIMARY_CONFLICT,
    RESERVED_ADDRESS,
)
UPDATE = "patienthub urls --update"


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for item in codes.page_codes(page):
        line = page.line_of("codes", item.system, item.index)
        spec = codes.SYSTEMS.get(item.system)
        if spec is None:
            continue  # an unknown system is a schema finding
        if not item.code:
            yield finding(
                INVALID_CODE,
                page.path,
                line,
                f"'{item.written}' is geen geldige {spec.label}-code.",
                f"Schrijf de code zoals in de codelijst, bijvoorbeeld {spec.example}.",
            )
        elif (item.system, item.code) in seen:
            yield finding(
                DUPLICATE_CODE,
                page.path,
                line,
                f"De {spec.label}-code {item.code} staat twee keer bij deze pagina.",
                "Haal de tweede weg.",
            )
        seen.add((item.system, item.code))
    for index, alias in enumerate(page.meta.aliases):
        if urls.alias_url(alias) is None:
            yield finding(
                ALIAS_INVALID,
                page.path,
                page.line_of("aliases", index),
                f"'{alias}' is geen adres op deze site.",
                "Schrijf het oude adres zonder https:// en zonder ? of #, met alleen letters, cijfers, - en _ "
                "tussen de schuine strepen (geen ./, //, %2f of 404.html). Bijvoorbeeld: oude-naam/ of oude-naam.md.",
            )


def check_site(site: Site) -> Iterator[Finding]:
    yield from _reserved_findings(site)
    yield from _manifest_findings(site)
    yield from _redirect_findings(site)
    yield from _short_link_findings(site)
    yield from _primary_findings(site)


def _reserved_findings(site: Site) -> Iterator[Finding]:
    """The build puts its own page (search, glossary, dashboard) where such a page would be: it would vanish."""
    for page in site.pages:
        owner = urls.reserved_by(site, page.url)
        if owner is not None:
            yield finding(
                RESERVED_ADDRESS,
                page.path,
                1,
                f"Het adres /{page.url} is van {owner.what}, die de site zelf maakt. "
                "Deze pagina zou daardoor niet op de site komen.",
                "Geef het bestand een andere naam of zet het in een andere map.",
            )


def _manifest_findings(site: Site) -> Iterator[Finding]:
    path = urls.manifest_path(site)
    rel = relative(path, site.project.root)
    try:
        manifest = urls.read_manifest(path)
    except (OSError, UnicodeDecodeError) as exc:
        yield finding(
            MANIFEST_UNREADABLE,
            rel,
            None,
            f"De lijst van gepubliceerde adressen is niet te lezen ({exc}).",
            f"Herstel het bestand als UTF-8-tekst of maak het opnieuw met: {UPDATE}",
        )
        return
    if manifest is None:
        return  # a repository without a manifest has not adopted address protection (see the README)
    served = urls.served(site)
    for url, line in manifest.entries:
        if url not in served:
            yield finding(
                URL_REMOVED,
                rel,
                line,
                f"Het adres /{url} is gepubliceerd, maar bestaat niet meer. "
                "Websites en huisartssystemen die ernaar verwijzen, geven dan een foutmelding.",
                f"Is de pagina hernoemd of verplaatst? Zet /{url} onder aliases van de pagina die de "
                f"inhoud nu heeft. Is het adres bewust weg? Werk dan de lijst bij met: {UPDATE}",
            )
    listed = manifest.urls
    for item in urls.published(site):
        if item.url in listed:
            continue
        where, line = (item.page.path, 1) if item.page else (rel, None)
        yield finding(
            URL_UNLISTED,
            where,
            line,
            f"Het adres /{item.url} ({item.what}) staat nog niet in de lijst van gepubliceerde adressen.",
            f"Voer {UPDATE} uit en neem de bijgewerkte lijst op in uw wijziging.",
        )


def _redirect_findings(site: Site) -> Iterator[Finding]:
    plan = urls.redirects(site)
    claims: dict[str, list[urls.Redirect]] = defaultdict(list)
    for redirect in plan:
        claims[redirect.source].append(redirect)
    graph = {source: found[0].target for source, found in claims.items()}
    list_pages = {entry.url for entry in urls.code_index(site) if len(entry.pages) > 1}
    occupied = {page.url: f"pagina {page.path}" for page in site.pages}
    occupied.update({url: "een codepagina" for url in list_pages})
    occupied.update({name: "een bestand van de site" for name in urls.MACHINE_FILES})
    for redirect in plan:
        if redirect.kind != "alias" or redirect.page is None:
            continue
        page, shown = redirect.page, f"/{redirect.source}"
        trail, looped = _follow(redirect, graph)
        route = " → ".join(f"/{url}" for url in trail)
        if looped:
            yield finding(
                REDIRECT_LOOP,
                page.path,
                redirect.line,
                f"Het oude adres {shown} verwijst in een kring: {route}.",
                "Een pagina kan niet naar haar eigen adres verwijzen. Haal het adres weg onder aliases.",
            )
        elif len(trail) > 2:
            yield finding(
                REDIRECT_CHAIN,
                page.path,
                redirect.line,
                f"Het oude adres {shown} verwijst via een andere doorverwijzing: {route}.",
                "Een oud adres hoort bij precies één pagina. Haal het dubbele oude adres weg.",
            )
        reserved = urls.reserved_by(site, redirect.source)
        other = occupied.get(redirect.source) or (reserved.what if reserved else None)
        if redirect.source != redirect.target and other is not None:
            yield finding(
                ALIAS_CONFLICT,
                page.path,
                redirect.line,
                f"Het oude adres {shown} is ook het adres van {other}.",
                "Haal het weg onder aliases, of geef de andere pagina eerst een nieuw adres.",
            )
        rivals = sorted(
            {r.page.path for r in claims[redirect.source] if r.page is not None and r.page is not page}
        )
        if rivals and other is None:
            yield finding(
                ALIAS_CONFLICT,
                page.path,
                redirect.line,
                f"Het oude adres {shown} hoort ook bij {', '.join(rivals)}.",
                "Een oud adres kan maar naar één pagina verwijzen. Haal het bij één van de pagina's weg.",
            )


def _follow(redirect: urls.Redirect, graph: dict[str, str]) -> tuple[list[str], bool]:
    """The route a visitor takes from a redirect's source, and whether it runs in a circle."""
    trail = [redirect.source]
    current = redirect.target
    while current not in trail:
        trail.append(current)
        if current not in graph:
            return trail, False
        current = graph[current]
    return [*trail, current], True


def _short_link_findings(site: Site) -> Iterator[Finding]:
    for url, pages in urls.short_links(site).items():
        page_at_url = site.by_url.get(url)
        for page in pages:
            others = [p.path for p in pages if p is not page]
            if page_at_url is not None:
                others.append(page_at_url.path)
            if not others:
                continue
            yield finding(
                SHORT_CONFLICT,
                page.path,
                page.line_of("short_link") if page.meta.short_link else 1,
                f"De korte link /{url} hoort ook bij {', '.join(others)}.",
                "Geef deze pagina een eigen korte link met 'short_link: …' "
                "(kleine letters, cijfers en streepjes).",
            )


def _primary_findings(site: Site) -> Iterator[Finding]:
    for entry in urls.code_index(site):
        if len(entry.primaries) < 2:
            continue
        for page in entry.primaries:
            others = ", ".join(p.path for p in entry.primaries if p is not page)
            yield finding(
                PRIMARY_CONFLICT,
                page.path,
                _code_line(page, entry),
                f"Deze pagina en {others} zijn allebei de hoofdpagina (primary) voor {entry.label}.",
                "Eén pagina per code is de hoofdpagina. Haal 'primary: true' bij de andere pagina weg.",
            )


def _code_line(page: Page, entry: urls.CodeEntry) -> int | None:
    for item in codes.page_codes(page):
        if (item.system, item.code) == (entry.system, entry.code) and item.primary:
            return page.line_of("codes", item.system, item.index)
    return page.line_of("codes")


CHECK = Check("hub", RULES, page=check_page, site=check_site, site_cached=True)
