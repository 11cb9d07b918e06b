import datetime as dt

from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run


def rules_with(repo, rules_yaml: str):
    mkdocs = (
        (repo.root / "mkdocs.yml")
        .read_text()
        .replace("  - patienthub\n", f"  - patienthub:\n      rules:\n{rules_yaml}")
    )
    repo.write("mkdocs.yml", mkdocs)
    repo.page("index.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01") + "kleur: blauw\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return sorted((f.rule, f.severity.value) for f in run(site).findings)


def test_override_of_another_rule_changes_nothing(repo):
    assert rules_with(repo, "        readability.passive: error\n") == [
        ("freshness.overdue", "error"),
        ("schema.unknown-key", "warning"),
    ]


def test_rule_override_and_off(repo):
    found = rules_with(repo, "        freshness.overdue: warning\n        schema.unknown-key: 'off'\n")
    assert found == [("freshness.overdue", "warning")]


def test_family_override(repo):
    assert rules_with(repo, "        schema: error\n") == [
        ("freshness.overdue", "error"),
        ("schema.unknown-key", "error"),
    ]
