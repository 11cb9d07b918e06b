"""Run every registered check over a site and apply the filter stage. Pure apart from reading files."""

from __future__ import annotations

import traceback
import weakref
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from . import filters
from .checks import REGISTRY, all_rules
from .checks.base import Check
from .findings import Finding, Severity
from .model import Page, Site

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PageReport:
    page: Page
    metrics: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    site: Site
    pages: tuple[PageReport, ...]
    findings: tuple[Finding, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def for_path(self, path: str) -> list[Finding]:
        return [f for f in self.findings if f.path == path]


def _crash(check: Check, path: str, exc: BaseException) -> Finding:
    """A bug in a check must not stop the run or hide the page: it becomes an error finding."""
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    origin = f" ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
    return Finding(
        f"{check.name}.internal-error",
        Severity.ERROR,
        path,
        None,
        f"De controle '{check.name}' liep vast op dit bestand: {type(exc).__name__}: {exc}{origin}.",
        "Dit is een fout in patienthub, niet in de pagina. Meld het aan het technische team.",
    )


def _safely(check: Check, path: str, produce: Callable[[], Iterable[Finding]]) -> list[Finding]:
    try:
        return list(produce())
    except Exception as exc:
        return [_crash(check, path, exc)]


def run(
    site: Site,
    targets: Collection[str] | None = None,
    checks: Sequence[Check] = REGISTRY,
    progress: Progress | None = None,
) -> Result:
    """Check `targets` (page paths; None = every page). Site-wide checks see all pages, but only findings on
    checked pages (or on data files, which belong to every run) are kept."""
    pages = [p for p in site.pages if targets is None or p.path in targets]
    checked = {p.path for p in pages}
    page_paths = {p.path for p in site.pages}
    findings: list[Finding] = []
    reports = []
    for index, page in enumerate(pages, 1):
        metrics: dict[str, Any] = {}
        for check in checks:
            if check.page is not None:
                findings.extend(_safely(check, page.path, partial(check.page, page, site)))
            if check.metrics is not None:
                try:
                    metrics.update(check.metrics(page, site))
                except Exception as exc:
                    findings.append(_crash(check, page.path, exc))
        reports.append(PageReport(page, metrics))
        if progress:
            progress(index, len(pages))
    for check in checks:
        if check.site is not None:
            for f in _safely(check, "mkdocs.yml", partial(check.site, site)):
                if f.path in checked or f.path not in page_paths:
                    findings.append(f)
    known = {rule.id for check in checks for rule in check.rules} | set(all_rules())
    ran = {rule.id for check in checks for rule in check.rules}
    kept = filters.apply(findings, site, pages, known, ran)
    return Result(site, tuple(reports), tuple(sorted(kept, key=lambda f: f.sort_key)))


_SITE_RESULTS: weakref.WeakKeyDictionary[Site, Result] = weakref.WeakKeyDictionary()


def run_site(site: Site) -> Result:
    """Every page of `site` checked, once per Site object: a build's gate and its generators share the result."""
    if site not in _SITE_RESULTS:
        _SITE_RESULTS[site] = run(site)
    return _SITE_RESULTS[site]
