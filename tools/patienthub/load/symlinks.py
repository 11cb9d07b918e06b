"""Symbolic links under docs_dir and the data folder: found without following them, and refused (files.symlink).

A link can point at any file of the machine that builds the site (`/etc/passwd`, `/proc/self/environ` with CI
tokens); MkDocs would follow it and publish what it points at. The loader never reads one, the files check
reports each, and the MkDocs plugin refuses to build while there is one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from patienthub.core.findings import Finding, Rule, Severity, finding

if TYPE_CHECKING:
    from patienthub.load.config import Project

SYMLINK = Rule(
    "files.symlink",
    Severity.ERROR,
    "Een koppeling (symbolic link) in content/: die kan naar elk bestand op de computer wijzen.",
)


def relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def symlinks(project: Project) -> list[Path]:
    """Every symbolic link under docs_dir and the data folder. os.walk does not follow links to folders: such a
    link is listed, never entered (a loop such as `ln -s .. content/x/up` ends nothing)."""
    found: set[Path] = set()
    for top in dict.fromkeys((project.docs_dir, project.data_dir)):
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top):
            found.update(Path(folder) / name for name in dirs + files if (Path(folder) / name).is_symlink())
    return sorted(found)


def symlink_finding(path: str) -> Finding:
    """The finding for a link at `path` (relative to the repository root)."""
    return finding(
        SYMLINK,
        path,
        None,
        "Dit is een koppeling (symbolic link). patienthub leest en publiceert geen koppelingen: een koppeling "
        "kan naar elk bestand op de computer die de site bouwt wijzen (wachtwoorden, sleutels), en dat zou dan "
        "op de openbare site staan.",
        "Zet het echte bestand hier neer in plaats van een koppeling (git: git rm het bestand en voeg de inhoud toe).",
    )
