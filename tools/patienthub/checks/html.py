"""html.*: content cannot run script or pull in other sites, and the page has one clear structure.

Only real markup counts (markup.py): `<script>` inside a code block or inline code is text about HTML, not HTML.
The site's Content-Security-Policy (csp.py) says the same to the browser, as a second line of defence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import markup
from ..findings import Finding, Rule, Severity, finding
from ..frontmatter import YamlPath
from ..model import Page, Site
from .base import Check

E = Severity.ERROR
SCRIPT = Rule("html.script", E, "Een pagina mag geen <script> bevatten.")
EVENT_HANDLER = Rule(
    "html.event-handler", E, "Een pagina mag geen onclick=, onerror= of andere on...= bevatten."
)
UNSAFE_URL = Rule("html.unsafe-url", E, "Een link mag niet beginnen met javascript:, vbscript: of data:.")
EMBED = Rule("html.embed", E, "<iframe>, <object> en <embed> mogen alleen van een toegestane site komen.")
FORM = Rule("html.form", E, "Een pagina mag geen formulier (<form>) bevatten.")
FORBIDDEN = Rule("html.forbidden-element", E, "<base>, <meta>, <link> en <style> horen niet in een pagina.")
INLINE_STYLE = Rule(
    "html.inline-style", E, "Opmaak met style= wordt door de beveiliging van de site geblokkeerd."
)
EXTERNAL_RESOURCE = Rule(
    "html.external-resource", E, "Plaatjes en media komen van de site zelf, niet van een andere site."
)
UNPARSABLE = Rule("html.unparsable", E, "De HTML in de pagina is zo kapot dat hij niet te controleren is.")
FRONTMATTER = Rule(
    "html.frontmatter-markup",
    E,
    'Gegevens bovenaan mogen geen HTML (<...>) of " in titel en beschrijving hebben.',
)
MULTIPLE_H1 = Rule("html.multiple-h1", E, "Een pagina heeft precies één hoofdkop (# Kop).")
RULES = (
    SCRIPT,
    EVENT_HANDLER,
    UNSAFE_URL,
    EMBED,
    FORM,
    FORBIDDEN,
    INLINE_STYLE,
    EXTERNAL_RESOURCE,
    UNPARSABLE,
    FRONTMATTER,
    MULTIPLE_H1,
)

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
# Attributes whose value the browser loads or navigates to.
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background", "cite",
     "longdesc", "ping", "lowsrc", "dynsrc", "codebase", "archive", "manifest", "icon", "usemap"}
)  # fmt: skip
EMBED_ELEMENTS = frozenset({"iframe", "object", "embed", "frame", "frameset", "applet", "portal"})
FORBIDDEN_ELEMENTS = frozenset({"base", "meta", "link", "style"})
# Elements that load media; the Content-Security-Policy only allows the site's own files (no third parties).
MEDIA_ATTRIBUTES = {"img": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",), "source": ("src", "srcset"),
                    "track": ("src",)}  # fmt: skip
# Front-matter values the theme writes into HTML attributes, where a " ends the attribute.
ATTRIBUTE_KEYS = frozenset({"title", "description", "aliases"})
_TAG_START = re.compile(r"<[A-Za-z/!?]")


def _unsafe(url: str | None, *, image: bool = False) -> str | None:
    """The unsafe scheme of a URL, if any. A data: image cannot run script, so images may use data:."""
    found = markup.scheme(url or "")
    if found not in UNSAFE_SCHEMES or (image and found == "data"):
        return None
    return found


def _url_finding(page: Page, line: int, url: str, scheme: str, where: str) -> Finding:
    return finding(
        UNSAFE_URL,
        page.path,
        line,
        f"{where} gaat naar een '{scheme}:'-adres ({_short(url)}). Zo'n adres kan code uitvoeren in de browser.",
        "Link naar een gewone pagina (https://… of een andere pagina van deze site).",
    )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_external(url: str | None) -> bool:
    """Loaded from another site: an absolute http(s) URL or a protocol-relative //host/ URL."""
    if not url:
        return False
    found = markup.scheme(url)
    return found in ("http", "https") or (found is None and url.strip().startswith("//"))


def _external_finding(page: Page, line: int, url: str) -> Finding:
    return finding(
        EXTERNAL_RESOURCE,
        page.path,
        line,
        f"Dit plaatje of filmpje komt van een andere site ({_short(url)}). De beveiliging van de site blokkeert "
        "het, en die andere site zou zien wie de pagina leest.",
        "Zet het bestand in content/assets/ (als dat mag van de maker) en link daarnaar, of link naar de site.",
    )


def _allowed_embed(url: str | None, site: Site) -> bool:
    if not url or ".." in url:
        return False
    return any(url.startswith(prefix) for prefix in site.config.html.allowed_embeds)


def _tag_findings(page: Page, site: Site, tag: markup.Tag) -> Iterator[Finding]:
    if tag.name == "script":
        yield finding(
            SCRIPT,
            page.path,
            tag.line,
            "Deze pagina bevat een <script>. Code in een pagina kan de lezer schaden en wordt geblokkeerd.",
            "Haal het script weg. Wilt u iets interactiefs? Vraag het technische team om het in de site te bouwen.",
        )
    elif tag.name in EMBED_ELEMENTS:
        url = tag.get("data") if tag.name == "object" else tag.get("src")
        if tag.has("srcdoc") or not _allowed_embed(url, site):
            allowed = ", ".join(site.config.html.allowed_embeds) or "nog geen enkele site"
            yield finding(
                EMBED,
                page.path,
                tag.line,
                f"<{tag.name}> laat een andere site in de pagina zien ({_short(url or 'zonder adres')}).",
                f"Zet een gewone link naar die site. Toegestaan zijn alleen: {allowed} "
                "(instelling html.allowed_embeds in mkdocs.yml).",
            )
    elif tag.name == "form":
        yield finding(
            FORM,
            page.path,
            tag.line,
            "Deze pagina bevat een formulier (<form>). Patiënten kunnen er gegevens mee naar een andere site sturen.",
            "Haal het formulier weg en link naar de site van de organisatie die de gegevens mag ontvangen.",
        )
    elif tag.name in FORBIDDEN_ELEMENTS:
        yield finding(
            FORBIDDEN,
            page.path,
            tag.line,
            f"<{tag.name}> hoort niet in de tekst van een pagina: het verandert de hele pagina of wordt geblokkeerd.",
            "Haal het element weg. Opmaak hoort in assets/stylesheets, niet in een pagina.",
        )
    for attribute in MEDIA_ATTRIBUTES.get(tag.name, ()):
        url = tag.get(attribute)
        if _is_external(url):
            yield _external_finding(page, tag.line, url or "")
    yield from _attribute_findings(page, tag.line, tag.attrs, f"<{tag.name}>", image=tag.name == "img")


def _attribute_findings(
    page: Page, line: int, attrs: markup.Attrs, where: str, image: bool = False
) -> Iterator[Finding]:
    for key, value in attrs:
        name = key.lower()
        if name.startswith("on"):
            yield finding(
                EVENT_HANDLER,
                page.path,
                line,
                f"{where} heeft het attribuut '{key}='. Daarmee voert de browser code uit.",
                f"Haal '{key}=…' weg.",
            )
        elif name == "style":
            yield finding(
                INLINE_STYLE,
                page.path,
                line,
                f"{where} heeft opmaak met 'style='. De beveiliging van de site (Content-Security-Policy) blokkeert "
                "dat, dus de lezer ziet het niet.",
                "Haal 'style=…' weg. Nodig? Vraag het technische team om een klasse in patienthub.css.",
            )
        elif name in URL_ATTRIBUTES:
            scheme = _unsafe(value, image=image and name in ("src", "srcset"))
            if scheme:
                yield _url_finding(page, line, value or "", scheme, f"{where} ({key}=)")


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


def _h1_findings(page: Page, found: markup.Markup) -> Iterator[Finding]:
    h1s = found.h1s
    for line, text in h1s[1:]:
        yield finding(
            MULTIPLE_H1,
            page.path,
            line,
            f"Deze pagina heeft {len(h1s)} hoofdkoppen; '{_short(text)}' is er één te veel. "
            "Schermlezers en zoekmachines verwachten er één.",
            "Maak er een tussenkop van: ## in plaats van #.",
        )


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    found = markup.for_page(page)
    for tag in found.tags:
        yield from _tag_findings(page, site, tag)
    for attr_list in found.attr_lists:
        yield from _attribute_findings(page, attr_list.line, attr_list.attrs, "Een attributenlijst {…}")
    for ref in found.references:  # <a> and <img> were checked as tags above
        if ref.kind == "image" and ref.origin in ("markdown", "reference") and _is_external(ref.url):
            yield _external_finding(page, ref.line, ref.url)
        scheme = _unsafe(ref.url, image=ref.kind == "image")
        if scheme and ref.origin in ("markdown", "definition"):  # a reference is checked at its definition
            what = "Deze link" if ref.kind == "link" else "Dit plaatje"
            yield _url_finding(page, ref.line, ref.url, scheme, what)
    for line in found.unparsable:
        yield finding(
            UNPARSABLE,
            page.path,
            line,
            "Vanaf hier is de HTML onleesbaar (bijvoorbeeld '<![' of een tag die niet sluit).",
            "Herstel of verwijder de HTML op deze regel.",
        )
    yield from _frontmatter_findings(page)
    yield from _h1_findings(page, found)


CHECK = Check("html", RULES, page=check_page)
