"""Shared fixtures: real mini-repositories on disk and the real CLI in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-22"

GOOD_META = """\
title: Lage rugpijn
description: Pijn onder in de rug gaat meestal vanzelf over.
type: education
owner: nhg
last_reviewed: 2026-03-12
status: concept
sources:
  - title: NHG-Standaard Aspecifieke lagerugpijn
    version: "2.1"
    date: 2017-02-02
"""

GOOD_BODY = """\
# Lage rugpijn

Veel mensen hebben pijn onder in de rug.
Meestal gaat de pijn vanzelf over.
Blijf zo veel mogelijk bewegen.
"""

MKDOCS_YML = """\
site_name: Test
site_url: https://example.org/hub/
docs_dir: content
exclude_docs: |
  /_data/
theme:
  name: material
  custom_dir: {overrides}
  language: nl
  font: false
plugins:
  - search:
      lang: du
  - patienthub
"""

ORGANISATIONS = """\
nhg:
  name: Nederlands Huisartsen Genootschap
  short_name: NHG
  website: https://www.nhg.org
kngf:
  name: Koninklijk Nederlands Genootschap voor Fysiotherapie
  short_name: KNGF
  website: https://www.kngf.nl
"""


def page_text(meta: str = GOOD_META, body: str = GOOD_BODY) -> str:
    return f"---\n{meta}---\n\n{body}"


@dataclass
class MiniRepo:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def page(self, name: str, meta: str = GOOD_META, body: str = GOOD_BODY) -> Path:
        return self.write(f"content/{name}", page_text(meta, body))


@pytest.fixture
def repo(tmp_path: Path) -> MiniRepo:
    """A minimal patienthub repository: mkdocs.yml, organisations and one good home page."""
    mini = MiniRepo(tmp_path / "repo")
    mini.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    mini.write("content/_data/organisations.yml", ORGANISATIONS)
    mini.page("index.md")
    return mini


@dataclass
class CliRun:
    code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> CliRun:
    """Run the real `python -m patienthub` as a user would."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "patienthub", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


def mkdocs_build(root: Path, today: str = TODAY, strict: bool = True) -> CliRun:
    """A real `mkdocs build` of a mini repository."""
    args = [sys.executable, "-m", "mkdocs", "build", "--clean"]
    if strict:
        args.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": today}
    proc = subprocess.run(args, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output readable
        pass

    def end_headers(self) -> None:
        # linkchecker waits 0.1-0.6 s between requests to a host unless the host opts out with this header.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site over HTTP on 127.0.0.1 (a free port); yields the base URL ending in '/'."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def copy_project_to(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "content", "overrides"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def copy_of_project(tmp_path: Path) -> Path:
    """A copy of this repository's content and configuration, to break things in safely."""
    return copy_project_to(tmp_path / "project")
