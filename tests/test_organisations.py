from pathlib import Path

from patienthub.domain import organisations

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_project_registry_lists_the_organisations_of_the_seeds():
    registry = organisations.load(REPO_ROOT / "content" / "_data", REPO_ROOT)
    orgs = registry.entries
    assert registry.findings == [] and registry.broken == frozenset()
    expected = {
        "nhg",
        "kngf",
        "vvocm",
        "nov",
        "nvn",
        "nvvn",
        "nva",
        "vra",
        "nvab",
        "nvvr",
        "skf",
        "zn",
        "nza",
        "zin",
        "pfn",
        "swp",
    }
    assert expected <= set(orgs)
    for org in orgs.values():
        assert org.name and org.short_name
        assert org.website is None or org.website.startswith("https://")


def test_invalid_entries_are_named(tmp_path):
    (tmp_path / "organisations.yml").write_text(
        "goed:\n  name: Goed\n  short_name: G\n  website: https://g.example\n"
        "kapot:\n  name: Kapot\n"
        "raar:\n  name: R\n  short_name: R\n  website: http://niet-veilig.example\n",
        encoding="utf-8",
    )
    registry = organisations.load(tmp_path, tmp_path)
    findings = registry.findings
    assert list(registry.entries) == ["goed"]
    assert registry.broken == {"kapot", "raar"}
    assert [(f.rule, f.line) for f in findings] == [
        ("schema.required", 5),
        ("schema.required", 5),
        ("schema.format", 10),
    ]
    assert {"short_name", "website"} == {f.message.split("'")[-2] for f in findings[:2]}
    assert "https://" in findings[2].suggestion


def test_a_misspelt_key_is_named_at_its_own_line_with_the_key_meant(tmp_path):
    (tmp_path / "organisations.yml").write_text(
        "goed:\n  name: Goed\n  shortname: G\n  website: https://g.example\n", encoding="utf-8"
    )
    registry = organisations.load(tmp_path, tmp_path)
    assert registry.entries == {} and registry.broken == {"goed"}
    typo = next(f for f in registry.findings if f.rule == "schema.unknown-key")
    assert typo.line == 3 and typo.path == "organisations.yml"
    assert "'short_name'" in typo.suggestion


def test_names_are_plain_text(tmp_path):
    (tmp_path / "organisations.yml").write_text(
        "fout:\n  name: <b>Fout</b>\n  short_name: F\n  website: null\n", encoding="utf-8"
    )
    registry = organisations.load(tmp_path, tmp_path)
    assert registry.entries == {} and registry.broken == {"fout"}
    assert [(f.rule, f.line) for f in registry.findings] == [("schema.format", 2)]
    assert "< >" in registry.findings[0].suggestion


def test_github_team_must_be_a_team_reference(tmp_path):
    (tmp_path / "organisations.yml").write_text(
        "goed:\n  name: G\n  short_name: G\n  website: null\n  github_team: '@org/goed-team'\n"
        "fout:\n  name: F\n  short_name: F\n  website: null\n  github_team: fout-team\n",
        encoding="utf-8",
    )
    registry = organisations.load(tmp_path, tmp_path)
    assert registry.entries["goed"].github_team == "@org/goed-team"
    assert [(f.rule, f.line) for f in registry.findings] == [("schema.format", 10)]
    assert "@organisatie/team" in registry.findings[0].suggestion
