"""The site's URL plan: every address the hub publishes and where it leads.

Pages, their old addresses (`aliases`), short links (`p/<slug>/`), code pages (`code/<system>/<code>/`)
and the machine-readable files. The generators write what this module plans and the hub check verifies the
same plan, so the site and `patienthub check` can never disagree about an address. URLs here are
site-relative without a leading slash ("" is the home page), as MkDocs names them; `absolute()` prefixes
`site_url`, so the whole plan works unchanged under a sub-path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from patienthub.domain import codes
from patienthub.domain.model import Page, Site
from patienthub.load.files import MARKDOWN_SUFFIXES, page_url

FEED = "feed.xml"
PAGES_API = "api/v1/pages.json"
PAGES_SCHEMA = "api/v1/pages.schema.json"
MACHINE_FILES = (FEED, PAGES_API, PAGES_SCHEMA)
# Files the theme writes itself: a redirect there would be overwritten (or overwrite the 404 page).
THEME_FILES = ("404.html",)
_ALIAS_PART = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*")
SHORT_PREFIX = "p/"
MANIFEST_HEADER = """\
# Elk adres dat patienthub publiceert, één per regel, ten opzichte van site_url.
# Een adres in deze lijst moet blijven werken: verandert het adres van een pagina, zet dan het oude adres
# onder 'aliases' van die pagina. Deze lijst bewust bijwerken: patienthub urls --update
"""


def absolute(site: Site, url: str) -> str:
    """The public address of a site-relative URL; root-relative when no site_url is configured."""
    base = site.project.site_url or "/"
    return base.rstrip("/") + "/" + url


def output_path(url: str) -> str:
    """The file that serves a URL: a folder URL is served by its index.html."""
    return url if url.endswith((".html", ".htm", ".xml", ".json")) else f"{url}index.html"


def relative(from_url: str, to_url: str) -> str:
    """A link from one site-relative URL to another that works under any sub-path and from disk."""
    # Every "/" in the source URL is one folder deeper, for "a/b/" (served by a/b/index.html) and "a/b.html".
    return ("../" * from_url.count("/")) + to_url or "./"


def alias_url(alias: str, directory_urls: bool = True) -> str | None:
    """An old address as written in `aliases` → site-relative URL, or None when it cannot be an address here.

    Accepted: a folder URL ("oud/adres/", the slash is added when missing), an old page file ("oude-naam.md",
    the URL MkDocs gives it under `directory_urls`) or an old HTML file ("oud/rugpijn.html"). Other files (.pdf) cannot redirect."""
    text = alias.strip().lstrip("/")
    if not text or any(bad in text for bad in ("://", "?", "#", "\\", " ")) or ".." in text.split("/"):
        return None
    # One spelling per address: every part plain ASCII (no '.' or '..', no empty part as in 'x//', no '%2f' or
    # control character); a static host would serve none of the others.
    *folders, last = text.split("/")
    if not all(_ALIAS_PART.fullmatch(part) for part in folders) or (last and not _ALIAS_PART.fullmatch(last)):
        return None
    if text.lower() in THEME_FILES:
        return None
    if text.lower().endswith(MARKDOWN_SUFFIXES):
        return page_url(text, directory_urls)
    if text.endswith("/index.html"):
        return text[: -len("index.html")]
    if text == "index.html":
        return ""
    if text.endswith((".html", ".htm")):
        return text
    if not text.endswith("/") and "." in text.rsplit("/", 1)[-1]:
        return None  # another kind of file (.pdf, .xml): a redirect page cannot stand in for it
    return text if text.endswith("/") else f"{text}/"


def short_slug(page: Page) -> str | None:
    """The short link name of a page: `short_link` from front matter, else the last part of its URL."""
    if page.meta.short_link:
        return page.meta.short_link
    # The page's name in its URL: "a/b/" or, without directory URLs, "a/b.html"; an index page is its folder's.
    url = page.url
    if url == "index.html" or url.endswith("/index.html"):
        url = url.removesuffix("index.html")
    parts = [part for part in url.removesuffix(".html").split("/") if part]
    return parts[-1] if parts else None  # the home page is short enough


@dataclass(frozen=True)
class CodeEntry:
    system: str
    code: str  # canonical
    pages: tuple[Page, ...]  # primary pages first, then by path
    primaries: tuple[Page, ...]

    @property
    def url(self) -> str:
        return codes.code_url(self.system, self.code)

    @property
    def label(self) -> str:
        return f"{codes.SYSTEMS[self.system].label} {self.code}"


def code_index(site: Site) -> list[CodeEntry]:
    """Every valid code the content carries, with the pages that carry it, in a stable order."""
    carriers: dict[tuple[str, str], list[Page]] = defaultdict(list)
    primaries: dict[tuple[str, str], list[Page]] = defaultdict(list)
    for page in site.pages:
        for item in codes.page_codes(page):
            if not item.code:
                continue
            key = (item.system, item.code)
            if page not in carriers[key]:
                carriers[key].append(page)
            if item.primary and page not in primaries[key]:
                primaries[key].append(page)
    entries = []
    for (system, code), pages in sorted(carriers.items()):
        first = primaries[(system, code)]
        ordered = [*first, *sorted((p for p in pages if p not in first), key=lambda p: p.path)]
        entries.append(CodeEntry(system, code, tuple(ordered), tuple(first)))
    return entries


@dataclass(frozen=True)
class Redirect:
    source: str  # site-relative URL that redirects
    target: str  # site-relative URL it leads to
    kind: str  # "alias", "short" or "code"
    page: Page | None  # the content page it belongs to (None for a code spelling that leads to a list)
    index: int | None = None  # position in the page's `aliases`, for line numbers

    @property
    def line(self) -> int | None:
        if self.page is None:
            return None
        if self.kind == "alias":
            return self.page.line_of("aliases", self.index or 0)
        if self.kind == "short":
            return self.page.line_of("short_link") if self.page.meta.short_link else 1
        return self.page.line_of("codes")


def short_links(site: Site) -> dict[str, list[Page]]:
    """Short link URL → pages that would claim it (more than one is a conflict the hub check reports)."""
    claims: dict[str, list[Page]] = defaultdict(list)
    for page in sorted(site.pages, key=lambda p: p.path):
        slug = short_slug(page)
        if slug:
            claims[f"{SHORT_PREFIX}{slug}/"].append(page)
    return claims


def redirects(site: Site) -> list[Redirect]:
    """Every redirect the build writes, in a stable order. Conflicts are kept here (the check reports them);
    the generator writes the first claim of a source."""
    found: list[Redirect] = []
    for page in site.pages:
        for index, alias in enumerate(page.meta.aliases):
            url = alias_url(alias, site.project.use_directory_urls)
            if url is not None:
                found.append(Redirect(url, page.url, "alias", page, index))
    for url, pages in short_links(site).items():
        found.extend(Redirect(url, page.url, "short", page) for page in pages)
    for entry in code_index(site):
        single = entry.pages[0] if len(entry.pages) == 1 else None
        for spelling in codes.spellings(entry.system, entry.code):
            url = codes.code_url(entry.system, spelling)
            if single is not None:
                found.append(Redirect(url, single.url, "code", single))
            elif url != entry.url:
                found.append(Redirect(url, entry.url, "code", None))
    return found


@dataclass(frozen=True)
class Generated:
    """An address the build fills with a page of its own; a content page or an alias there would be replaced."""

    url: str
    what: str  # Dutch, for messages: "de zoekpagina"
    folder: bool = False  # the whole folder is the generator's (the dashboard writes a page per owner)
    protected: bool = True  # other channels link to it, so the manifest lists it

    def covers(self, url: str) -> bool:
        return url == self.url or (self.folder and url.startswith(self.url))


# Where the generators write their pages (source paths in the site; the one list of them).
SEARCH_PAGE = "zoeken.md"
DASHBOARD_FOLDER = "redactie/controles"
DASHBOARD_INDEX = f"{DASHBOARD_FOLDER}/index.md"
EVIDENCE_VIEW = "redactie/bewijs/index.md"  # and its further parts, deel-2.md, … (a folder of its own)
# The web editor (build/web_editor.py): a folder of its own, not a MkDocs page.
WEB_EDITOR_FOLDER = "redactie/bewerken/"


def generated_pages(site: Site) -> list[Generated]:
    """The pages generators write at fixed addresses besides redirects and code pages. The review dashboard is
    for editors (noindex), so it is reserved but not protected; the search page and glossary are for everyone."""

    directory_urls = site.project.use_directory_urls
    dashboard = page_url(DASHBOARD_INDEX, directory_urls).removesuffix("index.html")  # its whole folder
    found = [
        Generated(page_url(SEARCH_PAGE, directory_urls), "de zoekpagina"),
        Generated(dashboard, "de controlepagina's voor de redactie", folder=True, protected=False),
        Generated(WEB_EDITOR_FOLDER, "de webeditor", folder=True, protected=False),
    ]
    if site.termbase.terms:  # the glossary is written only when there are terms
        glossary = page_url(site.config.terminology.glossary_page, directory_urls)
        found.append(Generated(glossary, "de woordenlijst"))
    if site.evidence is not None:  # the evidence view is written only when there is a register
        evidence = page_url(EVIDENCE_VIEW, directory_urls).removesuffix("index.html")  # its whole folder
        found.append(Generated(evidence, "de bewijspagina's voor de redactie", folder=True, protected=False))
    return found


def reserved_by(site: Site, url: str) -> Generated | None:
    """The generated page that owns `url`, if any."""
    return next((item for item in generated_pages(site) if item.covers(url)), None)


@dataclass(frozen=True)
class Published:
    url: str
    what: str  # Dutch, for messages: "pagina", "oud adres", "korte link", "codepagina", "bestand"
    page: Page | None = None


def published(site: Site) -> list[Published]:
    """The addresses the manifest protects: pages, aliases, short links, canonical code pages, the search page
    and glossary, and machine files. Code spellings other than the canonical one follow from it and are not
    listed."""
    items: dict[str, Published] = {}

    def add(item: Published) -> None:
        items.setdefault(item.url, item)

    for page in site.pages:
        add(Published(page.url, "pagina", page))
    for redirect in redirects(site):
        if redirect.kind == "alias":
            add(Published(redirect.source, "oud adres", redirect.page))
        elif redirect.kind == "short":
            add(Published(redirect.source, "korte link", redirect.page))
    for entry in code_index(site):
        add(Published(entry.url, "codepagina", entry.pages[0]))
    for item in generated_pages(site):
        if item.protected:
            add(Published(item.url, "pagina van de site"))
    for name in MACHINE_FILES:
        add(Published(name, "bestand"))
    if site.termbase.terms:
        add(Published(site.config.terminology.export_path, "bestand"))
    return sorted(items.values(), key=lambda item: item.url)


def served(site: Site) -> set[str]:
    """Every site-relative URL the build serves that the hub knows about (including every code spelling)."""
    urls = {item.url for item in published(site)}
    urls.update(redirect.source for redirect in redirects(site))
    return urls


@dataclass(frozen=True)
class Manifest:
    path: Path
    entries: tuple[tuple[str, int], ...]  # (site-relative URL, line)

    @property
    def urls(self) -> set[str]:
        return {url for url, _ in self.entries}


def manifest_path(site: Site) -> Path:
    return site.project.root / site.config.hub.manifest


def read_manifest(path: Path) -> Manifest | None:
    """The committed manifest, or None when there is none. Lines: "/url"; "#" starts a comment.
    Raises OSError or UnicodeDecodeError when it exists but cannot be read."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    return Manifest(path, tuple(_entries(text)))


def _entries(text: str) -> Iterator[tuple[str, int]]:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield stripped.removeprefix("/"), number


def render_manifest(site: Site) -> str:
    return MANIFEST_HEADER + "\n" + "".join(f"/{item.url}\n" for item in published(site))
