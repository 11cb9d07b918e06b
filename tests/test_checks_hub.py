from tests.test_checks_evidence import REGISTER

from conftest import GOOD_META, site_of
from patienthub.checks import hub
from patienthub.engine import runner as engine
from patienthub.load import urls


def meta(**extra: str) -> str:
    return GOOD_META + "".join(f"{key}:{value}\n" for key, value in extra.items())


def findings(repo, family: str = "hub."):
    return [f for f in engine.run(site_of(repo.root)).findings if f.rule.startswith(family)]


def rules(repo) -> list[str]:
    return sorted(f.rule for f in findings(repo))


def freeze(repo) -> None:
    """Commit the current addresses to the manifest, as `patienthub urls --update` does."""
    site = site_of(repo.root)
    urls.manifest_path(site).write_text(urls.render_manifest(site), encoding="utf-8")


def test_every_rule_has_a_dutch_summary():
    assert all(rule.id.startswith("hub.") and rule.summary.endswith(".") for rule in hub.RULES)


def test_without_a_manifest_addresses_are_not_protected_and_nothing_is_reported(repo):
    repo.page("a.md")
    assert findings(repo) == []


def test_unreadable_manifest_is_an_error(repo):
    repo.write("content/_data/urls.txt", b"/a/\n\xff\n")
    [found] = findings(repo)
    assert (found.rule, found.severity.value, found.path) == (
        "hub.manifest-unreadable",
        "error",
        "content/_data/urls.txt",
    )


def test_the_committed_manifest_of_this_repository_is_current():
    from conftest import REPO_ROOT

    site = site_of(REPO_ROOT)
    manifest = urls.read_manifest(urls.manifest_path(site))
    assert manifest is not None and manifest.urls == {item.url for item in urls.published(site)}


def test_renamed_page_without_alias_is_reported_at_the_manifest_line(repo):
    repo.page("lage-rugpijn.md")
    freeze(repo)
    (repo.content / "lage-rugpijn.md").rename(repo.content / "rugpijn.md")
    removed = [f for f in findings(repo) if f.rule == "hub.url-removed"]
    assert {f.message.split()[2] for f in removed} == {"/lage-rugpijn/", "/p/lage-rugpijn/"}
    lines = (repo.content / "_data/urls.txt").read_text(encoding="utf-8").splitlines()
    assert all(lines[f.line - 1] in f.message for f in removed)
    assert all(f.severity.value == "error" and "aliases" in f.suggestion for f in removed)


def test_alias_keeps_the_old_address_and_short_link_alive(repo):
    repo.page("lage-rugpijn.md")
    freeze(repo)
    (repo.content / "lage-rugpijn.md").unlink()
    repo.page("rugpijn.md", meta(aliases=" [lage-rugpijn.md, p/lage-rugpijn/]"))
    assert "hub.url-removed" not in rules(repo)
    # the new addresses are not protected yet: a warning, not an error
    assert set(rules(repo)) == {"hub.url-unlisted"}


def test_removed_code_is_reported(repo):
    repo.page("a.md", meta(codes="\n  icpc: [L03]"))
    freeze(repo)
    repo.page("a.md")
    assert [f.message.split()[2] for f in findings(repo)] == ["/code/icpc/L03/"]


def test_invalid_and_duplicate_codes(repo):
    repo.page("a.md", meta(codes="\n  icd10: [M54-5, M54.5, m545]"))
    freeze(repo)
    found = {f.rule: f for f in findings(repo)}
    assert sorted((rule, f.line) for rule, f in found.items()) == [
        ("hub.duplicate-code", 13),
        ("hub.invalid-code", 13),
    ]
    assert "'M54-5' is geen geldige ICD-10-code" in found["hub.invalid-code"].message
    assert found["hub.duplicate-code"].severity.value == "warning"


def test_two_primary_pages_for_one_code(repo):
    repo.page("a.md", meta(codes="\n  icd10:\n    - {code: M54.5, primary: true}"))
    repo.page("b.md", meta(codes="\n  icd10:\n    - {code: m545, primary: true}"))
    repo.page("c.md", meta(codes="\n  icd10: [M54.5]"))
    freeze(repo)
    found = findings(repo)
    assert [(f.rule, f.path, f.line) for f in found] == [
        ("hub.primary-conflict", "content/a.md", 14),
        ("hub.primary-conflict", "content/b.md", 14),
    ]
    assert "content/b.md" in found[0].message and "ICD-10 M54.5" in found[0].message


def test_alias_to_its_own_address_is_a_loop(repo):
    repo.page("a.md", meta(aliases=" [a/]"))
    freeze(repo)
    [found] = findings(repo)
    assert (found.rule, found.line) == ("hub.redirect-loop", 12)


def test_two_pages_pointing_at_each_other_is_a_loop(repo):
    repo.page("a.md", meta(aliases=" [b/]"))
    repo.page("b.md", meta(aliases=" [a/]"))
    freeze(repo)
    assert rules(repo) == ["hub.alias-conflict"] * 2 + ["hub.redirect-loop"] * 2


def test_alias_that_leads_through_another_redirect_is_a_chain(repo):
    repo.page("a.md", meta(aliases=" [b/]"))
    repo.page("b.md", meta(aliases=" [c/]"))
    repo.page("c.md")
    freeze(repo)
    chain = [f for f in findings(repo) if f.rule == "hub.redirect-chain"]
    assert [(f.path, f.message.split(": ")[1]) for f in chain] == [("content/b.md", "/c/ → /b/ → /a/.")]


def test_same_alias_on_two_pages(repo):
    repo.page("a.md", meta(aliases=" [oud/]"))
    repo.page("b.md", meta(aliases=" [oud/]"))
    freeze(repo)
    found = findings(repo)
    assert [(f.rule, f.path) for f in found] == [
        ("hub.alias-conflict", "content/a.md"),
        ("hub.alias-conflict", "content/b.md"),
    ]


def test_alias_on_a_generated_address_conflicts(repo):
    repo.page("a.md", meta(aliases=" [api/v1/, code/icpc/L03/]", codes="\n  icpc: [L03]"))
    repo.page("b.md", meta(aliases=" [feed.xml]", codes="\n  icpc: [L03]"))
    freeze(repo)
    found = findings(repo)
    assert [(f.rule, f.path) for f in found] == [
        ("hub.alias-conflict", "content/a.md"),
        ("hub.alias-invalid", "content/b.md"),
    ]
    assert "codepagina" in found[0].message


TERMS = """\
terms:
  lage-rugpijn:
    preferred: lage rugpijn
    explanation: Pijn onder in de rug.
"""


def test_page_or_alias_where_the_build_writes_its_own_page(repo):
    # The build would put the search page, glossary or dashboard there and the content page would vanish.
    repo.write("content/_data/terms.yml", TERMS)
    repo.page("zoeken.md")
    repo.page("redactie/controles/nhg.md")
    repo.page("a.md", meta(aliases=" [woordenlijst/, redactie/controles/]"))
    freeze(repo)
    found = [(f.rule, f.path, f.line) for f in findings(repo)]
    assert sorted(found) == [
        ("hub.alias-conflict", "content/a.md", 12),
        ("hub.alias-conflict", "content/a.md", 12),
        ("hub.reserved-address", "content/redactie/controles/nhg.md", 1),
        ("hub.reserved-address", "content/zoeken.md", 1),
    ]
    messages = " ".join(f.message for f in findings(repo))
    assert "de woordenlijst" in messages and "de zoekpagina" in messages and "redactie" in messages


def test_a_page_where_the_build_writes_the_evidence_view(repo):
    # With an evidence register the build writes its view for reviewers there; the content page would vanish.
    repo.write("content/_data/evidence/m54.yml", REGISTER)
    repo.page("redactie/bewijs.md")
    repo.page("redactie/bewijs/deel-2.md")  # where its second part goes when there are many pages
    freeze(repo)
    found = sorted((f.rule, f.path) for f in findings(repo) if f.rule == "hub.reserved-address")
    assert found == [
        ("hub.reserved-address", "content/redactie/bewijs.md"),
        ("hub.reserved-address", "content/redactie/bewijs/deel-2.md"),
    ]
    assert "de bewijspagina's voor de redactie" in " ".join(f.message for f in findings(repo))


def test_manifest_protects_search_page_glossary_and_terms_export_not_the_dashboard(repo):
    repo.write("content/_data/terms.yml", TERMS)
    repo.page("a.md")
    listed = {item.url for item in urls.published(site_of(repo.root))}
    assert {"zoeken/", "woordenlijst/", "api/v1/terms.json"} <= listed
    assert not any(url.startswith("redactie/") for url in listed)
    freeze(repo)
    config = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    renamed = "  - patienthub:\n      terminology:\n        glossary_page: begrippen.md\n"
    repo.write("mkdocs.yml", config.replace("  - patienthub\n", renamed, 1))
    removed = [f for f in findings(repo) if f.rule == "hub.url-removed"]
    assert [f.message.split(" ")[2] for f in removed] == ["/woordenlijst/"]


def test_alias_that_is_no_address(repo):
    repo.page("a.md", meta(aliases=" [https://elders.nl/rug/]"))
    freeze(repo)
    assert rules(repo) == ["hub.alias-invalid"]


def test_short_link_conflict_points_to_short_link_key(repo):
    repo.page("rug/pijn.md")
    repo.page("been/pijn.md")
    repo.page("c.md", meta(short_link=" pijn"))
    freeze(repo)
    found = findings(repo)
    assert {f.path for f in found} == {"content/rug/pijn.md", "content/been/pijn.md", "content/c.md"}
    assert all(f.rule == "hub.short-link-conflict" for f in found)
    assert [f.line for f in found if f.path == "content/c.md"] == [12]


def test_clean_site_with_current_manifest_has_no_hub_findings(repo):
    repo.page(
        "a.md", meta(aliases=" [oud/]", codes="\n  icpc: [L03]\n  icd10: [{code: M54.5, primary: true}]")
    )
    repo.page("b.md", meta(codes="\n  icd10: [M54.5]"))
    freeze(repo)
    assert findings(repo) == []
