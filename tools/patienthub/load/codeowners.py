"""CODEOWNERS from the content: each page needs approval from its owner's GitHub team.

The file is derived, never edited by hand: `patienthub codeowners` writes it and `check` reports
`review.codeowners-outdated` when the committed file differs from what the pages and organisations.yml imply.
Paths are relative to the repository root, which is the folder of mkdocs.yml.
"""

from __future__ import annotations

import re
from pathlib import Path

from patienthub.domain.model import Page, Site
from patienthub.load.config import Project
from patienthub.text.datafiles import relative

HEADER = """\
# Wie een wijziging moet goedkeuren. Gemaakt door `patienthub codeowners` uit de eigenaar (owner) van elke
# pagina en het GitHub-team (github_team) van die organisatie in {organisations}.
# Niet met de hand wijzigen: pas de pagina of het register aan en voer `patienthub codeowners` opnieuw uit.
# Een pagina waarvan de eigenaar geen team heeft, en elk ander bestand, gaat naar het beheerteam.
"""

# Characters with a meaning in CODEOWNERS patterns (gitignore syntax) are escaped so a path matches only itself.
_SPECIAL = re.compile(r"([ #*?\[\]!\\])")


# A line break (or another control character) cannot be escaped in CODEOWNERS, one line per rule: '?' matches it.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def pattern(path: str) -> str:
    return "/" + _CONTROL.sub("?", _SPECIAL.sub(r"\\\1", path))


def team_for(page: Page, site: Site) -> str:
    organisation = site.organisations.get(page.meta.owner or "")
    if organisation is not None and organisation.github_team:
        return organisation.github_team
    return site.config.review.maintainers_team


def render(site: Site) -> str:
    """The CODEOWNERS text for a site. GitHub applies the last matching line, so `*` comes first."""
    organisations = f"{site.config.data_dir.rstrip('/')}/organisations.yml"
    lines = [HEADER.format(organisations=organisations), f"* {site.config.review.maintainers_team}", ""]
    # Only the site's pages: a file outside docs_dir that `check` was asked to look at has no owner here. Page
    # paths are already resolved and relative to the root, so comparing text is enough (no call per page).
    docs = relative(site.project.docs_dir, site.project.root).rstrip("/") + "/"
    published = (p for p in site.pages if p.path.startswith(docs))
    lines.extend(
        f"{pattern(page.path)} {team_for(page, site)}" for page in sorted(published, key=lambda p: p.path)
    )
    return "\n".join(lines) + "\n"


def path_of(project: Project) -> Path | None:
    name = project.config.review.codeowners_file
    return None if name is None else project.root / name


def committed(project: Project) -> str | None:
    """The CODEOWNERS file as it is in the repository (line ends normalised), or None when there is none or
    patienthub does not manage it (review.codeowners_file: null)."""
    path = path_of(project)
    if path is None:
        return None
    try:
        return path.read_bytes().decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    except FileNotFoundError:
        return None
    except OSError:
        return ""  # unreadable: differs from the expected text, so check reports it


def first_difference(committed_text: str, expected: str) -> tuple[int, str, str] | None:
    """(1-based line, committed line, expected line) of the first difference, or None when equal."""
    have, want = committed_text.split("\n"), expected.split("\n")
    for number in range(max(len(have), len(want))):
        left = have[number] if number < len(have) else ""
        right = want[number] if number < len(want) else ""
        if left != right:
            return number + 1, left, right
    return None
