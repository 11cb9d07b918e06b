"""`patienthub fix` through the real CLI on a fixture page: exactly the avoided terms change, byte for byte."""

import json
import shutil

import pytest
from tests.conftest import REPO_ROOT, TODAY, MiniRepo, run_cli

CORPUS = REPO_ROOT / "tests" / "corpus" / "fix"
DATA = REPO_ROOT / "content" / "_data"


@pytest.fixture
def fix_repo(repo: MiniRepo) -> MiniRepo:
    for name in ("terms.yml", "advice.yml", "kernboodschappen.yml"):
        shutil.copy(DATA / name, repo.content / "_data" / name)
    shutil.copy(CORPUS / "page.md", repo.content / "page.md")
    return repo


def terminology(repo: MiniRepo) -> list[dict]:
    done = run_cli("check", "--format", "json", "--today", TODAY, cwd=repo.root)
    return [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "terminology.avoid"]


def test_diff_shows_the_fixes_and_changes_nothing(fix_repo):
    before = (fix_repo.content / "page.md").read_bytes()
    done = run_cli("fix", cwd=fix_repo.root)
    assert done.code == 0, done.stderr
    assert (fix_repo.content / "page.md").read_bytes() == before
    assert done.stdout.startswith("--- a/content/page.md\n+++ b/content/page.md\n")
    assert "-# HNP en werk\n+# Hernia en werk\n" in done.stdout
    assert "+Let op alarmsignalen." in done.stdout
    assert "16 vervanging(en) mogelijk; 3 plek(ken) om zelf aan te passen." in done.stderr
    assert "content/page.md:24: 'aspecifiek'" in done.stderr  # no replacement fits: left to the editor


def test_write_changes_exactly_the_avoided_terms_and_is_idempotent(fix_repo):
    reported = terminology(fix_repo)
    done = run_cli("fix", "--write", cwd=fix_repo.root)
    assert done.code == 0, done.stderr
    assert done.stdout == "Aangepast: content/page.md (16 vervanging(en))\n"
    assert (fix_repo.content / "page.md").read_bytes() == (CORPUS / "expected.md").read_bytes()
    again = run_cli("fix", "--write", cwd=fix_repo.root)
    assert again.code == 0 and again.stdout == ""
    assert (fix_repo.content / "page.md").read_bytes() == (CORPUS / "expected.md").read_bytes()
    # What remains are exactly the words no automatic replacement fits.
    left = terminology(fix_repo)
    assert len(reported) == 19
    assert sorted(f["message"].split("'")[1] for f in left) == ["HNP-operatie", "aspecifiek", "rode vlag"]


def test_only_the_named_pages_and_nothing_a_check_switches_off(fix_repo):
    fix_repo.page("ander.md", body="# Ander\n\nEen HNP is vaak.\n")
    done = run_cli("fix", "--write", "content/ander.md", cwd=fix_repo.root)
    assert done.stdout == "Aangepast: content/ander.md (1 vervanging(en))\n"
    assert (fix_repo.content / "page.md").read_bytes() == (CORPUS / "page.md").read_bytes()
    config = fix_repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - patienthub\n", "  - patienthub:\n      rules: {terminology.avoid: 'off'}\n"
        )
    )
    off = run_cli("fix", "--write", cwd=fix_repo.root)
    assert off.code == 0 and off.stdout == ""
    assert (fix_repo.content / "page.md").read_bytes() == (CORPUS / "page.md").read_bytes()


def test_unknown_path_is_a_usage_error(fix_repo):
    done = run_cli("fix", "content/bestaat-niet.md", cwd=fix_repo.root)
    assert done.code == 2 and "bestaat niet" in done.stderr
