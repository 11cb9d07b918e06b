"""`patienthub urls`, and the acceptance path of issue 6 on a copy of the real project: renaming a page
without an alias fails `check` with hub.url-removed; with the old address in `aliases` it passes and the
build redirects."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import TODAY, mkdocs_build, run_cli


def test_urls_lists_differences_and_update_writes_the_manifest(repo):
    shown = run_cli("urls", cwd=repo.root)
    assert shown.code == 0
    assert "+ /" in shown.stdout.splitlines() and "+ /feed.xml" in shown.stdout
    assert not (repo.content / "_data/urls.txt").exists()  # without --update nothing is written
    assert run_cli("urls", "--update", cwd=repo.root).code == 0
    assert "/feed.xml" in (repo.content / "_data/urls.txt").read_text(encoding="utf-8").splitlines()
    again = run_cli("urls", cwd=repo.root)
    assert again.stdout.strip().endswith("is bij.")
    repo.page("nieuw.md")
    assert "+ /nieuw/" in run_cli("urls", cwd=repo.root).stdout


def test_update_removes_deliberately_dropped_addresses(repo):
    repo.page("weg.md")
    run_cli("urls", "--update", cwd=repo.root)
    (repo.content / "weg.md").unlink()
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 1
    update = run_cli("urls", "--update", cwd=repo.root)
    assert "- /weg/" in update.stdout
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0


def test_update_reports_an_unwritable_manifest_with_exit_2(repo):
    (repo.content / "_data/urls.txt").mkdir()
    result = run_cli("urls", "--update", cwd=repo.root)
    assert result.code == 2 and "urls.txt" in result.stderr and "Traceback" not in result.stderr
    check = run_cli("check", "--today", TODAY, cwd=repo.root)
    assert check.code == 1 and "hub.manifest-unreadable" in check.stdout and "niet te lezen" in check.stdout


@pytest.mark.long
@pytest.mark.slow
def test_renaming_a_real_page_needs_an_alias(copy_of_project):
    root = copy_of_project
    assert run_cli("check", "--today", TODAY, cwd=root).code == 0  # the committed manifest is current
    old, new = root / "content/lage-rugpijn.md", root / "content/rugpijn-onder.md"
    shutil.move(old, new)
    # The editor updates navigation and links, as strict builds demand; old addresses are the hub's job.
    for path in [root / "mkdocs.yml", *(root / "content").glob("*.md")]:
        path.write_text(
            path.read_text(encoding="utf-8").replace("lage-rugpijn.md", "rugpijn-onder.md"), "utf-8"
        )
    result = run_cli("check", "--today", TODAY, "--format", "json", cwd=root)
    assert result.code == 1
    assert '"rule": "hub.url-removed"' in result.stdout and "/lage-rugpijn/" in result.stdout

    text = new.read_text(encoding="utf-8")
    new.write_text(
        text.replace("\nsources:", "\naliases: [lage-rugpijn/, p/lage-rugpijn/]\nsources:", 1), "utf-8"
    )
    result = run_cli("check", "--today", TODAY, cwd=root)
    assert result.code == 0, result.stdout
    assert "hub.url-removed" not in result.stdout

    build = mkdocs_build(root)
    assert build.code == 0, build.stderr
    for source in ("lage-rugpijn/index.html", "p/lage-rugpijn/index.html"):
        redirect = (root / "site" / source).read_text(encoding="utf-8")
        assert re.search(
            r'<meta http-equiv="refresh" content="0; url=\.\./(\.\./)?rugpijn-onder/">', redirect
        )
        assert (
            '<link rel="canonical" href="https://patienthub.github.io/patienthub/rugpijn-onder/">' in redirect
        )
