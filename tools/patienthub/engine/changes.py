"""Which pages `check --changed` checks, from the files that changed (paths relative to the repository root).

A changed page is checked. A change to what every page depends on (the configuration, anything in data_dir: the
termbase, advice, key messages, registries, outcome data; the URL manifest, CODEOWNERS, patienthub's own code)
checks every page. A check that reads other pages (`Check.cross_page`: links) re-checks each page that points at
a changed file, or at no file at all (a generated output); one that does not say what it reads
(`Check.depends_on`) re-checks every page. The engine adds every page a site-wide check reports on
(`run(include_flagged=True)`), so a clash between the changed page and an unchanged one is reported on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from patienthub.checks.base import Check
from patienthub.domain.model import Site
from patienthub.load.cache import PACKAGE_DIR, Cache
from patienthub.load.config import Project
from patienthub.load.files import MARKDOWN_SUFFIXES, publisher
from patienthub.text.datafiles import relative


def global_inputs(project: Project, config_file: Path) -> list[str]:
    """Repository-relative files and folders (ending in /) whose change affects every page."""
    config = project.config
    found = [relative(config_file, project.root), relative(project.data_dir, project.root) + "/"]
    found.append(config.hub.manifest)
    if config.review.codeowners_file:
        found.append(config.review.codeowners_file)
    for name in (config.terminology.termbase, config.advice.rules, config.advice.key_messages):
        if name:
            found.append(relative(project.data_dir / name, project.root))
    return found


def _matches(path: str, inputs: Iterable[str]) -> bool:
    return any(path.startswith(item) if item.endswith("/") else path == item for item in inputs)


def affected_pages(
    site: Site, changed: Iterable[str], config_file: Path, checks: Sequence[Check], cache: Cache | None = None
) -> set[str] | None:
    """The pages to check for these changed files; None means every page."""
    project = site.project
    changed = list(changed)
    inputs = global_inputs(project, config_file)
    for path in changed:
        if _matches(path, inputs) or (project.root / path).resolve().is_relative_to(PACKAGE_DIR):
            return None
    wanted = {path for path in changed if path.lower().endswith(MARKDOWN_SUFFIXES)}
    pages = {page.path for page in site.pages if page.path in wanted}
    docs = relative(project.docs_dir, project.root).rstrip("/") + "/"
    in_docs = {path[len(docs) :] for path in changed if path.startswith(docs)}
    if not in_docs:
        return pages
    absent = _absent(site, cache)
    for check in checks:
        if not check.cross_page:
            continue
        if check.depends_on is None:
            return None  # it reads other pages without saying which: any page may have changed
        for page in site.pages:
            groups = cache.dependencies(site, page, check) if cache is not None else check.depends_on(page)
            for group in groups:
                # A reference to a changed file, or to no file at all (a generated output, which any change
                # may create or remove).
                if any(uri in in_docs for uri in group) or all(absent(uri) for uri in group):
                    pages.add(page.path)
                    break
    return pages


def _absent(site: Site, cache: Cache | None) -> Callable[[str], bool]:
    if cache is not None:
        return lambda uri: cache.is_absent(site, uri)
    published = publisher(site.project)
    return lambda uri: uri not in site.by_src_uri and not published(uri)
