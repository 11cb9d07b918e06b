from pathlib import Path

from patienthub.domain import organisations

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_project_registry_lists_the_organisations_of_the_seeds():
    orgs, findings = organisations.load(REPO_ROOT / "content" / "_data", REPO_ROOT)
    assert findings == []
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
    orgs, findings = organisations.load(tmp_path, tmp_path)
    assert list(orgs) == ["goed"]
    assert [(f.rule, f.line) for f in findings] == [("schema.data-invalid", 5), ("schema.data-invalid", 7)]
    assert "kapot" in findings[0].message and "short_name" in findings[0].message
    assert "https://" in findings[1].message


def test_github_team_must_be_a_team_reference(tmp_path):
    (tmp_path / "organisations.yml").write_text(
        "goed:\n  name: G\n  short_name: G\n  website: null\n  github_team: '@org/goed-team'\n"
        "fout:\n  name: F\n  short_name: F\n  website: null\n  github_team: fout-team\n",
        encoding="utf-8",
    )
    orgs, findings = organisations.load(tmp_path, tmp_path)
    assert orgs["goed"].github_team == "@org/goed-team"
    assert [(f.rule, f.line) for f in findings] == [("schema.data-invalid", 6)]
    assert "@organisatie/team" in findings[0].message
