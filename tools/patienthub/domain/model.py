"""The content model: Page and Site. Plain data, no MkDocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from patienthub.core.findings import Finding
from patienthub.domain.advice import AdviceBook
from patienthub.domain.termbase import Termbase
from patienthub.text.frontmatter import FrontMatter
from patienthub.text.prose import Prose, extract

if TYPE_CHECKING:
    from patienthub.domain.evidence import Register
    from patienthub.domain.guidelines import Guideline
    from patienthub.domain.organisations import Organisation
    from patienthub.domain.outcome_data import OutcomeLibrary
    from patienthub.load.config import Config, Project

PAGE_TYPES = ("education", "self-management", "treatment-options", "outcomes", "overview")


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    version: str | None = None
    date: dt.date | None = None
    key: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class PageMeta:
    """Typed front matter. A field is None when missing or invalid (the schema check reports why)."""

    title: str | None = None
    description: str | None = None
    type: str | None = None
    owner: str | None = None
    last_reviewed: dt.date | None = None
    next_review: dt.date | None = None
    status: str | None = None
    sources: tuple[Source, ...] = ()
    reviewed_by: tuple[str, ...] = ()
    codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    # Codes (as written) for which this page is the main page; a subset of `codes`.
    primary_codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    short_link: str | None = None
    change_note: str | None = None
    # Exemptions from rules, each with its reason: {"readability": "…"} or {"readability.passive": "…"}.
    exempt: Mapping[str, str] = field(default_factory=dict)
    raw: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_concept(self) -> bool:
        return self.status != "approved"


@dataclass(frozen=True, eq=False)
class Page:
    path: str  # relative to the repository root, with forward slashes
    src_uri: str  # relative to docs_dir, as MkDocs names it
    url: str  # site-relative URL as MkDocs makes it ("" for the home page, "rugpijn/" otherwise)
    text: str  # whole file, decoded and normalised to LF
    frontmatter: FrontMatter
    meta: PageMeta
    problems: tuple[Finding, ...]  # reading and front-matter findings, reported by the schema check

    @property
    def body(self) -> str:
        return self.frontmatter.body

    @property
    def body_start_line(self) -> int:
        return self.frontmatter.body_start_line

    def line_of(self, *key: str | int) -> int | None:
        return self.frontmatter.line_of(*key)

    @cached_property
    def body_lines(self) -> list[str]:
        return self.body.split("\n")

    @cached_property
    def prose(self) -> Prose:
        """The text a patient reads, in units and sentences with source lines (shared by the prose checks)."""
        return extract(self.body, self.body_start_line)

    def release(self) -> None:
        """Drop what was worked out from the text (prose, lines) once every check has read it: 5,000 pages'
        sentences and tokens would otherwise stay in memory for the rest of the run. Made again when asked."""
        for name in ("prose", "body_lines"):
            self.__dict__.pop(name, None)


@dataclass(frozen=True, eq=False)
class Site:
    project: Project
    today: dt.date
    pages: tuple[Page, ...]
    organisations: Mapping[str, Organisation]
    # Keys of registry entries that failed validation (their data file has the error): a page citing one is
    # not told the key is unknown.
    broken_organisations: frozenset[str] = frozenset()
    broken_sources: frozenset[str] = frozenset()
    # Findings about data files (registries) rather than pages.
    data_findings: tuple[Finding, ...] = ()
    # Lower-case words and phrases the termbase/glossary explains: not "rare" for the readability check.
    explained_words: frozenset[str] = frozenset()
    # The registry of guidelines pages cite by key (sources.yml).
    guidelines: Mapping[str, Guideline] = field(default_factory=dict)
    # The committed CODEOWNERS file (review.codeowners_file), None when the repository has none.
    codeowners: str | None = None
    # The committed web editor configuration (web_editor.config_file), None when there is none.
    cms_config: str | None = None
    # Outcome datasets and keuzekaarten from the data folder (None when not loaded, e.g. in small unit tests).
    outcomes: OutcomeLibrary | None = None
    termbase: Termbase = field(default_factory=Termbase)  # the words we use with patients (terms.yml)
    advice: AdviceBook = field(default_factory=AdviceBook)  # advice rules and key messages
    # The evidence register: quoted passages that facts on pages and in datasets rest on (None when not loaded).
    evidence: Register | None = None

    @property
    def config(self) -> Config:
        return self.project.config

    @cached_property
    def by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}

    @cached_property
    def by_url(self) -> dict[str, Page]:
        return {page.url: page for page in self.pages}

    @cached_property
    def by_src_uri(self) -> dict[str, Page]:
        return {page.src_uri: page for page in self.pages}
