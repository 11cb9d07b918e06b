"""Which pages `check --changed` checks, from the files that changed (paths relative to the repository root).

A changed page is checked. A change to what every page depends on (the configuration, anything in data_dir: the
termbase, advice, key messages, registries, outcome data; the URL manifest, CODEOWNERS, patienthub's own code)
checks every page. When a registered check reads other pages in its page function (`Check.cross_page`, e.g.
links between pages), any change under docs_dir does too: a page can break by another page's change. The
engine adds every page a site-wide check reports on (`run(include_flagged=True)`), so a clash between the
changed page and an unchanged one is reported on both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .cache import PACKAGE_DIR
from .checks.base import Check
from .config import Project
from .datafiles import relative
from .loader import MARKDOWN_SUFFIXES
from .model import Site


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
    site: Site, changed: Iterable[str], config_file: Path, checks: Sequence[Check]
) -> set[str] | None:
    """The pages to check for these changed files; None means every page."""
    project = site.project
    changed = list(changed)
    inputs = global_inputs(project, config_file)
    code = PACKAGE_DIR
    for path in changed:
        if _matches(path, inputs) or (project.root / path).resolve().is_relative_to(code):
            return None
    docs = relative(project.docs_dir, project.root).rstrip("/") + "/"
    if any(check.cross_page for check in checks) and any(path.startswith(docs) for path in changed):
        return None
    wanted = {path for path in changed if path.lower().endswith(MARKDOWN_SUFFIXES)}
    return {page.path for page in site.pages if page.path in wanted}
