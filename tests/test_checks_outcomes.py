"""Every outcomes.* rule on small fixtures: real files in a mini repository, loaded and checked in-process."""

import datetime as dt
from decimal import Decimal

import pytest
from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run
from patienthub.checks import outcomes
from patienthub.checks.outcomes import numbers_in, styles_in

DATASET = """\
title: Test
population: Volwassenen met rugpijn
groups:
  a: Groep A
  b: Groep B
sources:
  s:
    title: Bron
    year: 2020
    url: https://example.org/bron
    retrieved: 2026-11-22
outcomes:
  herstel:
    measure: Hersteld
    says: waren hersteld
    time_frame: na 1 jaar
    source: s
    values:
      a: {per_100: 39, events: 55, total: 142}
      b: {per_100: 30}
"""

CARD = """\
title: Kiezen
for_whom: Volwassenen met rugpijn
datasets: [test]
options:
  zelf: {label: Zelf doen, self_care: true}
  behandeling: {label: Behandeling}
rows:
  - question: Hoeveel mensen knappen op?
    answers:
      zelf: Na 1 jaar 30 van de 100.
      behandeling: Na 1 jaar 39 van de 100.
sources:
  - title: Bron
    year: 2020
    url: https://example.org/bron
    retrieved: 2026-11-22
"""

OUTCOME_META = GOOD_META.replace("type: education", "type: outcomes")


def check(repo, dataset=DATASET, card=None, body=None, meta=GOOD_META):
    repo.write("content/_data/outcomes/test.yml", dataset)
    if card is not None:
        repo.write("content/_data/keuzekaarten/kaart.yml", card)
    if body is not None:
        repo.page("uitkomst.md", meta=meta, body=body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return run(site).findings


def rules(findings, prefix="outcomes."):
    return sorted(f.rule for f in findings if f.rule.startswith(prefix))


def test_a_complete_dataset_and_keuzekaart_pass(repo):
    findings = check(
        repo, card=CARD, body="# Uitkomst\n\n{{ uitkomsten: test }}\n\n{{ keuzekaart: kaart }}\n"
    )
    # The mini card answers one of the six standard questions; the other five are warnings (tested below).
    assert [f for f in findings if f.rule != "outcomes.missing-question"] == []


@pytest.mark.parametrize(
    ("old", "new", "rule", "line"),
    [
        ("    source: s\n", "", "outcomes.missing-source", 13),
        ("    source: s\n", "    source: elders\n", "outcomes.missing-source", 17),
        ("    retrieved: 2026-11-22\n", "", "outcomes.missing-source", 7),
        ("population: Volwassenen met rugpijn\n", "", "outcomes.missing-population", 12),
        ("    time_frame: na 1 jaar\n", "", "outcomes.missing-time-frame", 13),
        ("      b: {per_100: 30}", "      b: {events: 3, total: 10}", "outcomes.denominator", 20),
        ("      b: {per_100: 30}", "      b: {per_100: 30.5}", "outcomes.denominator", 20),
        ("per_100: 39, events: 55", "per_100: 40, events: 55", "outcomes.count-mismatch", 19),
        (
            "      b: {per_100: 30}",
            "      b: {per_100: 30, time_frame: na 2 jaar}",
            "outcomes.time-frame-mismatch",
            13,
        ),
        ("      b: {per_100: 30}", "      b: {per_100: 130}", "outcomes.out-of-range", 20),
        ("      b: {per_100: 30}", "      b: {per_100: -1}", "outcomes.out-of-range", 20),
        ("      b: {per_100: 30}", "      b: {per_100: 30, range: [20, 101]}", "outcomes.out-of-range", 20),
        ("      b: {per_100: 30}", "      b: {per_100: 30, range: [40, 20]}", "outcomes.out-of-range", 20),
        ("events: 55, total: 142", "events: 155, total: 142", "outcomes.out-of-range", 19),
        ("      b: {per_100: 30}", "      c: {per_100: 30}", "outcomes.unknown-name", 20),
    ],
)
def test_dataset_rules(repo, old, new, rule, line):
    assert old in DATASET
    findings = check(repo, dataset=DATASET.replace(old, new))
    hits = [f for f in findings if f.rule == rule]
    assert hits, findings
    assert hits[0].path == "content/_data/outcomes/test.yml"
    assert hits[0].line == line
    assert hits[0].message and hits[0].suggestion


def test_denominator_finding_suggests_the_number_of_100(repo):
    findings = check(
        repo, dataset=DATASET.replace("      b: {per_100: 30}", "      b: {events: 62, total: 142}")
    )
    assert "per_100: 44" in next(f for f in findings if f.rule == "outcomes.denominator").message


def test_relative_risk_without_absolute_numbers_is_an_error(repo):
    relative = "    relative: {measure: hazard ratio, value: 1.97}\n"
    only_one = DATASET.replace("      b: {per_100: 30}\n", "").replace(
        "    values:\n", relative + "    values:\n"
    )
    assert rules(check(repo, dataset=only_one)) == ["outcomes.relative-only"]


def test_relative_risk_next_to_absolute_numbers_is_allowed(repo):
    relative = "    relative: {measure: hazard ratio, value: 1.97}\n"
    both = DATASET.replace("    values:\n", relative + "    values:\n")
    assert rules(check(repo, dataset=both)) == []


def test_words_outcome_needs_its_reason(repo):
    values = DATASET[DATASET.index("    values:") :]
    words = DATASET.replace(values, "").replace(
        "    says: waren hersteld\n", "    kind: words\n    text: Het helpt een beetje.\n"
    )
    findings = check(repo, dataset=words)
    assert rules(findings, "schema.") == ["schema.required"]
    assert "why_no_numbers" in findings[0].message
    assert rules(findings) == []  # an invalid file is not judged further; the schema finding says why


def test_words_outcome_may_not_carry_a_relative_number(repo):
    values = DATASET[DATASET.index("    values:") :]
    words = DATASET.replace(values, "    relative: {measure: hazard ratio, value: 1.5}\n").replace(
        "    says: waren hersteld\n",
        "    kind: words\n    text: Het helpt.\n    why_no_numbers: Score.\n",
    )
    assert rules(check(repo, dataset=words)) == ["outcomes.relative-only"]


def test_a_dataset_with_a_schema_error_is_reported_with_its_line(repo):
    findings = check(
        repo,
        dataset=DATASET.replace("    says: waren hersteld\n", "    says: waren hersteld\n    kleur: blauw\n"),
    )
    unknown = [f for f in findings if f.rule == "schema.unknown-key"]
    assert unknown and unknown[0].line == 16 and unknown[0].path.endswith("outcomes/test.yml")


def test_broken_yaml_in_a_dataset_is_a_finding_not_a_crash(repo):
    findings = check(repo, dataset="title: [kapot\n")
    assert rules(findings, "schema.") == ["schema.yaml-syntax"]


# --- keuzekaarten -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "rule", "line"),
    [
        ("      behandeling: Na 1 jaar 39 van de 100.\n", "", "outcomes.missing-answer", 8),
        (
            "      behandeling: Na 1 jaar 39 van de 100.\n",
            "      behandeling: ''\n",
            "outcomes.missing-answer",
            11,
        ),
        (
            "      behandeling: Na 1 jaar 39 van de 100.",
            "      behandeling: Na 1 jaar 41 van de 100.",
            "outcomes.unsourced-number",
            11,
        ),
        (
            "for_whom: Volwassenen met rugpijn",
            "for_whom: Mensen van 18 tot 65 jaar",
            "outcomes.unsourced-number",
            2,
        ),
        ("self_care: true", "self_care: false", "outcomes.no-self-care-option", 4),
        ("datasets: [test]", "datasets: [test, onbekend]", "outcomes.unknown-reference", 3),
        ("      zelf: Na 1 jaar", "      zelfs: Na 1 jaar", "outcomes.unknown-name", 10),
        ("    retrieved: 2026-11-22\n", "", "outcomes.missing-source", 13),
    ],
)
def test_keuzekaart_rules(repo, old, new, rule, line):
    assert old in CARD
    findings = check(repo, card=CARD.replace(old, new))
    hits = [f for f in findings if f.rule == rule]
    assert hits, findings
    assert hits[0].path == "content/_data/keuzekaarten/kaart.yml"
    assert hits[0].line == line


def test_every_missing_standard_question_is_a_warning(repo):
    findings = check(repo, card=CARD)  # the mini repo uses the default six questions; the card has one
    missing = [f for f in findings if f.rule == "outcomes.missing-question"]
    assert len(missing) == 5
    assert all(f.severity.value == "warning" for f in missing)
    assert "Wat houdt het in?" in missing[0].message


def test_the_standard_questions_are_configurable(repo):
    section = "  - patienthub:\n      outcomes:\n        questions: ['Hoeveel mensen knappen op?']\n"
    config = (repo.root / "mkdocs.yml").read_text().replace("  - patienthub\n", section)
    repo.write("mkdocs.yml", config)
    assert "outcomes.missing-question" not in rules(check(repo, card=CARD))


def test_numbers_in_cells_may_come_from_any_part_of_the_dataset(repo):
    dataset = DATASET.replace("time_frame: na 1 jaar", "time_frame: na 12 weken")
    card = CARD.replace("Na 1 jaar 30", "Na 12 weken 30").replace("Na 1 jaar 39", "Na 12 weken 39 (uit 2020)")
    assert "outcomes.unsourced-number" not in rules(check(repo, dataset=dataset, card=card))


# --- pages --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("# T\n\n{{ uitkomsten: bestaat-niet }}\n", 16),
        ("# T\n\n{{ uitkomst: test/bestaat-niet }}\n", 16),
        ("# T\n\n{{ uitkomst: test }}\n", 16),
        ("# T\n\n{{ keuzekaart: bestaat-niet }}\n", 16),
        ("# T\n\nTekst.\n{{ uitkomstje: test }}\n", 17),
        ("# T\n\n{{ keuzekaart }}\n", 16),
    ],
)
def test_unknown_references_are_errors_at_their_line(repo, body, line):
    findings = check(repo, body=body)
    hits = [f for f in findings if f.rule == "outcomes.unknown-reference"]
    assert len(hits) == 1 and hits[0].line == line and hits[0].path == "content/uitkomst.md"


def test_a_reference_inside_a_code_block_is_left_alone(repo):
    assert rules(check(repo, body="# T\n\n```\n{{ uitkomsten: bestaat-niet }}\n```\n")) == []


def test_an_indented_reference_is_an_error(repo):
    findings = check(repo, body="# T\n\n- punt\n\n    {{ uitkomsten: test }}\n")
    assert "outcomes.reference-indented" in rules(findings)


def test_mixing_percent_and_van_de_100_is_a_warning_at_the_second_style(repo):
    body = "# T\n\nBij 40 van de 100 mensen gaat het over.\n\nBij anderen is dat 25%.\n"
    findings = [f for f in check(repo, body=body) if f.rule == "outcomes.mixed-formats"]
    assert len(findings) == 1
    assert findings[0].severity.value == "warning" and findings[0].line == 18


def test_rendered_outcomes_count_as_van_de_100(repo):
    body = "# T\n\n1 op de 3 mensen heeft er last van.\n\n{{ uitkomsten: test }}\n"
    assert rules(check(repo, body=body)) == ["outcomes.mixed-formats"]


def test_one_style_is_fine(repo):
    body = "# T\n\nBij 40 van de 100 mensen gaat het over. Bij 3 van de 4 ook.\n\n{{ uitkomsten: test }}\n"
    assert rules(check(repo, body=body)) == []


def test_an_outcomes_page_without_data_is_a_warning(repo):
    assert rules(check(repo, body="# T\n\nTekst.\n", meta=OUTCOME_META)) == ["outcomes.no-data"]
    assert rules(check(repo, body="# T\n\n{{ uitkomsten: test }}\n", meta=OUTCOME_META)) == []


# --- helpers ------------------------------------------------------------------------------------------------


def test_numbers_are_read_the_dutch_way():
    found = [n for _, n in numbers_in("2.470 mensen, 1,97 en 18–65 jaar; 100")]
    assert found == [Decimal(2470), Decimal("1.97"), Decimal(18), Decimal(65), Decimal(100)]


def test_styles():
    assert [s for s, _ in styles_in("1 op de 3, 40 van de 100 en 25 procent")] == [
        "1 op x",
        "%",
        "X van de 100",
    ]
    assert [s for s, _ in styles_in("één op 5")] == ["1 op x"]


def test_every_rule_has_a_dutch_summary():
    assert all(rule.summary and rule.id.startswith("outcomes.") for rule in outcomes.RULES)
    assert len({rule.id for rule in outcomes.RULES}) == len(outcomes.RULES)
