"""files.*: only pages, images and PDFs are published from content/, and no symbolic links at all.

MkDocs copies every file in docs_dir to the site as it is: an `.html` or `.svg` with a script would run on the
site's own address, and a symbolic link to `/proc/self/environ` or `/etc/passwd` would put the build machine's
secrets on the public site. So the allowlist of publishable file types lives in data/html-policy.yml (`files`,
with the first bytes each type starts with), SVG drawings are judged as XML against the SVG part of the same
policy, and any symbolic link under docs_dir or the data folder is an error (the loader does not read them
either). The MkDocs plugin refuses to build with a symbolic link and leaves refused files out of the site.

Security rules: they cannot be switched off in a page nor demoted in mkdocs.yml (filters.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from patienthub.checks.base import Check
from patienthub.checks.html import describe
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.model import Site
from patienthub.load import files as site_files
from patienthub.load.config import Project
from patienthub.load.symlinks import SYMLINK, relative, symlink_finding, symlinks
from patienthub.text import htmlpolicy

E = Severity.ERROR
NOT_ALLOWED = Rule(
    "files.not-allowed",
    E,
    "Een bestand in content/ dat de site niet mag publiceren (alleen pagina's, plaatjes, PDF en SVG).",
)
UNSAFE_SVG = Rule(
    "files.unsafe-svg", E, "Een SVG-tekening met script, opmaak of iets van buiten het bestand."
)
RULES = (SYMLINK, NOT_ALLOWED, UNSAFE_SVG)
PAGE_SUFFIXES = site_files.MARKDOWN_SUFFIXES


def _is_page(path: Path, project: Project, spec: object) -> bool:
    """A link named .md in docs_dir is a page: the loader reports it (as this rule) where the page is checked."""
    if path.suffix.lower() not in PAGE_SUFFIXES:
        return False
    try:
        src_uri = path.relative_to(project.docs_dir).as_posix()
    except ValueError:
        return False
    return not spec.match_file(src_uri)  # type: ignore[attr-defined]


def _published_files(project: Project) -> Iterator[tuple[Path, str]]:
    docs = project.docs_dir
    if not docs.is_dir():
        return
    published = site_files.publisher(project)
    for folder, dirs, files in os.walk(docs):
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            src_uri = path.relative_to(docs).as_posix()
            if path.is_symlink() or path.suffix.lower() in PAGE_SUFFIXES or not published(src_uri):
                continue
            yield path, src_uri


def check_site(site: Site) -> Iterator[Finding]:
    project = site.project
    root = project.root
    spec = site_files.excluded(project)
    for path in symlinks(project):
        if _is_page(path, project, spec):
            continue  # the loader made it a page with this finding (schema check reports page problems)
        yield symlink_finding(relative(path, root))
    policy = htmlpolicy.default_policy()
    allowed = ", ".join(sorted(policy.files))
    for path, _ in _published_files(project):
        rel = relative(path, root)
        suffix = path.suffix.lower()
        if suffix not in policy.files:
            yield finding(
                NOT_ALLOWED,
                rel,
                None,
                f"De site zou dit bestand ({suffix or 'zonder extensie'}) zo publiceren. Alleen pagina's (.md) "
                f"en deze soorten bestanden mogen in content/: {allowed}. Een .html- of .js-bestand zou code op "
                "het adres van de site kunnen uitvoeren.",
                "Haal het bestand weg, of zet het onder content/_data/ als het geen bestand voor de site is. "
                "Opmaak en scripts van de site zelf horen in overrides/assets/.",
            )
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield finding(NOT_ALLOWED, rel, None, f"Kan het bestand niet lezen: {exc.strerror}.")
            continue
        if not policy.has_signature(suffix, data):
            yield finding(
                NOT_ALLOWED,
                rel,
                None,
                f"Dit bestand heet {suffix}, maar de inhoud is geen {suffix[1:].upper()}-bestand.",
                "Sla het bestand opnieuw op in het juiste formaat, met de juiste extensie.",
            )
        elif suffix == ".svg":
            yield from _svg_findings(data, rel)


def _svg_findings(data: bytes, rel: str) -> Iterator[Finding]:
    for problem in htmlpolicy.inspect_svg(data):
        violation = problem.violation
        if violation.kind == "unparsable":
            message = f"Deze SVG-tekening is geen geldige XML ({violation.snippet})."
            fix = "Sla de tekening opnieuw op als SVG (in Inkscape: Opslaan als → Geoptimaliseerde SVG)."
        else:
            message, fix = describe(violation)
            message = f"In deze SVG-tekening: {message}"
            fix = f"{fix} Een tekening mag alleen vormen en tekst bevatten."
        yield finding(UNSAFE_SVG, rel, problem.line, message, fix, excerpt=violation.snippet)


CHECK = Check("files", RULES, site=check_site)
