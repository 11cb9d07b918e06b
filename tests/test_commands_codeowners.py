"""The real `patienthub codeowners` command, and `check` noticing when its output is out of date."""

from tests.conftest import GOOD_META, TODAY, run_cli


def test_write_then_check_then_outdated_after_a_new_page(repo):
    run = run_cli("codeowners", cwd=repo.root)
    assert run.code == 0, run.stderr
    assert ".github/CODEOWNERS geschreven" in run.stdout
    written = (repo.root / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/content/index.md @patienthub-nl/maintainers" in written  # the fixture's NHG has no team
    assert "geen github_team" in run.stdout

    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0
    assert "al actueel" in run_cli("codeowners", cwd=repo.root).stdout

    repo.page("nieuw.md", meta=GOOD_META)
    check = run_cli("check", "--today", TODAY, cwd=repo.root)
    assert check.code == 1
    assert ".github/CODEOWNERS:" in check.stdout and "review.codeowners-outdated" in check.stdout

    assert run_cli("codeowners", cwd=repo.root).code == 0
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0


def test_broken_organisations_registry_writes_nothing(repo):
    repo.write("content/_data/organisations.yml", "nhg:\n  name: Alleen een naam\n")
    run = run_cli("codeowners", cwd=repo.root)
    assert run.code == 1
    assert "organisations.yml:1: error schema.required" in run.stderr
    assert not (repo.root / ".github" / "CODEOWNERS").exists()


def test_codeowners_not_managed_by_patienthub(repo):
    mkdocs = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write(
        "mkdocs.yml",
        mkdocs.replace("  - patienthub\n", "  - patienthub:\n      review:\n        codeowners_file: null\n"),
    )
    repo.write(".github/CODEOWNERS", "* @org/eigen-team\n")  # hand-written: not compared
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0
    run = run_cli("codeowners", cwd=repo.root)
    assert run.code == 2 and "null" in run.stderr
    assert (repo.root / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == "* @org/eigen-team\n"
