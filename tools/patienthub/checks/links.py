"""links.*: every link inside the site reaches a page, a heading or a file; every image has alt text.

Links resolve the way MkDocs resolves them: relative to the page's file in docs_dir, `.md` links to pages,
other links to files or generated outputs. Anchors are the heading ids Python-Markdown's toc makes (markup.py).
External links are never fetched here; `patienthub links --external` does that (external.py).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from patienthub.build import generators, render
from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain import markup
from patienthub.domain.model import Page, Site
from patienthub.load import files as site_files
from patienthub.text import frontmatter

E, W = Severity.ERROR, Severity.WARNING
MISSING_PAGE = Rule("links.missing-page", E, "Een link gaat naar een pagina die niet bestaat.")
MISSING_ANCHOR = Rule(
    "links.missing-anchor", E, "Een link gaat naar een kop (#…) die niet op de pagina staat."
)
MISSING_FILE = Rule(
    "links.missing-file", E, "Een link of plaatje verwijst naar een bestand dat niet bestaat."
)
ABSOLUTE = Rule(
    "links.absolute-path", E, "Een link naar de eigen site begint met /; die breekt in een submap."
)
IMAGE_ALT = Rule("links.image-alt", E, "Een plaatje heeft geen beschrijving (alt-tekst).")
FILE_NAME = Rule(
    "links.file-name", W, "De bestandsnaam heeft spaties, hoofdletters of accenten (komt in het adres)."
)
UNSAFE_FILE_NAME = Rule(
    "links.unsafe-file-name",
    E,
    "De bestandsnaam heeft een teken dat een adres breekt (tab, #, ?, %, :, stuurteken, ...).",
)
EXTERNAL_BROKEN = Rule(
    "links.external-broken", E, "Een link naar een andere site werkt niet meer (404, 410)."
)
EXTERNAL_UNREACHABLE = Rule(
    "links.external-unreachable",
    W,
    "Een andere site gaf geen goed antwoord (time-out, serverfout, geweigerd).",
)
RULES = (
    MISSING_PAGE,
    MISSING_ANCHOR,
    MISSING_FILE,
    ABSOLUTE,
    IMAGE_ALT,
    FILE_NAME,
    UNSAFE_FILE_NAME,
    EXTERNAL_BROKEN,
    EXTERNAL_UNREACHABLE,
)

_SAFE_FILE_NAME = re.compile(r"^[a-z0-9._/-]+$")
_PAGE_SUFFIXES = site_files.MARKDOWN_SUFFIXES


@dataclass
class _Index:
    """What a link can reach: published pages, files and generated outputs, each looked up once per run."""

    site: Site
    files: dict[str, bool] = field(default_factory=dict)
    ids: dict[str, frozenset[str]] = field(default_factory=dict)  # src_uri -> ids on that page
    _generated: dict[str, str | bytes] | None = None
    _generated_urls: dict[str, str] = field(default_factory=dict)  # url -> uri of a generated .md page

    @property
    def generated(self) -> dict[str, str | bytes]:
        """Outputs of the generators that need only the site (glossary, search page, ...), only asked for when a
        link is not found among the real files. The dashboard, made from the findings, is not among them:
        content does not link to it."""
        if self._generated is None:
            self._generated = {}
            for output in generators.outputs(self.site):
                self._generated[output.uri] = output.content
                if output.uri.endswith(_PAGE_SUFFIXES):
                    url = site_files.page_url(output.uri, self.site.project.use_directory_urls)
                    self._generated_urls[url] = output.uri
        return self._generated

    def has_file(self, src_uri: str) -> bool:
        if src_uri not in self.files:
            self.files[src_uri] = (
                site_files.is_published(self.site.project, src_uri) or src_uri in self.generated
            )
        return self.files[src_uri]

    def page_at(self, src_uri: str) -> Page | str | None:
        """A page, the uri of a generated page, or None."""
        page = self.site.by_src_uri.get(src_uri)
        if page is not None:
            return page
        return src_uri if src_uri.endswith(_PAGE_SUFFIXES) and src_uri in self.generated else None

    def page_at_url(self, url: str) -> Page | str | None:
        page = self.site.by_url.get(url)
        if page is not None:
            return page
        self.generated  # noqa: B018 - fills _generated_urls
        return self._generated_urls.get(url)

    def anchors(self, target: Page | str) -> frozenset[str] | None:
        """Ids on a page; None when the page could not be read (it has its own finding)."""
        if isinstance(target, Page):
            if not target.text:
                return None
            if target.src_uri not in self.ids:
                self.ids[target.src_uri] = render.page_ids(target, self.site)
            return self.ids[target.src_uri]
        if target not in self.ids:
            content = self.generated[target]
            text = content.decode("utf-8", "replace") if isinstance(content, bytes) else content
            parsed = frontmatter.parse(text)
            self.ids[target] = render.element_ids(render.to_html(parsed.body, self.site.project.markdown))
        return self.ids[target]


@lru_cache(maxsize=4)
def _index(site: Site) -> _Index:
    return _Index(site)


# In an address these end the path (# ?), start an escape (%), a scheme (:) or are not allowed at all; MkDocs
# and the dashboard write the name into links unencoded.
_URL_BREAKING = frozenset('#?%:\\"<>`{}|^[]')


def unsafe_character(name: str) -> str | None:
    """The first character of a file name that breaks its address: an invisible one (tab, control or format
    character, but not a space) or one of _URL_BREAKING."""
    return next((c for c in name if c in _URL_BREAKING or (not c.isprintable() and c != " ")), None)


def _file_name_finding(page: Page) -> Iterator[Finding]:
    if _SAFE_FILE_NAME.match(page.src_uri):
        return
    bad = unsafe_character(page.src_uri)
    if bad is not None:
        shown = repr(bad) if bad.isprintable() else f"U+{ord(bad):04X}"
        yield finding(
            UNSAFE_FILE_NAME,
            page.path,
            1,
            f"De bestandsnaam {page.src_uri!r} bevat het teken {shown}. Daarmee werkt het adres van de "
            "pagina niet, en links ernaartoe ook niet.",
            "Hernoem het bestand met alleen kleine letters, cijfers en streepjes, bijvoorbeeld rugpijn-bij-werk.md.",
        )
        return
    yield finding(
        FILE_NAME,
        page.path,
        1,
        f"De bestandsnaam '{page.src_uri}' wordt het adres /{page.url}. Spaties, hoofdletters en accenten "
        "worden daarin %20 of %C3%A9; zo'n adres breekt in brieven, e-mails en verwijzingen.",
        "Gebruik alleen kleine letters, cijfers en streepjes, bijvoorbeeld rugpijn-bij-werk.md.",
    )


def _image_alt_finding(page: Page, ref: markup.Reference) -> Iterator[Finding]:
    if ref.kind != "image" or (ref.origin == "html" and ref.text is not None):
        return  # an <img alt=""> says on purpose that the image is decoration
    if ref.text is None or not ref.text.strip():
        yield finding(
            IMAGE_ALT,
            page.path,
            ref.line,
            f"Het plaatje {ref.url!r} heeft geen beschrijving. Wie niet kan zien, weet dan niet wat erop staat.",
            "Beschrijf kort wat het plaatje laat zien: ![Man die rustig wandelt](wandelen.png).",
        )


def _target_finding(page: Page, ref: markup.Reference, index: _Index) -> Iterator[Finding]:
    parts = urlsplit(ref.url.strip())
    if parts.scheme or parts.netloc or ref.url.strip().startswith("//"):
        return  # another site, mailto:, tel: - `patienthub links --external` checks those
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    what = "Dit plaatje" if ref.kind == "image" else "Deze link"
    if path.startswith("/"):
        yield finding(
            ABSOLUTE,
            page.path,
            ref.line,
            f"{what} gaat naar '{ref.url}'. Een adres dat met / begint, werkt niet als de site in een submap staat.",
            "Link naar het bestand zelf, bijvoorbeeld [Lage rugpijn](lage-rugpijn.md).",
        )
        return
    if not path:
        if fragment:
            yield from _anchor_finding(page, ref, page, fragment, index)
        return
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
    inside = resolved != ".." and not resolved.startswith("../")
    if path.lower().endswith(_PAGE_SUFFIXES):
        target = index.page_at(resolved) if inside else None
        if target is None:
            yield finding(
                MISSING_PAGE,
                page.path,
                ref.line,
                f"{what} gaat naar '{path}', maar die pagina bestaat niet (of wordt niet gepubliceerd).",
                "Controleer de bestandsnaam; de link is relatief aan de map van deze pagina.",
            )
        elif fragment:
            yield from _anchor_finding(page, ref, target, fragment, index)
        return
    if inside and index.has_file(resolved):
        return
    # A link in URL form (../lage-rugpijn/) works when it matches a page's URL, seen from the folder of this page's
    # URL (a/b/ is in a/b/; without directory URLs a/b.html is in a/ and a folder link names its index page).
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.url), path))
    if joined != ".." and not joined.startswith("../"):
        target = index.page_at_url(_page_url_form(joined, index.site.project.use_directory_urls))
        if target is not None:
            if fragment:
                yield from _anchor_finding(page, ref, target, fragment, index)
            return
    yield finding(
        MISSING_FILE,
        page.path,
        ref.line,
        f"{what} gaat naar '{path}', maar daar staat geen pagina of bestand van de site.",
        "Link naar het .md-bestand van een pagina, of zet het bestand in content/ (plaatjes in content/assets/). "
        "De link is relatief aan de map van deze pagina.",
    )


def _page_url_form(joined: str, directory_urls: bool) -> str:
    """The page URL a link in URL form names (`joined`: the normalised site path, "." for the home page): a
    folder, or without directory URLs the folder's index.html. A link to a page's .html file is not one: MkDocs
    warns about it ("not found among documentation files"), so --strict fails on it."""
    if directory_urls:
        return "" if joined == "." else f"{joined}/"
    return "index.html" if joined == "." else f"{joined}/index.html"


def _anchor_finding(
    page: Page, ref: markup.Reference, target: Page | str, fragment: str, index: _Index
) -> Iterator[Finding]:
    ids = index.anchors(target)
    if ids is None or fragment in ids or fragment.lower() == "top":  # "#top" is the top of any HTML page
        return
    name = "deze pagina" if target is page else f"'{target.src_uri if isinstance(target, Page) else target}'"
    close = sorted(ids)[:8]
    yield finding(
        MISSING_ANCHOR,
        page.path,
        ref.line,
        f"De link '{ref.url}' gaat naar de kop '#{fragment}', maar die staat niet op {name}.",
        (
            f"Bestaande koppen: {', '.join('#' + i for i in close)}."
            if close
            else "Die pagina heeft geen koppen."
        )
        + " Een kop '## Wat kunt u doen?' heet #wat-kunt-u-doen.",
    )


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    yield from _file_name_finding(page)
    index = _index(site)
    for ref in markup.for_page(page).references:
        yield from _image_alt_finding(page, ref)
        if ref.origin != "reference":  # a reference link is checked once, at its definition
            yield from _target_finding(page, ref, index)


def depends_on(page: Page) -> Iterator[tuple[str, ...]]:
    """Per link or image to another file of the site, the docs_dir paths it may resolve to, as _target_finding
    resolves it: the file itself, and for a link in URL form the pages with that URL. A link whose paths are
    all missing goes to a generated output (or nowhere): it depends on the whole site."""
    for ref in markup.for_page(page).references:
        if ref.origin == "reference":
            continue
        parts = urlsplit(ref.url.strip())
        path = unquote(parts.path)
        if (
            parts.scheme
            or parts.netloc
            or ref.url.strip().startswith("//")
            or not path
            or path.startswith("/")
        ):
            continue  # another site, this page, or a finding whatever the other pages are
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
        candidates = [resolved] if resolved != ".." and not resolved.startswith("../") else []
        if not path.lower().endswith(_PAGE_SUFFIXES):
            joined = posixpath.normpath(posixpath.join(page.url, path))
            if joined != ".." and not joined.startswith("../"):
                stem = "" if joined == "." else f"{joined}/"
                names = [f"{stem}{name}" for name in ("index", "README")]
                if stem:
                    names.append(joined)
                candidates += [f"{name}{suffix}" for name in names for suffix in _PAGE_SUFFIXES]
        if candidates:
            yield tuple(candidates)


# Links reach other pages, their headings, files and generated outputs (see cache.py for what is cached).
CHECK = Check("links", RULES, page=check_page, cross_page=True, depends_on=depends_on)
