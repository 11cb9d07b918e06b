"""Which files MkDocs publishes from docs_dir, and at which URL: its exclude_docs rules and page addresses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pathspec

if TYPE_CHECKING:
    from patienthub.load.config import Project

# MkDocs' own defaults for exclude_docs; ours come from mkdocs.yml on top of these.
MKDOCS_DEFAULT_EXCLUDES = ".*\n/templates/\n"
MARKDOWN_SUFFIXES = (".md", ".markdown")


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page (mkdocs.structure.files.File.url, unquoted; the home page is ""). With
    use_directory_urls (MkDocs' default) a/b.md is at a/b/ and a/index.md at a/; without, at a/b.html and
    a/index.html. README.md is an index.md."""
    folder, _, name = src_uri.rpartition("/")
    stem = name.rpartition(".")[0] or name
    if stem == "README":
        stem = "index"
    prefix = f"{folder}/" if folder else ""
    if not directory_urls:
        return f"{prefix}{stem}.html"
    return prefix if stem == "index" else f"{prefix}{stem}/"


def excluded(project: Project) -> pathspec.GitIgnoreSpec:
    """MkDocs' exclude_docs for the project (its defaults plus mkdocs.yml's)."""
    return pathspec.GitIgnoreSpec.from_lines((MKDOCS_DEFAULT_EXCLUDES + project.exclude_docs).splitlines())


def is_published(project: Project, src_uri: str) -> bool:
    """Whether MkDocs publishes the file at this path in docs_dir (it exists and is not excluded)."""
    return publisher(project)(src_uri)


def publisher(project: Project) -> Callable[[str], bool]:
    """is_published for many paths: the exclusion rules are read once."""
    spec = excluded(project)
    return lambda src_uri: (project.docs_dir / src_uri).is_file() and not spec.match_file(src_uri)


def discover(project: Project) -> list[Path]:
    """Every Markdown page MkDocs would publish from docs_dir, in a stable order."""
    spec = excluded(project)
    docs = project.docs_dir
    found = []
    for path in sorted(docs.rglob("*")):
        # A symbolic link to nothing (or to itself) is listed too, as MkDocs lists it: its reading error is a finding.
        broken_link = path.is_symlink() and not path.exists()
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or not (path.is_file() or broken_link):
            continue
        if spec.match_file(path.relative_to(docs).as_posix()):
            continue
        found.append(path)
    return found
