"""`patienthub new` through the real CLI: the new page passes `check` and sits in the navigation."""

import json
from pathlib import Path

import pytest
import yaml
from tests.conftest import GOOD_META, REPO_ROOT, TODAY, run_cli, run_in_terminal

from patienthub.load.config import _MkDocsLoader, load_project

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
    check = run_cli("check", str(page), "--format", "json", "--today", TODAY, cwd=repo.root)
    assert check.code == 0, check.stdout
    # The only findings: the template's instructions, until the editor has written the page.
    rules = {(f["rule"], f["severity"]) for f in json.loads(check.stdout)["findings"]}
    assert rules == {("draft.placeholder", "warning")}


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


def in_a_terminal(cwd, keys: bytes, *args: str) -> tuple[int, str]:
    """`patienthub new` with a terminal as stdin/stdout (so it asks), the editor typing `keys`."""
    code, output = run_in_terminal("new", "--today", TODAY, *args, cwd=cwd, keys=keys)
    return code, output.decode("utf-8", "replace")


@pytest.mark.parametrize("answer_type", ["onzin\n", ""], ids=["wrong-answer-asked-again", "first-time-right"])
def test_in_a_terminal_it_asks_for_what_is_missing(repo, answer_type):
    keys = f"Rugpijn bij sporten\n{answer_type}self-management\nnhg\nNHG-Standaard Aspecifieke lagerugpijn\n"
    code, output = in_a_terminal(repo.root, keys.encode())
    assert code == 0, output
    assert "Titel:" in output and "Soort pagina (education, self-management" in output
    assert ("Dat antwoord klopt niet" in output) == bool(answer_type)
    page = (repo.content / "rugpijn-bij-sporten.md").read_text(encoding="utf-8")
    assert "type: self-management\n" in page and "owner: nhg\n" in page
    assert '  - title: "NHG-Standaard Aspecifieke lagerugpijn"\n' in page


def test_ctrl_d_at_a_question_stops_cleanly(repo):
    code, output = in_a_terminal(repo.root, b"\x04", "--type", "education")
    assert code == 2, output
    assert "gestopt: er is geen pagina gemaakt" in output
    assert "Traceback" not in output
    assert sorted(p.name for p in repo.content.glob("*.md")) == ["index.md"]


def test_in_this_repository_a_new_page_goes_where_its_nav_section_keeps_its_pages():
    """`new` puts a page in the folder configured for its type and in its nav section; in this repository both
    must agree with where that section's pages already are (outcome pages live in uitkomsten/)."""
    project = load_project(REPO_ROOT / "mkdocs.yml")
    nav = yaml.load((REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)["nav"]
    sections = {name: items for entry in nav for name, items in entry.items() if isinstance(items, list)}
    settings = project.config.new_page
    for page_type, section in settings.nav_sections.items():
        listed = [next(iter(i.values())) if isinstance(i, dict) else i for i in sections[section]]
        folders = {Path(src).parent.as_posix() for src in listed if Path(src).name != "index.md"}
        folders = {"" if folder == "." else folder for folder in folders}
        assert folders == {settings.folders.get(page_type, "").strip("/")}, (page_type, section, folders)


def test_page_from_the_web_editor_gets_nav_and_codeowners(repo):
    """`new --page`: a page that exists (as the web editor writes it: not in the nav, not in CODEOWNERS)."""
    repo.write("mkdocs.yml", (repo.root / "mkdocs.yml").read_text() + NAV)
    assert run_cli("codeowners", cwd=repo.root).code == 0
    repo.page("uit-de-webeditor.md", meta=GOOD_META.replace("title: Lage rugpijn", "title: Uit de webeditor"))
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 1  # CODEOWNERS is out of date

    run = run_cli("new", "--page", "content/uit-de-webeditor.md", "--today", TODAY, cwd=repo.root)
    assert run.code == 0, run.stderr
    assert "In het menu gezet: uit-de-webeditor.md (Uitleg)" in run.stdout
    assert "Bijgewerkt: .github/CODEOWNERS" in run.stdout
    mkdocs = (repo.root / "mkdocs.yml").read_text()
    assert "      - Uit de webeditor: uit-de-webeditor.md" in mkdocs
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0

    again = run_cli("new", "--page", "content/uit-de-webeditor.md", "--today", TODAY, cwd=repo.root)
    assert again.code == 0 and "staat al in het menu" in again.stdout
    assert (repo.root / "mkdocs.yml").read_text() == mkdocs  # nothing added twice


def test_page_option_refuses_a_file_outside_the_pages(repo):
    repo.write("elders.md", "---\ntitle: x\n---\n")
    run = run_cli("new", "--page", "elders.md", cwd=repo.root)
    assert run.code == 2 and "geen pagina in content/" in run.stderr
