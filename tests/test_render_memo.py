"""Real `mkdocs build` runs: a page MkDocs rendered in the last build is not converted again while its Markdown,
its place, the site's files and the settings are unchanged, and the site is the same byte for byte."""

from __future__ import annotations

import functools
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import GOOD_META, TODAY, mkdocs_build

from patienthub.adapters import render_memo

REUSED = "pagina's niet opnieuw omgezet"
BODY_WITH_HEADINGS = """\
# Lage rugpijn

Veel mensen hebben pijn onder in de rug.

## Wat kunt u doen?

Blijf zo veel mogelijk bewegen. Lees ook [meer over bewegen](bewegen.md#wandelen).

## Hoe lang duurt het?

Meestal gaat de pijn vanzelf over.
"""
MOVING = "# Bewegen\n\nBeweeg elke dag een beetje.\n\n## Wandelen\n\nWandel elke dag een kwartier.\n"


def _reused(stderr: str) -> int:
    line = next(line for line in stderr.splitlines() if REUSED in line)
    return int(line.split("patienthub: ")[-1].split()[0])


def _site(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".xml", ".json")
    }


def test_a_second_build_reuses_every_rendering_and_writes_the_same_site(repo):
    repo.page("index.md", body=BODY_WITH_HEADINGS)
    repo.page("bewegen.md", body=MOVING)
    first = mkdocs_build(repo.root, options=("--verbose",))
    assert first.code == 0, first.stderr
    assert _reused(first.stderr) == 0
    before = _site(repo.root)
    second = mkdocs_build(repo.root, options=("--verbose",))
    assert second.code == 0, second.stderr
    assert _reused(second.stderr) >= 2  # the two pages and the generated ones
    assert _site(repo.root) == before  # the table of contents and the anchors too


def test_an_edited_page_is_rendered_again(repo):
    repo.page("bewegen.md", body=MOVING)
    mkdocs_build(repo.root, options=("--verbose",))
    repo.page("bewegen.md", body=MOVING.replace("een kwartier", "een halfuur"))
    run = mkdocs_build(repo.root, options=("--verbose",))
    assert run.code == 0, run.stderr
    assert "een halfuur" in (repo.root / "site" / "bewegen" / "index.html").read_text(encoding="utf-8")


def test_a_reused_page_with_a_broken_link_still_stops_the_strict_build(repo):
    # Not --verbose: MkDocs checks anchors only above DEBUG. Its message on the missing file comes from rendering
    # (kept and logged again), the one on the anchor from what rendering found (kept and checked again).
    repo.page("index.md", body=BODY_WITH_HEADINGS + "\nZie ook [weg](weg.md).\n")
    repo.page("bewegen.md", body=MOVING.replace("## Wandelen", "## Fietsen"))
    for _ in range(2):
        run = mkdocs_build(repo.root)
        assert run.code == 1
        assert "contains a link 'weg.md', but the target is not found" in run.stderr
        assert "does not contain an anchor '#wandelen'" in run.stderr


def test_a_linked_page_that_is_renamed_makes_the_link_report_again(repo):
    repo.page("index.md", body=BODY_WITH_HEADINGS)
    repo.page("bewegen.md", body=MOVING)
    assert mkdocs_build(repo.root).code == 0
    (repo.content / "bewegen.md").rename(repo.content / "beweging.md")
    run = mkdocs_build(repo.root)
    assert run.code == 1
    assert "bewegen.md" in run.stderr and "not found among documentation files" in run.stderr


def test_no_reuse_when_another_plugin_reads_the_pages(repo):
    # A hook sees every page's Markdown: it would see the placeholder of a reused page.
    repo.page("index.md", body=BODY_WITH_HEADINGS)
    repo.page("bewegen.md", body=MOVING)
    config = repo.root / "mkdocs.yml"
    repo.write("hooks.py", "def on_page_markdown(markdown, **kwargs):\n    return markdown\n")
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", encoding="utf-8")
    for _ in range(2):
        run = mkdocs_build(repo.root, options=("--verbose",))
        assert run.code == 0, run.stderr
        assert REUSED not in run.stderr


def test_what_the_page_says_of_itself_is_kept(repo):
    # GOOD_META has a title; a page without one takes its title from the rendered heading, which is kept too.
    repo.page("index.md", meta=GOOD_META, body=BODY_WITH_HEADINGS)
    repo.page("bewegen.md", body=MOVING)
    mkdocs_build(repo.root)
    first = (repo.root / "site" / "bewegen" / "index.html").read_text(encoding="utf-8")
    mkdocs_build(repo.root)
    second = (repo.root / "site" / "bewegen" / "index.html").read_text(encoding="utf-8")
    assert first == second and 'href="#wandelen"' in second


def test_a_rendering_by_one_engine_is_not_reused_by_the_other(repo):
    # ProperDocs logs under its own logger: its message logged again by MkDocs would not count for --strict.
    repo.page("index.md", body=BODY_WITH_HEADINGS.replace("bewegen.md#wandelen", "weg.md"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": TODAY}
    command = [sys.executable, "-m", "properdocs", "build", "--strict"]
    run = subprocess.run(command, cwd=repo.root, capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 1
    assert "WARNING -  Doc file 'index.md' contains a link 'weg.md'" in run.stderr
    for _ in range(2):
        run = mkdocs_build(repo.root)
        assert run.code == 1
        assert "WARNING -  Doc file 'index.md' contains a link 'weg.md'" in run.stderr


def test_only_what_the_rendering_thread_logs_is_kept():
    capture = render_memo._Capture()
    logger = logging.getLogger("mkdocs.structure.pages")
    logger.addHandler(capture)
    try:
        logger.warning("van de pagina")
        other = threading.Thread(target=logger.warning, args=("van de webserver",))
        other.start()
        other.join()
    finally:
        logger.removeHandler(capture)
    assert [text for _, _, text in capture.messages] == ["van de pagina"]


def test_a_function_in_the_settings_is_the_same_key_in_every_process():
    setting = {"toc": {"slugify": functools.partial(render_memo.reusable, 1)}}
    assert "0x" not in render_memo._stable(setting)
    assert "patienthub.adapters.render_memo.reusable" in render_memo._stable(setting)
