import datetime as dt

from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run


def rules(repo):
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return [(f.path, f.rule, f.line) for f in run(site).findings]


def test_loading_problems_are_reported(repo):
    repo.write("content/kapot.md", "---\ntitle: Rug\ntitle: Been\n---\n")
    assert ("content/kapot.md", "schema.duplicate-key", 3) in rules(repo)


def test_unknown_owner(repo):
    repo.page("index.md", meta=GOOD_META.replace("owner: nhg", "owner: onbekend"))
    assert rules(repo) == [("content/index.md", "schema.unknown-owner", 5)]


def test_broken_registry_is_a_finding_at_the_data_file(repo):
    repo.write("content/_data/organisations.yml", "nhg:\n  name: NHG\n")
    found = rules(repo)
    assert ("content/_data/organisations.yml", "schema.required", 1) in found
    # The pages owned by nhg are not blamed: the registry's own finding says what is wrong.
    assert not [f for f in found if f[1] == "schema.unknown-owner"]


def test_missing_registry(repo):
    (repo.content / "_data" / "organisations.yml").unlink()
    assert ("content/_data/organisations.yml", "schema.data-missing", None) in rules(repo)
