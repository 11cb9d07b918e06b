"""Shared fixtures: real mini-repositories on disk and the real CLI in a subprocess."""

from __future__ import annotations

import fcntl
import http.server
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-12-03"

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

# A page body with one sentence of 22 words: a readability warning, no error (a strict build goes on).
LONG_SENTENCE = (
    "# Lang\n\nDit is een zin met heel erg veel woorden die samen een lange zin vormen voor de lezer van deze "
    "tekst hier.\n"
)

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
# The real site's extensions: checks render pages with them, as the build does.
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: false
  - pymdownx.details
  - pymdownx.superfences
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
# The editors as an organisation: they own and check pages, but their check approves nothing.
EDITORS = """\
redactie:
  name: Redactie patienthub
  short_name: Redactie
  website: null
  approves: false
"""


def pytest_configure(config: pytest.Config) -> None:
    # The cache's signing key (cache.machine_key) goes to a folder of this test run, never the user's home:
    # the tests' `check` runs (in-process and as subprocesses, which inherit this) must not depend on it.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="patienthub-tests-cache-")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The long tests first (a stable sort: the same order in every xdist worker): with `--dist worksteal` the
    # other workers take the short ones meanwhile, instead of one worker running a 30 s test after all others.
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


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


def run_in_terminal(
    *args: str,
    cwd: Path,
    keys: bytes = b"",
    streams: tuple[str, ...] = ("stdin", "stdout", "stderr"),
    env: dict[str, str] | None = None,
) -> tuple[int, bytes]:
    """`python -m patienthub` with a pseudo terminal as `streams` (so it asks its questions, or draws its
    progress), the user typing `keys`; the others go to /dev/null. Returns the exit code and what the
    terminal showed. CI is unset unless `env` sets it: a terminal on CI is what the tests vary."""
    controller, terminal = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "CI"} | {
        "NO_MKDOCS_2_WARNING": "1",
        "TERM": "dumb",
        **(env or {}),
    }
    attached = {
        name: terminal if name in streams else subprocess.DEVNULL for name in ("stdin", "stdout", "stderr")
    }
    process = subprocess.Popen([sys.executable, "-m", "patienthub", *args], cwd=cwd, env=full_env, **attached)
    os.close(terminal)
    if keys:
        os.write(controller, keys)
    output = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the program ended and closed the terminal
                break
            if not chunk:
                break
            output += chunk
        elif process.poll() is not None:
            break
    os.close(controller)
    return process.wait(timeout=60), output


def mkdocs_build(
    root: Path,
    today: str = TODAY,
    strict: bool = True,
    options: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> CliRun:
    """A real `mkdocs build` of a mini repository, with more command-line `options` and `env` if given."""
    args = [sys.executable, "-m", "mkdocs", "build", "--clean", *options]
    if strict:
        args.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": today, **(env or {})}
    proc = subprocess.run(args, cwd=root, capture_output=True, text=True, env=env, timeout=600)
    return CliRun(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def copy_of_project(tmp_path: Path) -> Path:
    """A copy of this repository's content and configuration, to break things in safely."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("mkdocs.yml", "content", "overrides"):
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


# --- Debian's Chromium, for every browser test ------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def require_chromium(path: str = CHROMIUM) -> str:
    """The Chromium the browser tests drive (Playwright's executable_path; nothing is downloaded). Missing is a
    failure on CI (`CI` set, as by .ci/run and GitHub Actions), never a silent skip; elsewhere a named skip."""
    if not Path(path).exists():
        message = f"Chromium ontbreekt ({path}); installeer het Debian-pakket 'chromium' (.ci/run doet dat)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


# Chromium as the browser tests run it: headless, and making no request of its own (updates, sync, QUIC probes),
# so "no request outside 127.0.0.1" measures the page alone.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=require_chromium(), args=list(CHROMIUM_ARGS))


# --- the real project site, built once and served over HTTP on 127.0.0.1 ---------------------------------------


# The engine that builds `project_site`, so every test of the built site (docs/engines.md): MkDocs unless
# PATIENTHUB_TEST_ENGINE says zensical or properdocs.
TEST_ENGINE = os.environ.get("PATIENTHUB_TEST_ENGINE", "mkdocs")
TEST_ENGINES = ("mkdocs", "properdocs", "zensical")


def build_project_site(engine: str, out: Path) -> Path:
    """This repository's site, built for real into `out` as a user builds it: MkDocs and ProperDocs by their own
    `build --strict` (the patienthub plugin inside), Zensical by `patienthub build --engine zensical` (no plugin:
    staged docs, the Markdown extension, the publish stage after the build)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": TODAY}
    env.pop("SITE_URL", None)
    if engine == "zensical":
        command = [sys.executable, "-m", "patienthub", "build", "--engine", engine, "-d", str(out)]
    else:
        command = [sys.executable, "-m", engine, "build", "--strict", "--site-dir", str(out)]
    proc = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return out


def shared_project_site(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The build of `engine`, made once per test run: the first xdist worker that needs it builds it under a lock
    in the run's common temporary folder, the others wait for it and read the same files (no test writes there)."""
    common = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        common = common.parent  # pytest-of-<user>/pytest-<n>/, above each worker's popen-gw<i>/
    out, built = common / f"{engine}-site", common / f"{engine}-site.built"
    with open(common / f"{engine}-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, also when the build fails
        if not built.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a failed build in another worker left
            build_project_site(engine, out)
            built.touch()
    return out


@pytest.fixture(scope="session")
def project_site(request, tmp_path_factory) -> Path:
    """This repository's site, built once per test run (shared by the xdist workers) into a temporary folder: by
    MkDocs, or by the engine PATIENTHUB_TEST_ENGINE names (then it is the same build as `zensical_site` or
    `properdocs_site`)."""
    if TEST_ENGINE not in TEST_ENGINES:
        pytest.fail(f"PATIENTHUB_TEST_ENGINE={TEST_ENGINE!r}: kies uit {', '.join(TEST_ENGINES)}")
    if TEST_ENGINE != "mkdocs":
        return request.getfixturevalue(f"{TEST_ENGINE}_site")
    return shared_project_site("mkdocs", tmp_path_factory)


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory) -> Path:
    return shared_project_site("properdocs", tmp_path_factory)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    return shared_project_site("zensical", tmp_path_factory)


def _site_prefix() -> str:
    from patienthub.load.config import load_project

    path = urlparse(load_project(REPO_ROOT / "mkdocs.yml").site_url).path or "/"
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def served_site(request) -> Iterator[str]:
    """Base URL of the project site served like a static host under its site_url sub-path (e.g. /patienthub/).
    A test marked `@also_on_zensical` gets it once for `project_site` and once for `zensical_site`."""
    engine = getattr(request, "param", TEST_ENGINE)
    site = request.getfixturevalue("project_site" if engine == TEST_ENGINE else f"{engine}_site")
    with serve(site, _site_prefix()) as url:
        yield url


# The browser tests a Zensical build must pass on every test run too (issue 19: axe, no external requests,
# search, the transfer budget), not only under PATIENTHUB_TEST_ENGINE=zensical: the served site is then
# parametrized by engine (test ids `[mkdocs-…]`, `[zensical-…]`). Each engine's site is built once per run.
also_on_zensical = pytest.mark.parametrize(
    "served_site", list(dict.fromkeys((TEST_ENGINE, "zensical"))), indirect=True
)


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve a built site over HTTP on 127.0.0.1 (a free port) under `prefix`, like a static host; yields the
    base URL. Unknown paths get the site's own 404 page, as on GitHub Pages."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

        def translate_path(self, path: str) -> str:
            if not path.startswith(prefix):
                return str(directory / "__outside_the_site__")
            return super().translate_path("/" + path[len(prefix) :])

        def send_error(self, code, message=None, explain=None):
            not_found = directory / "404.html"
            if code == 404 and not_found.is_file():
                body = not_found.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().send_error(code, message, explain)

        def end_headers(self) -> None:
            # linkchecker waits 0.1-0.6 s between requests to a host unless the host opts out with this header.
            self.send_header("LinkChecker", "local test server")
            super().end_headers()

        def log_message(self, format, *args):  # keep test output readable
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def site_of(root: Path, today: str = TODAY):
    """The core's Site of a mini repository, loaded in-process (no CLI, no build)."""
    import datetime as dt

    from patienthub.load.config import load_project
    from patienthub.load.loader import load_site

    return load_site(load_project(root / "mkdocs.yml"), dt.date.fromisoformat(today))
