"""`patienthub new` through the real CLI: the new page passes `check` and sits in the navigation."""

from tests.conftest import TODAY, run_cli

NAV = "nav:\n  - Home: index.md\n  - Uitleg:\n      - Thuis: index.md\n"


def test_new_page_passes_check_and_is_in_the_nav(repo):
    repo.write("mkdocs.yml", (repo.root / "mkdocs.yml").read_text() + NAV)
    args = ["new", "--title", "Rugpijn bij zwangerschap", "--type", "education", "--owner", "nhg"]
    run = run_cli(*args, "--source", "NHG-Standaard Aspecifieke lagerugpijn", "--today", TODAY, cwd=repo.root)
    assert run.code == 0, run.stderr
    page = repo.content / "rugpijn-bij-zwangerschap.md"
    assert page.is_file()
    assert (
        "      - Rugpijn bij zwangerschap: rugpijn-bij-zwangerschap.md"
        in (repo.root / "mkdocs.yml").read_text()
    )
    check = run_cli("check", str(page), "--today", TODAY, cwd=repo.root)
    assert check.code == 0, check.stdout
    assert "0 fouten, 0 waarschuwingen" in check.stdout


def test_new_refuses_to_overwrite(repo):
    args = ["new", "--title", "Index", "--type", "overview", "--owner", "nhg", "--source", "NHG"]
    run = run_cli(*args, cwd=repo.root)
    assert run.code == 2
    assert "bestaat al" in run.stderr


def test_missing_answers_without_a_terminal_are_named(repo):
    run = run_cli("new", "--title", "Iets", cwd=repo.root)
    assert run.code == 2
    assert "--type" in run.stderr and "--owner" in run.stderr and "--source" in run.stderr


def test_unknown_owner_is_refused(repo):
    run = run_cli(
        "new", "--title", "Iets", "--type", "education", "--owner", "xyz", "--source", "NHG", cwd=repo.root
    )
    assert run.code == 2
    assert "xyz" in run.stderr


def test_new_page_gets_its_codeowners_line_so_check_passes(repo):
    repo.write("mkdocs.yml", (repo.root / "mkdocs.yml").read_text() + NAV)
    repo.write(
        "content/_data/organisations.yml",
        (repo.content / "_data" / "organisations.yml")
        .read_text()
        .replace("  short_name: NHG\n", "  short_name: NHG\n  github_team: '@patienthub-nl/nhg-reviewers'\n"),
    )
    assert run_cli("codeowners", cwd=repo.root).code == 0
    args = [
        "new",
        "--title",
        "Rugpijn bij zwangerschap",
        "--type",
        "education",
        "--owner",
        "nhg",
        "--source",
        "NHG",
    ]
    run = run_cli(*args, "--today", TODAY, cwd=repo.root)
    assert run.code == 0, run.stderr
    assert "Bijgewerkt: .github/CODEOWNERS" in run.stdout
    owners = (repo.root / ".github" / "CODEOWNERS").read_text()
    assert "/content/rugpijn-bij-zwangerschap.md @patienthub-nl/nhg-reviewers\n" in owners
    check = run_cli("check", "--today", TODAY, cwd=repo.root)
    assert check.code == 0, check.stdout
