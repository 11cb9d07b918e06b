"""`patienthub check --changed [--base REF]` on a real git repository in a temporary folder."""

from __future__ import annotations

import json
import subprocess

import pytest
from tests.conftest import GOOD_BODY, GOOD_META, run_cli


def git(repo, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args]
    return subprocess.run(command, cwd=repo.root, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def git_repo(repo):
    repo.page("a.md")
    repo.page("b.md")
    repo.page("c.md")
    git(repo, "init", "--quiet")
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", "start")
    return repo


def checked(repo, *args: str) -> tuple[list[str], list[tuple[str, str]]]:
    result = run_cli("check", "--changed", "--today", "2026-11-22", "--format", "json", *args, cwd=repo.root)
    assert result.code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return [p["path"] for p in report["pages"]], [(f["path"], f["rule"]) for f in report["findings"]]


def test_only_pages_changed_since_head_are_checked_untracked_ones_included(git_repo):
    git_repo.page("a.md", body=GOOD_BODY + "\nEen nieuwe zin.\n")
    git_repo.page("nieuw.md")
    assert checked(git_repo)[0] == ["content/a.md", "content/nieuw.md"]


def test_a_page_that_links_to_a_changed_or_removed_page_is_checked_too(git_repo):
    git_repo.page("c.md", body=GOOD_BODY + "\nLees ook [dit](b.md).\n")
    git(git_repo, "commit", "--quiet", "-am", "c links to b")
    (git_repo.content / "b.md").unlink()
    pages, findings = checked(git_repo)
    assert pages == ["content/c.md"]
    assert findings == [("content/c.md", "links.missing-page")]


def test_nothing_changed_checks_no_page(git_repo):
    assert checked(git_repo)[0] == []


def test_base_names_the_revision_to_compare_with(git_repo):
    git_repo.page("b.md", body=GOOD_BODY + "\nEen zin.\n")
    git(git_repo, "commit", "--quiet", "-am", "b")
    assert checked(git_repo)[0] == []
    assert checked(git_repo, "--base", "HEAD~1")[0] == ["content/b.md"]


@pytest.mark.parametrize(
    "path",
    ["content/_data/terms.yml", "content/_data/organisations.yml", "content/_data/urls.txt", "mkdocs.yml"],
)
def test_a_change_to_data_manifest_or_configuration_checks_every_page(git_repo, path):
    target = git_repo.root / path
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(text + "\n# gewijzigd\n", encoding="utf-8")
    assert checked(git_repo)[0] == ["content/a.md", "content/b.md", "content/c.md", "content/index.md"]


def test_a_clash_with_an_unchanged_page_is_reported_on_both(git_repo):
    # b.md now claims a's short link: the hub check (site-wide) reports it on both pages.
    git_repo.page("b.md", meta=GOOD_META + "short_link: a\n")
    pages, findings = checked(git_repo)
    assert ("content/a.md", "hub.short-link-conflict") in findings
    assert ("content/b.md", "hub.short-link-conflict") in findings
    assert pages == ["content/a.md", "content/b.md"]


def test_a_page_outside_git_is_a_usage_error(repo):
    result = run_cli(
        "check", "--changed", cwd=repo.root, env={"GIT_CEILING_DIRECTORIES": str(repo.root.parent)}
    )
    assert result.code == 2
    assert "git" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--base", "HEAD"), "--base hoort bij --changed"), (("--changed", "content/a.md"), "niet allebei")],
)
def test_conflicting_options_are_usage_errors(git_repo, args, message):
    result = run_cli("check", *args, cwd=git_repo.root)
    assert result.code == 2
    assert message in result.stderr


def test_an_unknown_base_is_a_usage_error(git_repo):
    result = run_cli("check", "--changed", "--base", "bestaat-niet", cwd=git_repo.root)
    assert result.code == 2
    assert "bestaat-niet" in result.stderr
