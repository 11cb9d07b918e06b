"""Run every registered check over a site and apply the filter stage. Pure apart from reading files."""

from __future__ import annotations

import dataclasses
import multiprocessing
import traceback
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from patienthub.checks import REGISTRY, all_rules
from patienthub.checks.base import Check
from patienthub.core import memo, parallel
from patienthub.core.findings import Finding, Severity
from patienthub.domain.model import Page, Site
from patienthub.domain.result import PageReport, Result
from patienthub.engine import filters
from patienthub.load.cache import Cache, PageWork
from patienthub.load.loader import page_from_bytes

Progress = Callable[[int, int], None]
# Below this many pages to check afresh, starting worker processes costs more than it saves.
MIN_PARALLEL_PAGES = parallel.MIN_ITEMS
default_jobs = parallel.default_jobs  # what the adapters offer as --jobs


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


def _page_work(check: Check, page: Page, site: Site) -> tuple[PageWork, bool]:
    """One check's findings and metrics for one page, and whether it crashed."""
    found = _safely(check, page.path, partial(check.page, page, site)) if check.page is not None else []
    numbers: dict[str, Any] = {}
    if check.metrics is not None:
        try:
            numbers = dict(check.metrics(page, site))
        except Exception as exc:
            found.append(_crash(check, page.path, exc))
    crashed = any(f.rule == f"{check.name}.internal-error" for f in found)
    return (tuple(found), numbers), crashed


def _site_work(check: Check, site: Site, cache: Cache | None) -> list[Finding]:
    assert check.site is not None
    compute = partial(_safely, check, "mkdocs.yml", partial(check.site, site))
    if cache is not None and check.site_cached:
        return cache.site_findings(site, check, compute)
    return compute()


# What a worker process checks: it inherits the Site by fork, so only page paths go in and findings come back.
_FORKED: tuple[Site, Sequence[Check]] | None = None


def _fresh_work(path: str) -> tuple[list[tuple[PageWork, bool]], list[Any]]:
    """The page's work, and the memo answers (word frequencies, syllables) computed for it: the parent keeps
    them, so the next run does not load wordfreq and Pyphen for words this one already looked up."""
    assert _FORKED is not None
    site, checks = _FORKED
    page = site.by_path[path]
    work = [_page_work(check, page, site) for check in checks]
    page.release()
    return work, memo.recorded()


def _merged(
    results: Iterator[tuple[list[tuple[PageWork, bool]], list[Any]]],
) -> Iterator[list[tuple[PageWork, bool]]]:
    for work, answers in results:
        memo.add(answers)
        yield work


@contextmanager
def _workers(site: Site, checks: Sequence[Check], paths: list[str], jobs: int) -> Iterator[Iterator[Any]]:
    """Every check's fresh work on `paths`, computed by `jobs` processes, in the order of `paths`."""
    global _FORKED
    _FORKED = (site, checks)
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(paths)), initializer=memo.record) as pool:
            yield _merged(pool.imap(_fresh_work, paths, chunksize=max(1, len(paths) // (jobs * 8))))
    finally:
        _FORKED = None


def _check_page(
    page: Page,
    site: Site,
    checks: Sequence[Check],
    cache: Cache | None,
    stored: tuple[PageWork | None, ...] | None,
    fresh: list[tuple[PageWork, bool]] | None = None,
) -> list[PageWork]:
    """Every check's work on one page: from the cache where it may be (see cache.py), else done now (or by a
    worker process: `fresh`)."""
    work: list[PageWork] = []
    crashed = False
    for position, check in enumerate(checks):
        if stored is not None and stored[position] is not None:
            work.append(stored[position])
            continue
        compute = (
            (lambda done=fresh[position]: done)
            if fresh is not None
            else partial(_page_work, check, page, site)
        )
        if cache is not None and check.cross_page and check.depends_on is not None:
            work.append(cache.dependent(site, page, check, compute))
            continue
        done, failed = compute()
        work.append(done)
        crashed = crashed or failed
    page.release()
    if cache is not None and stored is None and not crashed:
        cache.store(
            site, page, checks, (None if c.cross_page else w for c, w in zip(checks, work, strict=True))
        )
    return work


def run(
    site: Site,
    targets: Collection[str] | None = None,
    checks: Sequence[Check] = REGISTRY,
    progress: Progress | None = None,
    cache: Cache | None = None,
    include_flagged: bool = False,
    jobs: int = 1,
) -> Result:
    """Check `targets` (page paths; None = every page). Site-wide checks see all pages, but only findings on
    checked pages (or on data files, which belong to every run) are kept. With `include_flagged`, every page
    a site-wide check reports on is checked too (`check --changed`: a change to one page can make another
    page's address or code clash). With a `cache`, page-level work comes from it where nothing it depends
    on has changed. With `jobs` > 1, pages not in the cache are checked by that many processes; the result is
    the same as a run in one."""
    site_findings = [f for check in checks if check.site is not None for f in _site_work(check, site, cache)]
    if include_flagged and targets is not None:
        targets = {*targets, *(f.path for f in site_findings)}
    pages = [p for p in site.pages if targets is None or p.path in targets]
    checked = {p.path for p in pages}
    page_paths = {p.path for p in site.pages}
    findings: list[Finding] = []
    reports = []
    stored = {p.path: cache.results(site, p, checks) if cache is not None else None for p in pages}
    fresh_paths = [p.path for p in pages if stored[p.path] is None]
    in_workers = jobs > 1 and len(fresh_paths) >= MIN_PARALLEL_PAGES and parallel.can_fork()
    with _workers(site, checks, fresh_paths, jobs) if in_workers else _serial() as fresh:
        for index, page in enumerate(pages, 1):
            metrics: dict[str, Any] = {}
            from_worker = next(fresh) if fresh is not None and stored[page.path] is None else None
            for found, numbers in _check_page(page, site, checks, cache, stored[page.path], from_worker):
                findings.extend(found)
                metrics.update(numbers)
            reports.append(PageReport(page, metrics))
            if progress:
                progress(index, len(pages))
    findings.extend(f for f in site_findings if f.path in checked or f.path not in page_paths)
    known = {rule.id for check in checks for rule in check.rules} | set(all_rules())
    ran = {rule.id for check in checks for rule in check.rules}
    kept = filters.apply(findings, site, pages, known, ran)
    return Result(site, tuple(reports), tuple(sorted(kept, key=lambda f: f.sort_key)))


def run_unsaved(site: Site, path: Path, raw: bytes, cache: Cache | None = None) -> Result:
    """Check one page as if its file held `raw` (the web editor's form before it is saved; a new page that has no
    file yet): the same checks and filters as `run`, the other pages as they are on disk. Nothing is written."""
    page = page_from_bytes(path, raw, site.project, cache)
    if page.path in site.by_path:
        pages = tuple(page if p.path == page.path else p for p in site.pages)
    else:
        pages = (*site.pages, page)
    return run(dataclasses.replace(site, pages=pages), {page.path}, cache=cache)


@contextmanager
def _serial() -> Iterator[None]:
    yield None
