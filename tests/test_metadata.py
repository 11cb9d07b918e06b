import datetime as dt

import pytest
from tests.conftest import GOOD_META

from patienthub.domain import metadata
from patienthub.text import frontmatter, schemas


def validate(meta_text: str):
    fm = frontmatter.parse(f"---\n{meta_text}---\nTekst\n")
    return metadata.validate(fm, "content/x.md")


def test_good_front_matter_gives_typed_meta_and_no_findings():
    meta, findings = validate(GOOD_META)
    assert findings == []
    assert meta.title == "Lage rugpijn"
    assert meta.type == "education"
    assert meta.last_reviewed == dt.date(2026, 3, 12)
    assert meta.sources[0].title == "NHG-Standaard Aspecifieke lagerugpijn"
    assert meta.sources[0].version == "2.1"
    assert meta.sources[0].line == 9
    assert meta.is_concept


def without(key: str) -> str:
    return "".join(line + "\n" for line in GOOD_META.splitlines() if not line.startswith(f"{key}:"))


@pytest.mark.parametrize("key", ["title", "description", "type", "owner", "last_reviewed", "status"])
def test_every_required_key_is_reported_when_missing(key):
    meta, findings = validate(without(key))
    assert [f.rule for f in findings] == ["schema.required"]
    assert f"({key})" in findings[0].message
    assert getattr(meta, key) is None


def test_several_missing_keys_are_each_reported_once():
    _, findings = validate(without("title").replace("owner: nhg\n", ""))
    assert sorted(f.message for f in findings) == [
        "De titel (title) ontbreekt.",
        "De verantwoordelijke organisatie (owner) ontbreekt.",
    ]


@pytest.mark.parametrize(
    ("replacement", "rule", "line"),
    [
        ("last_reviewed: 2026-02-30", "schema.date", 6),
        ("last_reviewed: 12-03-2025", "schema.date", 6),
        ("last_reviewed: 2026-03-12 10:30:00", "schema.date", 6),
        ("type: blog", "schema.enum", 4),
        ("status: klaar", "schema.enum", 7),
        ("title: [a, b]", "schema.type", 2),
        ("owner: NHG", "schema.format", 5),
        ("description: " + "x" * 161, "schema.too-long", 3),
    ],
)
def test_invalid_values_point_at_their_line(replacement, rule, line):
    key = replacement.split(":")[0]
    text = "".join(
        replacement + "\n" if ln.startswith(f"{key}:") else ln + "\n" for ln in GOOD_META.splitlines()
    )
    _, findings = validate(text)
    assert [(f.rule, f.line) for f in findings] == [(rule, line)]


def test_impossible_date_is_not_used_as_a_date():
    meta, _ = validate(GOOD_META.replace("2026-03-12", "2026-02-30"))
    assert meta.last_reviewed is None


def test_unknown_key_is_an_error_at_its_line():
    # Front matter is an allowlist: a key outside the schema is never silently ignored.
    _, findings = validate(GOOD_META + "colour: blue\n")
    assert [(f.rule, f.severity.value, f.line) for f in findings] == [("schema.unknown-key", "error", 12)]


@pytest.mark.parametrize(
    "key",
    [
        "template: base.html",
        "hide: [navigation]",
        "search: {exclude: true}",
        "icon: material/home",
        "subtitle: Extra",
        "robots: noindex",
    ],
)
def test_a_key_that_changes_rendering_is_a_theme_key_error(key):
    _, findings = validate(GOOD_META + key + "\n")
    assert [(f.rule, f.severity.value, f.line) for f in findings] == [("schema.theme-key", "error", 12)]
    assert key.split(":")[0] in findings[0].message


def test_theme_key_and_unknown_key_together_give_both_findings():
    _, findings = validate(GOOD_META + "template: main.html\nkleur: blauw\n")
    assert sorted((f.rule, f.line) for f in findings) == [
        ("schema.theme-key", 12),
        ("schema.unknown-key", 13),
    ]
    unknown = next(f for f in findings if f.rule == "schema.unknown-key")
    assert "'kleur'" in unknown.message and "template" not in unknown.message


def test_theme_keys_are_listed_as_data_and_none_is_a_schema_key():
    assert {"template", "hide", "search", "robots"} <= schemas.theme_keys()
    assert not schemas.theme_keys() & set(metadata.schema()["properties"])


@pytest.mark.parametrize("day", ["9999-12-31", "1999-12-31", "2101-01-01", "0001-01-01"])
def test_a_date_outside_the_sane_years_is_a_date_range_error_and_not_used(day):
    meta, findings = validate(GOOD_META.replace("2026-03-12", day))
    assert [(f.rule, f.line) for f in findings] == [("schema.date-range", 6)]
    assert "2000 en 2100" in findings[0].message
    assert meta.last_reviewed is None


def test_a_quoted_out_of_range_date_and_a_source_date_are_refused_too():
    meta, findings = validate(
        GOOD_META.replace("2026-03-12", '"9999-12-31"').replace("2017-02-02", "3000-01-01")
    )
    assert sorted((f.rule, f.line) for f in findings) == [("schema.date-range", 6), ("schema.date-range", 11)]
    assert meta.last_reviewed is None and meta.sources[0].date is None


def test_an_iso_week_date_is_no_date():
    # Python 3.11's fromisoformat accepts 2026-W01-1; the front matter wants YYYY-MM-DD.
    _, findings = validate(GOOD_META.replace("2026-03-12", '"2026-W01-1"'))
    assert [f.rule for f in findings] == ["schema.date"]


@pytest.mark.parametrize("escape", ["\\e", "\\0", "\\x1b", "\\u0085", "\\x7f", "\\ud800"])
def test_a_control_character_in_a_value_is_reported_and_removed(escape):
    text = GOOD_META.replace("title: Lage rugpijn", f'title: "Lage{escape} rugpijn"')
    fm = frontmatter.parse(f"---\n{text}---\nTekst\n")
    assert [(p.rule, p.line) for p in fm.problems] == [("schema.control-character", 2)]
    meta, findings = metadata.validate(fm, "content/x.md")
    assert findings == [] and meta.title == "Lage rugpijn"


def test_nan_and_infinity_are_no_numbers():
    fm = frontmatter.parse("---\na: .nan\nb: -.inf\nc: 1.5\n---\n")
    assert fm.data == {"a": ".nan", "b": "-.inf", "c": 1.5}


def test_misspelt_key_suggests_the_key_it_resembles():
    _, findings = validate(GOOD_META.replace("last_reviewed:", "last_reviewd:"))
    unknown = next(f for f in findings if f.rule == "schema.unknown-key")
    assert unknown.line == 6
    assert unknown.suggestion.startswith("Bedoelt u 'last_reviewed'?")


def test_empty_sources_list():
    text = GOOD_META.split("sources:")[0] + "sources: []\n"
    _, findings = validate(text)
    assert [f.rule for f in findings] == ["schema.empty"]


def test_source_without_title():
    text = GOOD_META.split("sources:")[0] + "sources:\n  - url: https://example.org\n"
    _, findings = validate(text)
    assert [(f.rule, f.line) for f in findings] == [("schema.required", 9)]


def test_codes_and_reviewers_are_typed():
    meta, findings = validate(GOOD_META + "reviewed_by: [nhg]\ncodes:\n  icpc: [L03]\n  icd10: [M54.5]\n")
    assert findings == []
    assert meta.reviewed_by == ("nhg",)
    assert meta.codes == {"icpc": ("L03",), "icd10": ("M54.5",)}


def test_schema_is_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(metadata.schema())
