"""html.*: nothing a page publishes can run script, send the reader elsewhere or pull in another site.

Judged on the published HTML, not on the Markdown: each page is rendered as the build renders it (render.py:
the site's own Markdown extensions over the body after patienthub's transforms, so key messages, glossary links
and outcome blocks are in it), then parsed as a browser parses it and walked against the allowlist of
data/html-policy.yml (htmlpolicy.py). The generated pages made from data files (the glossary, the search page)
are judged the same way. A finding points at the source line the offending element comes from: in the page,
or in the data file that brought it in; where neither has it literally (an entity-encoded attribute, say), at
the start of the text, with the element as the browser reads it.

These are security rules: they cannot be switched off in a page nor demoted in mkdocs.yml (filters.py).
The MkDocs plugin applies the same policy to the HTML MkDocs produced, so check and build cannot disagree.
"""

from __future__ import annotations

import hashlib
import html as html_module
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from patienthub.build import generators, render
from patienthub.checks.base import Check
from patienthub.core import memo
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain import markup
from patienthub.domain.model import Page, Site
from patienthub.text import frontmatter as frontmatter_module
from patienthub.text import htmlpolicy
from patienthub.text.datafiles import load_data_file
from patienthub.text.frontmatter import YamlPath

E = Severity.ERROR
SCRIPT = Rule("html.script", E, "Een pagina mag geen <script> bevatten.")
EVENT_HANDLER = Rule(
    "html.event-handler", E, "Een pagina mag geen onclick=, onerror= of andere on...= bevatten."
)
UNSAFE_URL = Rule(
    "html.unsafe-url", E, "Een link mag alleen naar https:, http:, mailto: of tel: (of naar deze site) gaan."
)
EMBED = Rule("html.embed", E, "<iframe>, <object> en <embed> mogen alleen van een toegestane site komen.")
FORM = Rule("html.form", E, "Een pagina mag geen formulier of invoerveld (<form>, <input>, ...) bevatten.")
FORBIDDEN = Rule(
    "html.forbidden-element",
    E,
    "<meta>, <base>, <link>, <style> en <title> horen niet in een pagina (een <meta> kan de lezer doorsturen).",
)
INLINE_STYLE = Rule(
    "html.inline-style", E, "Opmaak met style= wordt door de beveiliging van de site geblokkeerd."
)
EXTERNAL_RESOURCE = Rule(
    "html.external-resource", E, "Plaatjes en media komen van de site zelf, niet van een andere site."
)
ELEMENT_NOT_ALLOWED = Rule(
    "html.element-not-allowed", E, "Een HTML-element dat niet op de lijst van toegestane elementen staat."
)
ATTRIBUTE_NOT_ALLOWED = Rule(
    "html.attribute-not-allowed",
    E,
    "Een HTML-attribuut dat niet op de lijst van toegestane attributen staat.",
)
UNPARSABLE = Rule(
    "html.unparsable", E, "De HTML slikt de rest van de pagina in (een opmerking of element dat niet sluit)."
)
FRONTMATTER = Rule(
    "html.frontmatter-markup",
    E,
    'Gegevens bovenaan mogen geen HTML (<...>) of " in titel en beschrijving hebben.',
)
MULTIPLE_H1 = Rule("html.multiple-h1", E, "Een pagina heeft precies één hoofdkop (# Kop).")
GLUED_LIST = Rule(
    "html.glued-list",
    Severity.WARNING,
    "Een lijst direct onder een alinea: de site toont hem als één alinea met streepjes.",
)
DATA_MARKUP = Rule(
    "html.data-markup",
    E,
    "Gegevensbestanden (organisaties, termen, kernboodschappen, uitkomsten) bevatten gewone tekst, geen HTML.",
)
RULES = (
    SCRIPT,
    EVENT_HANDLER,
    UNSAFE_URL,
    EMBED,
    FORM,
    FORBIDDEN,
    INLINE_STYLE,
    EXTERNAL_RESOURCE,
    ELEMENT_NOT_ALLOWED,
    ATTRIBUTE_NOT_ALLOWED,
    UNPARSABLE,
    FRONTMATTER,
    MULTIPLE_H1,
    GLUED_LIST,
    DATA_MARKUP,
)
BY_KIND = {rule.id.removeprefix("html."): rule for rule in RULES}

# Front-matter values the theme writes into HTML attributes, where a " ends the attribute.
ATTRIBUTE_KEYS = frozenset({"title", "description", "aliases"})
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def policy_for(site: Site, generated: bool = False) -> htmlpolicy.Policy:
    policy = htmlpolicy.default_policy().with_embeds(site.config.html.allowed_embeds)
    return policy.for_generated() if generated else policy


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(violation: htmlpolicy.Violation, allowed_embeds: Iterable[str] = ()) -> tuple[str, str]:
    """The Dutch message and fix for a violation, naming the element as the browser reads it."""
    v = violation
    seen = f"({_short(v.snippet, 90)})"
    attribute = f"'{v.attribute}='" if v.attribute else ""
    if v.kind == "script":
        return (
            f"Deze pagina bevat een <script> {seen}. Code in een pagina kan de lezer schaden.",
            "Haal het script weg. Wilt u iets interactiefs? Vraag het technische team om het in de site te bouwen.",
        )
    if v.kind == "event-handler":
        return (
            f"<{v.element}> heeft het attribuut {attribute} {seen}. Daarmee voert de browser code uit.",
            f"Haal {attribute}… weg.",
        )
    if v.kind == "unsafe-url":
        if v.element == "use":
            return (
                f"<use> verwijst naar iets buiten de pagina {seen}. Zo'n bestand kan eigen code meebrengen.",
                'Verwijs alleen naar een tekening in de pagina zelf: href="#naam".',
            )
        return (
            f"<{v.element}> ({attribute}) gaat naar een adres dat code kan uitvoeren of niet is toegestaan "
            f"{seen}.",
            "Link naar een gewone pagina (https://… of een andere pagina van deze site). Plaatjes als data: "
            "mogen alleen PNG, JPEG, GIF, WebP of AVIF zijn.",
        )
    if v.kind == "embed":
        allowed = ", ".join(allowed_embeds) or "nog geen enkele site"
        return (
            f"<{v.element}> laat een andere site in de pagina zien {seen}.",
            f"Zet een gewone link naar die site. Toegestaan zijn alleen <iframe>s van: {allowed} "
            "(instelling html.allowed_embeds in mkdocs.yml).",
        )
    if v.kind == "form":
        return (
            f"Deze pagina bevat een formulier of invoerveld <{v.element}> {seen}. Patiënten kunnen er gegevens "
            "mee naar een andere site sturen.",
            "Haal het weg en link naar de site van de organisatie die de gegevens mag ontvangen.",
        )
    if v.kind == "forbidden-element":
        if v.element == "meta":
            return (
                f"Deze pagina bevat een <meta> {seen}. Daarmee kan een pagina de lezer ongemerkt naar een andere "
                "site sturen; de beveiliging van de site houdt dat niet tegen.",
                "Haal de <meta> weg. Een pagina die verhuist, krijgt een oud adres in aliases: (zie de handleiding).",
            )
        return (
            f"<{v.element}> hoort niet in de tekst van een pagina {seen}: het verandert de hele pagina.",
            "Haal het element weg. Opmaak hoort in de stylesheets van de site, niet in een pagina.",
        )
    if v.kind == "inline-style":
        return (
            f"<{v.element}> heeft opmaak met 'style=' {seen}. De beveiliging van de site blokkeert dat, dus de "
            "lezer ziet het niet.",
            "Haal 'style=…' weg. Nodig? Vraag het technische team om een klasse in patienthub.css.",
        )
    if v.kind == "external-resource":
        return (
            f"Dit plaatje of filmpje komt van een andere site {seen}. De beveiliging van de site blokkeert het, "
            "en die andere site zou zien wie de pagina leest.",
            "Zet het bestand in content/assets/ (als dat mag van de maker) en link daarnaar, of link naar de site.",
        )
    if v.kind == "attribute-not-allowed" and v.attribute and v.attribute.lower() == "title":
        return (
            f"<{v.element}> heeft een titel (title=) met '<' erin {seen}. De site toont een titel als uitleg bij "
            "de muis of het toetsenbord, en leest '<' daar als HTML: zo kan een titel de lezer doorsturen.",
            "Schrijf de titel als gewone tekst, zonder < (ook niet als &lt;).",
        )
    if v.kind == "attribute-not-allowed":
        return (
            f"<{v.element}> heeft het attribuut {attribute}, dat niet op de lijst van toegestane attributen staat "
            f"{seen}.",
            "Haal het attribuut weg. Is het echt nodig? Vraag het technische team om het toe te voegen aan "
            "tools/patienthub/data/html-policy.yml.",
        )
    return (
        f"<{v.element}> staat niet op de lijst van toegestane HTML-elementen {seen}.",
        "Gebruik gewone Markdown (koppen, lijsten, tabellen, links). Is het element echt nodig? Vraag het "
        "technische team om het toe te voegen aan tools/patienthub/data/html-policy.yml.",
    )


class _Locator:
    """Finds the source line of an element of the rendered HTML: the n-th time the same text is looked for, it
    is the n-th place it occurs. First in the page's body, then in the data files (key messages, termbase,
    outcome data) that the transforms bring into the page."""

    def __init__(self, site: Site, page: Page | None) -> None:
        self.site = site
        self.page = page
        self.asked: Counter[tuple[str, str]] = Counter()
        self._data: list[tuple[str, str]] | None = None

    def data_texts(self) -> list[tuple[str, str]]:
        if self._data is None:
            folder = self.site.project.data_dir
            root = self.site.project.root
            self._data = []
            files = sorted(folder.rglob("*.yml")) if folder.is_dir() else []
            for path in files:
                if path.is_symlink():
                    continue  # files.symlink reports it; a link can point anywhere
                try:
                    self._data.append((_relative(path, root), path.read_text(encoding="utf-8")))
                except (OSError, UnicodeDecodeError):
                    continue  # its own loader reports it
        return self._data

    def locate(self, needles: Iterable[str]) -> tuple[str | None, int | None]:
        needles = [n.lower() for n in needles if n and len(n) >= 2]
        if self.page is not None:
            lines = _searchable(self.page.body)
            for needle in needles:
                line = self._find(self.page.path, lines, self.page.body_start_line, needle)
                if line is not None:
                    return self.page.path, line
        for path, text in self.data_texts():
            lines = _searchable(text)
            for needle in needles:
                line = self._find(path, lines, 1, needle)
                if line is not None:
                    return path, line
        return None, None

    def _find(self, path: str, lines: list[str], first_line: int, needle: str) -> int | None:
        found = [number for number, text in enumerate(lines) if needle in text]
        if not found:
            return None
        n = self.asked[(path, needle)]
        self.asked[(path, needle)] += 1
        return first_line + found[min(n, len(found) - 1)]


def _searchable(text: str) -> list[str]:
    """Lines as the parser reads their characters: entities decoded (`&#106;avascript:`), lower case."""
    return [html_module.unescape(line).lower() for line in text.split("\n")]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def html_findings(
    html: str, site: Site, page: Page | None, fallback_path: str, fallback_line: int | None
) -> Iterator[Finding]:
    """The policy's findings on one rendered document (a page, or with `page` None one that patienthub
    generated), each at the source line it comes from."""
    inspection = htmlpolicy.inspect(html, policy_for(site, generated=page is None))
    locator = _Locator(site, page)
    reported: set[tuple[str, str, int | None, str]] = set()
    for violation in inspection.violations:
        rule = BY_KIND[violation.kind]
        path, line = locator.locate(violation.needles)
        place = (rule.id, path or fallback_path, line or fallback_line, violation.snippet)
        if place in reported:  # the same element rendered twice (a reference used twice) is one problem
            continue
        reported.add(place)
        message, fix = describe(violation, site.config.html.allowed_embeds)
        if path is not None and page is not None and path != page.path:
            message += f" Het staat in {path} en komt zo op de pagina {page.path}."
        yield finding(
            rule, path or fallback_path, line or fallback_line, message, fix, excerpt=violation.snippet
        )
    if inspection.swallowed:
        yield finding(
            UNPARSABLE,
            fallback_path,
            _swallowing_line(page) if page is not None else fallback_line,
            "Vanaf hier slikt de HTML de rest van de pagina in: een opmerking (<!--) of een element zoals "
            "<script>, <textarea> of <title> dat niet sluit. Op de site verdwijnt alles wat erna komt.",
            "Sluit de opmerking met --> of haal het element weg.",
        )
    if page is not None:
        yield from _h1_findings(page, inspection.h1s)
        for line_text in inspection.glued_lists:
            _, line = locator.locate([line_text])
            yield finding(
                GLUED_LIST,
                page.path,
                line or fallback_line,
                f"Deze lijst staat direct onder een alinea ('{_short(line_text)}'). Op de site wordt het één "
                "alinea met streepjes erin, geen lijst.",
                "Zet een lege regel tussen de alinea en de lijst.",
            )


# Openers after which a browser reads everything as one comment or one text, until their end tag.
_SWALLOWERS = ("<!--", "<script", "<textarea", "<title", "<style", "<xmp", "<plaintext", "<noembed", "<noframes",
               "<iframe", "<noscript")  # fmt: skip


def _swallowing_line(page: Page) -> int:
    """The line of the last opener that can swallow the rest: the scanner's guess first, else by text."""
    guessed = markup.for_page(page).unparsable
    if guessed:
        return guessed[0]
    last = page.body_start_line
    for offset, line in enumerate(_searchable(page.body)):
        if any(opener in line for opener in _SWALLOWERS):
            last = page.body_start_line + offset
    return last


def _strings(data: Any, path: YamlPath = ()) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _frontmatter_findings(page: Page) -> Iterator[Finding]:
    """Front matter reaches the theme's templates (title, description): no markup there, and no quote that
    ends an attribute. The templates escape them as well; this tells the editor before a reader sees `&lt;`."""
    for path, value in _strings(page.frontmatter.data):
        field = ".".join(str(p) for p in path)
        attribute_bound = bool(path) and (path[0] in ATTRIBUTE_KEYS or path[-1] == "url")
        if _TAG_START.search(value):
            problem = "bevat HTML-code (iets tussen < en >)"
        elif attribute_bound and '"' in value:
            problem = 'bevat een recht aanhalingsteken ("), dat de HTML van de pagina breekt'
        else:
            continue
        yield finding(
            FRONTMATTER,
            page.path,
            page.line_of(*path),
            f"De waarde van {field} {problem}.",
            "Schrijf gewone tekst. Gebruik voor een citaat ‘…’ of „…”.",
        )


def _h1_findings(page: Page, h1s: tuple[str, ...]) -> Iterator[Finding]:
    locator = _HeadingLines(page)
    for text in h1s[1:]:
        yield finding(
            MULTIPLE_H1,
            page.path,
            locator.line(text),
            f"Deze pagina heeft {len(h1s)} hoofdkoppen; '{_short(text)}' is er één te veel. "
            "Schermlezers en zoekmachines verwachten er één.",
            "Maak er een tussenkop van: ## in plaats van #.",
        )


class _HeadingLines:
    """The source line of a level-1 heading, by its text (headings are written as `#…` or `<h1>`)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.used: set[int] = set()

    def line(self, text: str) -> int:
        page = self.page
        for offset, source in enumerate(page.body_lines):
            number = page.body_start_line + offset
            if number in self.used:
                continue
            stripped = source.lstrip()
            if (stripped.startswith("#") and not stripped.startswith("##")) or "<h1" in stripped.lower():
                if text and text.split()[0].lower() not in source.lower():
                    continue
                self.used.add(number)
                return number
        return page.body_start_line


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    if page.text:
        html = render.published_html(page, site)
        yield from html_findings(html, site, page, page.path, page.body_start_line)
    yield from _frontmatter_findings(page)


def _data_markup_findings(site: Site) -> Iterator[Finding]:
    """Data values reach the HTML in many places (review line, tooltips, glossary, key messages, the API's
    terms.json for partners who may show them as HTML): they are plain text, so no markup at all. Judged on the
    values as YAML reads them (`"\\x3cimg"` is `<img`), at the line of each value."""
    folder = site.project.data_dir
    root = site.project.root
    for path in sorted(folder.rglob("*.yml")) if folder.is_dir() else []:
        if path.is_symlink():
            continue  # files.symlink reports it; a link can point anywhere
        try:
            raw = path.read_bytes()
        except OSError:
            continue  # its own loader reports it
        key = (_relative(path, root), hashlib.blake2b(raw, digest_size=16).digest())
        if key not in _DATA_MARKUP:
            _DATA_MARKUP[key] = tuple(_markup_in_data_file(path, root))
        yield from _DATA_MARKUP[key]


# The findings of each data file by its name and bytes (kept in the cache): an edit of a page leaves the data
# files as they were, so they are not parsed again.
_DATA_MARKUP = memo.table("data-files:markup")


def _markup_in_data_file(path: Path, root: Path) -> Iterator[Finding]:
    data_file = load_data_file(path, root, mapping=False)
    if data_file.findings:
        return  # unreadable: its own loader reports it
    for key, value in _strings(data_file.data):
        if not _TAG_START.search(value):
            continue
        yield finding(
            DATA_MARKUP,
            data_file.path,
            data_file.line_of(*key),
            f"Deze waarde bevat HTML-code ({_short(value.strip())}). Tekst uit gegevensbestanden komt op veel "
            "pagina's en in de gegevens voor partners terecht.",
            "Schrijf gewone tekst, zonder < en >. Opmaak doet de site zelf.",
        )


def check_site(site: Site) -> Iterator[Finding]:
    """Data files hold no markup; every page a generator makes from the site alone (glossary, search page,
    evidence view, ...) is rendered and judged like a page."""

    yield from _data_markup_findings(site)
    for output in generators.pages(site):
        if output.uri.endswith(".md") and isinstance(output.content, str):
            yield from _generated_page_findings(output.uri, output.content, site)


# Generated pages found clean, by their body and what the verdict depends on (Markdown setup, allowed embeds): an
# edit of one page changes few of them (the glossary, search and evidence pages rarely), so the check does not
# render them again. Only a clean verdict is kept: a finding's line is looked up in the data files' text.
_CLEAN_GENERATED = memo.table("generated-pages:clean")


def _generated_page_findings(uri: str, content: str, site: Site) -> list[Finding]:
    body = frontmatter_module.parse(content).body
    key = (
        hashlib.blake2b(body.encode("utf-8"), digest_size=16).digest(),
        repr(site.project.markdown),
        site.config.html.allowed_embeds,
    )
    if key in _CLEAN_GENERATED:
        return []
    found = list(html_findings(render.to_html(body, site.project.markdown), site, None, uri, None))
    if not found:
        _CLEAN_GENERATED[key] = True
    return found


CHECK = Check("html", RULES, page=check_page, site=check_site, site_cached=True)
