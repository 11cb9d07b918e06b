"""The editors' guide (handleiding/redacteuren.md): every rule id links to its own section there.

Each rule's section starts with an explicit anchor `<a id="<rule id>"></a>`; GitHub, VS Code's preview and
MkDocs all keep it, so `<guide>#<rule id>` lands on the section wherever the guide is read. The guide is for
editors, not patients: it is never part of the published site, only shown by `mkdocs serve` next to the
writer's panel."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from patienthub.load import files
from patienthub.load.config import GuideConfig, Project

ANCHOR = re.compile(r'<a id="(?P<id>[^"]+)"></a>')
# Where `mkdocs serve` shows the guide, so the panel's links open it on the same local site.
SERVE_URI = "handleiding-voor-redacteuren.md"


def link(config: GuideConfig, rule: str) -> str:
    """The address of the section on `rule`: the configured base (a URL, or the repository path) + anchor."""
    return f"{config.url or config.path}#{rule}"


def anchors(text: str) -> list[str]:
    return [match["id"] for match in ANCHOR.finditer(text)]


def text(project: Project) -> str | None:
    """The guide's Markdown, or None when this repository has none at the configured path."""
    path = project.root / project.config.guide.path
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


IMAGES = "afbeeldingen"  # the guide's screenshots, in this folder next to it


def images(project: Project) -> list[tuple[Path, str]]:
    """The guide's images and where `mkdocs serve` puts them, so its relative links work there too."""
    folder = (project.root / project.config.guide.path).parent / IMAGES
    if not folder.is_dir():
        return []
    return [(path, f"{IMAGES}/{path.name}") for path in sorted(folder.iterdir()) if path.suffix == ".png"]


def serve_href(from_url: str, rule: str, directory_urls: bool = True) -> str:
    """Link from a page (its site-relative URL, "" for the home page) to the rule's section of the served
    guide, with or without MkDocs' directory URLs."""
    target = files.page_url(SERVE_URI, directory_urls)
    href = posixpath.relpath(target, posixpath.dirname(from_url) or ".")
    return f"{href}/#{rule}" if target.endswith("/") else f"{href}#{rule}"
