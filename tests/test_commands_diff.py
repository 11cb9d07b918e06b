"""`patienthub diff --base HEAD~1` on a real temporary git repository with two commits."""

import os
import re
import subprocess

import pytest
from tests.conftest import GOOD_BODY, GOOD_META, TODAY, run_cli

from patienthub.checks import REGISTRY

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}
SOURCES = "kngf-lrs:\n  title: KNGF-richtlijn Lage rugpijn\n  publisher: KNGF\n  date: {date}\n  url: https://kngf.example/\n"
CITING = GOOD_META.split("sources:")[0] + "sources:\n  - key: kngf-lrs\n"


def git(root, *args):
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


@pytest.fixture
def two_commits(repo):
    repo.write("content/_data/sources.yml", SOURCES.format(date="2021-12-06"))
    repo.page("rug.md", meta=CITING)
    repo.page("ander.md", meta=CITING.replace("title: Lage rugpijn", "title: Ander"))
    git(repo.root, "init", "-q", "-b", "main")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "basis")
    # The change: a new guideline version (affects both pages) and an edited rug.md
    repo.write("content/_data/sources.yml", SOURCES.format(date="2026-06-01"))
    changed = CITING.replace("status: concept", "status: approved") + "next_review: 2027-03-01\n"
    repo.page("rug.md", meta=changed)
    git(repo.root, "commit", "-q", "-am", "wijziging")
    return repo


def test_diff_shows_metric_deltas_and_new_findings_changed_lines_first(two_commits):
    run = run_cli("diff", "--base", "HEAD~1", "--today", TODAY, cwd=two_commits.root)
    assert run.code == 0, run.stderr
    out = run.stdout
    assert out.startswith("## patienthub: wat verandert er voor de lezer?")
    assert "HEAD~1 (" in out
    # rug.md was edited: reported in full, with the metric before (base files) → after (work tree)
    assert "### Lage rugpijn (`content/rug.md`, gewijzigd)" in out
    assert "| dagen tot controle (`days_left`) | 830 | 88 | −742 |" in out
    assert "| volgende controle (`next_review`) | 2029-03-12 | 2027-03-01 |  |" in out
    section = out[out.index("### Lage rugpijn") : out.index("### Ander")]
    # status: approved is on a changed line (7); the guideline's key line (9) did not change
    assert section.index("review.approved-without-reviewer` (regel 7, gewijzigde regel)") < section.index(
        "freshness.source-updated` (regel 9)"
    )
    # ander.md did not change, but the new guideline version gives it a finding too
    assert "### Ander (`content/ander.md`, niet gewijzigd)" in out
    assert "| Lage rugpijn (`content/rug.md`) | gewijzigd | 0 → 1 (+1) | 0 → 1 (+1) | 2 | 0 |" in out


def test_no_changes_since_the_base(two_commits):
    run = run_cli("diff", "--base", "HEAD", "--today", TODAY, cwd=two_commits.root)
    assert run.code == 0
    assert "Geen pagina’s gewijzigd" in run.stdout


def test_unknown_base_is_a_usage_error(two_commits):
    run = run_cli("diff", "--base", "bestaat-niet", "--today", TODAY, cwd=two_commits.root)
    assert run.code == 2
    assert "geen bekende commit" in run.stderr
    assert "Traceback" not in run.stderr


def test_outside_a_git_repository_is_a_usage_error(repo):
    run = run_cli(
        "diff",
        "--base",
        "HEAD~1",
        "--today",
        TODAY,
        cwd=repo.root,
        env={"GIT_CEILING_DIRECTORIES": str(repo.root.parent)},
    )
    assert run.code == 2
    assert "Traceback" not in run.stderr


@pytest.mark.skipif(
    not any(check.name == "readability" for check in REGISTRY),
    reason="the readability check (flesch_douma metric) is not merged into this branch yet",
)
def test_diff_shows_the_readability_delta_of_a_changed_page(repo):
    repo.page("rug.md")
    git(repo.root, "init", "-q", "-b", "main")
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", "basis")
    hard = GOOD_BODY + (
        "\nDe aspecifieke lumbosacrale pijnklachten kunnen volgens de wetenschappelijke literatuur "
        "multifactoriële oorzaken hebben, waaronder biopsychosociale determinanten en degeneratieve afwijkingen.\n"
    )
    repo.page("rug.md", body=hard)
    git(repo.root, "commit", "-q", "-am", "moeilijker")
    run = run_cli("diff", "--base", "HEAD~1", "--today", TODAY, cwd=repo.root)
    assert run.code == 0, run.stderr
    match = re.search(
        r"\| Flesch-Douma \(`flesch_douma`\) \| (−?[\d,]+) \| (−?[\d,]+) \| −([\d,]+) \|", run.stdout
    )
    assert match, run.stdout
    before, after, drop = (float(x.replace("−", "-").replace(",", ".")) for x in match.groups())
    assert after < before and abs(before - after - drop) < 0.15


def test_a_symlink_to_an_absolute_path_in_the_base_is_no_traceback(two_commits):
    """A base revision with links that leave the repository (a folder and a page): the base is written without
    them, never followed, and the comparison still runs."""
    os.symlink("/etc", two_commits.content / "etc")
    os.symlink("/etc/hostname", two_commits.content / "host.md")
    git(two_commits.root, "add", "-A")
    git(two_commits.root, "commit", "-q", "-m", "links")
    two_commits.page("rug.md", meta=CITING.replace("title: Lage rugpijn", "title: Lage rugpijn, anders"))
    run = run_cli("diff", "--base", "HEAD", "--today", TODAY, cwd=two_commits.root)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 0, run.stderr
    assert "content/rug.md" in run.stdout
