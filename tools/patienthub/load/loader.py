"""Load: files on disk -> Page and Site. Reading problems become findings; nothing is skipped silently."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache, partial
from pathlib import Path

from patienthub.core import limits
from patienthub.core.findings import Finding, Severity
from patienthub.domain import advice, guidelines, metadata, organisations, outcome_data, termbase
from patienthub.domain.advice import AdviceBook
from patienthub.domain.evidence import Register
from patienthub.domain.evidence import load as load_evidence
from patienthub.domain.guidelines import Guideline
from patienthub.domain.model import Page, PageMeta, Site
from patienthub.domain.organisations import Organisation
from patienthub.domain.outcome_data import OutcomeLibrary
from patienthub.domain.termbase import Termbase
from patienthub.load import codeowners
from patienthub.load.cache import Cache
from patienthub.load.config import Project
from patienthub.load.files import discover, page_url
from patienthub.load.symlinks import symlink_finding
from patienthub.text import frontmatter
from patienthub.text.datafiles import Registry

# A page with one of these has no text: an engine must not try to render it (it has its error finding). The
# limits (page size, nesting, unclosed brackets) are among them: such a page would hang or crash a renderer.
LIMIT_ERRORS = frozenset({"schema.too-large", "schema.nesting", "schema.unclosed", "schema.backtick-run"})
READ_ERRORS = frozenset({"schema.encoding", "schema.binary-file", "schema.unreadable", *LIMIT_ERRORS})
MAX_CONTROL_FINDINGS = 10  # a pasted binary blob gives ten findings, not one per line


def decode(raw: bytes) -> tuple[str | None, Finding | None]:
    """Bytes -> normalised text (no BOM, LF line ends), or a finding that says why not."""
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return None, _read_error(
            "schema.binary-file", line, "Dit bestand bevat binaire gegevens (NUL-tekens)."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, _read_error(
            "schema.encoding",
            line,
            f"Dit bestand is geen geldige UTF-8-tekst (byte {raw[exc.start]:#x} op positie {exc.start}).",
            "Sla het bestand op als UTF-8 (in VS Code: rechtsonder op de codering klikken).",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _read_error(rule: str, line: int | None, message: str, suggestion: str = "") -> Finding:
    # Path is filled in by load_page; a Finding is frozen, so we build it again there.
    return Finding(rule, Severity.ERROR, "", line, message, suggestion)


@lru_cache(maxsize=16)
def _resolved(folder: Path) -> Path:
    return folder.resolve()  # the project's root and docs_dir, resolved once per run rather than per page


def load_page(path: Path, project: Project, cache: Cache | None = None) -> Page:
    resolved = path.parent.resolve() / path.name  # a symbolic link is a page where it is, as MkDocs sees it
    try:
        rel = resolved.relative_to(_resolved(project.root)).as_posix()
    except ValueError:
        rel = path.as_posix()
    try:
        src_uri = resolved.relative_to(_resolved(project.docs_dir)).as_posix()
    except ValueError:
        src_uri = path.name  # a file outside docs_dir (checked on request) lives at the site root
    url = page_url(src_uri, project.use_directory_urls)
    if path.is_symlink():  # never read: it can point at any file of the machine (files.symlink)
        return _empty_page(rel, src_uri, url, symlink_finding(rel))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        message = f"Kan het bestand niet lezen: {exc.strerror}."
        problem = Finding("schema.unreadable", Severity.ERROR, rel, None, message)
        return _empty_page(rel, src_uri, url, problem)
    return _from_bytes(raw, rel, src_uri, url, cache)


def page_from_bytes(path: Path, raw: bytes, project: Project, cache: Cache | None = None) -> Page:
    """The page at `path` as if its file held `raw` (text not saved yet, e.g. the web editor's form): read with
    the same limits and parser as a file on disk, from the cache when these bytes were read there before. The
    file itself is not read or written."""
    resolved = path.parent.resolve() / path.name
    rel = resolved.relative_to(_resolved(project.root)).as_posix()
    src_uri = resolved.relative_to(_resolved(project.docs_dir)).as_posix()
    return _from_bytes(raw, rel, src_uri, page_url(src_uri, project.use_directory_urls), cache)


def _from_bytes(raw: bytes, rel: str, src_uri: str, url: str, cache: Cache | None) -> Page:
    if len(raw) > limits.limits().max_page_bytes:  # refused before decoding: nothing reads a 20 MB page
        return _empty_page(rel, src_uri, url, limits.too_large(rel, len(raw)))
    if cache is not None:
        return cache.page(rel, src_uri, url, raw, lambda: _parse(raw, rel, src_uri, url))
    return _parse(raw, rel, src_uri, url)


def _parse(raw: bytes, rel: str, src_uri: str, url: str) -> Page:
    text, problem = decode(raw)
    if problem is not None:
        return _empty_page(rel, src_uri, url, _at(problem, rel))
    if not text.strip():
        problem = Finding(
            "schema.empty-file",
            Severity.ERROR,
            rel,
            1,
            "Dit bestand is leeg.",
            "Begin met het sjabloon: patienthub new --title '…' --type education --owner nhg",
        )
        return _empty_page(rel, src_uri, url, problem)
    fm = frontmatter.parse(text)
    excess = [
        Finding(e.rule, Severity.ERROR, rel, e.line, e.message, e.suggestion)
        for e in limits.excesses(fm.body, fm.body_start_line)
    ]
    if excess:  # no check and no renderer may parse this body: Python-Markdown would hang or recurse
        empty = frontmatter.FrontMatter({}, {}, "", 1, False, ())
        return Page(rel, src_uri, url, "", empty, PageMeta(), tuple(excess))
    problems = [Finding(p.rule, Severity.ERROR, rel, p.line, p.message, p.suggestion) for p in fm.problems]
    problems.extend(_control_characters(fm.body, fm.body_start_line, rel))
    meta = PageMeta()
    if fm.data:  # a block that could not be read at all has its own finding; validating {} adds only noise
        meta, schema_findings = metadata.validate(fm, rel)
        problems.extend(schema_findings)
    return Page(rel, src_uri, url, text, fm, meta, tuple(problems))


def _control_characters(body: str, first_line: int, path: str) -> list[Finding]:
    """Invisible control characters in the text: one finding per line, for the first lines that have them (they
    break feed.xml and the HTML)."""
    found: list[Finding] = []
    for index, line in enumerate(body.split("\n")):
        match = limits.CONTROL.search(line)
        if match and len(found) < MAX_CONTROL_FINDINGS:
            found.append(
                Finding(
                    "schema.control-character",
                    Severity.ERROR,
                    path,
                    first_line + index,
                    f"Deze regel bevat een onzichtbaar stuurteken ({limits.control_name(match.group())}) "
                    f"op positie {match.start() + 1}.",
                    "Typ de regel opnieuw; zo'n teken komt meestal mee bij kopiëren en plakken.",
                )
            )
    return found


def _at(problem: Finding, path: str) -> Finding:
    return Finding(problem.rule, problem.severity, path, problem.line, problem.message, problem.suggestion)


def _empty_page(rel: str, src_uri: str, url: str, problem: Finding) -> Page:
    fm = frontmatter.FrontMatter({}, {}, "", 1, False, ())
    return Page(rel, src_uri, url, "", fm, PageMeta(), (problem,))


def _load_data(
    project: Project,
) -> tuple[
    Registry[Organisation], Registry[Guideline], OutcomeLibrary, Termbase, AdviceBook, Register | None
]:
    """The data files every page is checked against, read and validated."""
    config = project.config
    return (
        organisations.load(project.data_dir, project.root),
        guidelines.load(project.data_dir, project.root),
        outcome_data.load(
            project.data_dir, project.root, config.outcomes.datasets_dir, config.outcomes.keuzekaarten_dir
        ),
        termbase.load(project.data_dir, project.root, config.terminology.termbase),
        advice.load(project.data_dir, project.root, config.advice.rules, config.advice.key_messages),
        load_evidence(project.data_dir, project.root),
    )


def _committed_cms_config(project: Project) -> str | None:
    """The web editor's configuration as committed (line ends normalised), None when there is none."""
    name = project.config.web_editor.config_file
    if not name:
        return None
    try:
        return (project.root / name).read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    except FileNotFoundError:
        return None
    except OSError:
        return ""  # unreadable: differs from what cms-config writes, so check reports it


def load_site(
    project: Project, today: dt.date, extra_files: Iterable[Path] = (), cache: Cache | None = None
) -> Site:
    """All published pages of the project, plus any files outside docs_dir named explicitly."""
    paths = discover(project)
    extra_files = list(extra_files)
    if extra_files:
        known = {p.resolve() for p in paths}
        paths.extend(p for p in extra_files if p.resolve() not in known)
    pages = tuple(load_page(path, project, cache) for path in paths)
    data = cache.data(project, partial(_load_data, project)) if cache is not None else _load_data(project)
    orgs, registry, library, terms, book, register = data
    return Site(
        project=project,
        today=today,
        pages=pages,
        organisations=orgs.entries,
        broken_organisations=orgs.broken,
        data_findings=(
            *orgs.findings,
            *registry.findings,
            *library.findings,
            *(register.findings if register else ()),
        ),
        guidelines=registry.entries,
        broken_sources=registry.broken,
        codeowners=codeowners.committed(project),
        cms_config=_committed_cms_config(project),
        outcomes=library,
        explained_words=terms.explained_words(),
        termbase=terms,
        advice=book,
        evidence=register,
    )
