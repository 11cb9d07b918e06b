import datetime as dt
from pathlib import Path

from tests.conftest import GOOD_META, TODAY, run_cli

from patienthub import load_project, load_site, run
from patienthub.load import codeowners

REPO_ROOT = Path(__file__).resolve().parent.parent

TEAMS = """\
nhg:
  name: Nederlands Huisartsen Genootschap
  short_name: NHG
  website: https://www.nhg.org
  github_team: "@patienthub-nl/nhg-reviewers"
kngf:
  name: Koninklijk Nederlands Genootschap voor Fysiotherapie
  short_name: KNGF
  website: https://www.kngf.nl
"""


def site_of(repo):
    return load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))


def test_each_page_goes_to_its_owners_team_else_to_the_maintainers(repo):
    repo.write("content/_data/organisations.yml", TEAMS)
    repo.page("fysio/bewegen.md", meta=GOOD_META.replace("owner: nhg", "owner: kngf"))
    text = codeowners.render(site_of(repo))
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines == [
        "* @patienthub-nl/maintainers",
        "/content/fysio/bewegen.md @patienthub-nl/maintainers",
        "/content/index.md @patienthub-nl/nhg-reviewers",
    ]
    assert "patienthub codeowners" in text.splitlines()[0]


def test_maintainers_team_comes_from_the_config(repo):
    mkdocs = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write(
        "mkdocs.yml",
        mkdocs.replace(
            "  - patienthub\n", "  - patienthub:\n      review:\n        maintainers_team: '@org/redactie'\n"
        ),
    )
    assert "\n* @org/redactie\n" in codeowners.render(site_of(repo))


def test_paths_with_pattern_characters_match_only_themselves():
    assert codeowners.pattern("content/rug pijn.md") == r"/content/rug\ pijn.md"
    assert codeowners.pattern("content/[concept]*.md") == r"/content/\[concept\]\*.md"
    assert codeowners.pattern("content/#1.md") == r"/content/\#1.md"


def test_first_difference():
    assert codeowners.first_difference("a\nb\n", "a\nb\n") is None
    assert codeowners.first_difference("a\nb\n", "a\nc\n") == (2, "b", "c")
    assert codeowners.first_difference("a\n", "a\nb\n") == (2, "", "b")


def test_the_committed_codeowners_of_this_repository_is_up_to_date():
    site = load_site(load_project(REPO_ROOT / "mkdocs.yml"), dt.date(2026, 11, 22))
    assert site.codeowners is not None, ".github/CODEOWNERS ontbreekt: voer 'patienthub codeowners' uit"
    assert site.codeowners == codeowners.render(site)
    assert not [f for f in run(site).findings if f.rule == "review.codeowners-outdated"]


def test_a_file_outside_the_site_that_check_is_given_does_not_change_codeowners(repo, tmp_path):
    repo.write("content/_data/organisations.yml", TEAMS)
    assert run_cli("codeowners", cwd=repo.root).code == 0
    repo.write("NOTITIES.md", "---\n" + GOOD_META + "---\n\n# Notities\n\nEen korte tekst.\n")
    checked = run_cli("check", "--today", TODAY, "NOTITIES.md", "content/index.md", cwd=repo.root)
    assert "review.codeowners-outdated" not in checked.stdout, checked.stdout
    assert "NOTITIES.md" in checked.stdout  # it was checked


def test_a_line_break_in_a_file_name_does_not_add_a_line_to_codeowners():
    """A page named 'x<LF>/tools/<LF>y.md' wrote the line '/tools/' with no owner, which takes the maintainers'
    approval off tools/ (the edit service writes CODEOWNERS after a save). A line break cannot be escaped in
    CODEOWNERS: '?' (any one character) keeps the pattern matching the page."""
    import fnmatch

    written = codeowners.pattern("content/x\n/tools/\ny\r.md")
    assert "\n" not in written and "\r" not in written
    assert fnmatch.fnmatchcase("/content/x\n/tools/\ny\r.md", written)
