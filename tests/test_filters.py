"""filters.py: exemptions, inline suppressions and severity overrides, applied once after all checks."""

from __future__ import annotations

import datetime as dt

from tests.conftest import GOOD_META, TODAY, MiniRepo

from patienthub import load_project, load_site, run
from patienthub.engine import runner as engine

LONG = "Dit is een heel lange zin met veel te veel woorden die maar doorgaat en doorgaat tot het einde."


def check(repo: MiniRepo, body: str, meta: str = GOOD_META, options: str = ""):
    if options:
        config = repo.root / "mkdocs.yml"
        config.write_text(config.read_text().replace("  - patienthub\n", f"  - patienthub:\n{options}"))
    repo.page("pagina.md", meta, body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY))
    return [(f.rule, f.severity.value, f.line) for f in engine.run(site, {"content/pagina.md"}).findings]


def test_an_inline_suppression_removes_only_the_finding_in_its_block(repo: MiniRepo) -> None:
    body = f'<!-- patienthub: disable readability.sentence-length reason="Citaat." -->\n{LONG}\n\n{LONG}\n'
    assert check(repo, body) == [("readability.sentence-length", "warning", 17)]


def test_an_unused_suppression_is_reported(repo: MiniRepo) -> None:
    body = '<!-- patienthub: disable readability.passive reason="Citaat." -->\nNeem rust.\n'
    assert check(repo, body) == [("schema.suppression-unused", "warning", 14)]


def test_severity_overrides_apply_after_suppression_and_to_its_findings(repo: MiniRepo) -> None:
    body = f'<!-- patienthub: disable readability.passive reason="Citaat." -->\nNeem rust.\n\n{LONG}\n'
    options = (
        "      rules:\n        schema.suppression-unused: 'off'\n        readability.sentence-length: error\n"
    )
    assert check(repo, body, options=options) == [("readability.sentence-length", "error", 17)]


def test_a_page_exemption_removes_its_family(repo: MiniRepo) -> None:
    meta = GOOD_META + "readability:\n  exempt: Citaat uit de richtlijn.\n"
    assert check(repo, f"{LONG}\n", meta) == []


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
        ("schema.unknown-key", "error"),
    ]


def test_rule_override_and_off(repo):
    found = rules_with(repo, "        freshness.overdue: warning\n        schema.unknown-key: 'off'\n")
    assert found == [("freshness.overdue", "warning")]


def test_family_override(repo):
    assert rules_with(repo, "        schema: warning\n") == [
        ("freshness.overdue", "error"),
        ("schema.unknown-key", "warning"),
    ]
