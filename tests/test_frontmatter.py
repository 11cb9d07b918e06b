import datetime as dt
from pathlib import Path

import pytest
import yaml

from patienthub.text import frontmatter


def rules(fm):
    return [p.rule for p in fm.problems]


def test_parses_values_with_their_lines():
    fm = frontmatter.parse(
        "---\ntitle: Rug\nlast_reviewed: 2026-03-12\nsources:\n  - title: NHG\n---\nTekst\n"
    )
    assert fm.data == {"title": "Rug", "last_reviewed": dt.date(2026, 3, 12), "sources": [{"title": "NHG"}]}
    assert fm.line_of("title") == 2
    assert fm.line_of("last_reviewed") == 3
    assert fm.line_of("sources", 0, "title") == 5
    assert fm.body == "Tekst\n"
    assert fm.body_start_line == 7
    assert fm.problems == ()


def test_missing_front_matter_keeps_the_whole_text_as_body():
    fm = frontmatter.parse("# Titel\n\nTekst\n")
    assert rules(fm) == ["schema.frontmatter-missing"]
    assert fm.body.startswith("# Titel")
    assert fm.body_start_line == 1


def test_unterminated_block_is_reported_on_line_1():
    fm = frontmatter.parse("---\ntitle: Rug\n\nTekst zonder einde\n")
    assert rules(fm) == ["schema.frontmatter-unterminated"]
    assert fm.problems[0].line == 1


def test_empty_block():
    assert rules(frontmatter.parse("---\n---\nTekst\n")) == ["schema.frontmatter-empty"]


@pytest.mark.parametrize(
    ("source", "rule", "line"),
    [
        ("---\ntitle: Rug\nstatus: [concept\n---\n", "schema.yaml-syntax", 3),
        ("---\n- title\n- status\n---\n", "schema.frontmatter-not-mapping", 2),
        ("---\nalleen tekst\n---\n", "schema.frontmatter-not-mapping", 2),
        ("---\ntitle: Rug\ntitle: Been\n---\n", "schema.duplicate-key", 3),
        ("---\ntitle: !!python/object/apply:os.system [echo x]\n---\n", "schema.yaml-tag", 2),
        ("---\na: &x [1]\nb: *x\n---\n", "schema.yaml-alias", 2),
    ],
)
def test_broken_blocks_give_a_problem_with_the_line(source, rule, line):
    fm = frontmatter.parse(source)
    assert rules(fm) == [rule]
    assert fm.problems[0].line == line


def test_duplicate_key_keeps_the_first_value():
    fm = frontmatter.parse("---\ntitle: Rug\ntitle: Been\n---\n")
    assert fm.data["title"] == "Rug"


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    fm = frontmatter.parse(f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\n")
    assert not marker.exists()
    assert fm.data == {"x": None}


def test_billion_laughs_is_refused_without_expanding():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(
            f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]"
        )
    fm = frontmatter.parse("---\n" + "\n".join(lines) + "\n---\n")
    assert rules(fm) == ["schema.yaml-alias"]
    assert fm.data == {}


def test_impossible_date_is_kept_as_text_for_the_schema():
    fm = frontmatter.parse("---\nlast_reviewed: 2026-02-30\n---\n")
    assert fm.data == {"last_reviewed": "2026-02-30"}
    assert fm.problems == ()


def test_parse_yaml_accepts_a_list_when_asked():
    document = frontmatter.parse_yaml("- a\n- b\n", mapping=False)
    assert document.data == ["a", "b"]
    assert document.lines[(1,)] == 2


def test_to_json_compatible_turns_dates_into_text():
    value = {"d": dt.date(2026, 1, 2), "t": dt.datetime(2026, 1, 2, 10, 0), "l": [dt.date(2026, 1, 3)]}
    assert frontmatter.to_json_compatible(value) == {
        "d": "2026-01-02",
        "t": "2026-01-02T10:00:00",
        "l": ["2026-01-03"],
    }


def nested_lists(depth: int) -> str:
    # Block style ("- - - x"): no brackets, so only the nesting limit of the event pass stops it.
    return "---\ntitle: Rug\nsources:\n" + "- " * depth + "x\n---\n"


@pytest.mark.parametrize("depth", [frontmatter.MAX_DEPTH, 100_000])  # lists inside the top mapping
def test_too_deep_nesting_is_reported_not_crashed_on(depth):
    # libyaml's composer recurses in C: a hostile document must be refused before it gets there.
    fm = frontmatter.parse(nested_lists(depth))
    assert rules(fm) == ["schema.yaml-syntax"]
    assert fm.problems[0].line == 4
    assert "te diep genest" in fm.problems[0].message


def test_nesting_up_to_the_limit_is_read():
    fm = frontmatter.parse(nested_lists(frontmatter.MAX_DEPTH - 1))  # the top mapping is a level too
    assert fm.problems == ()


def test_the_fast_parser_gives_the_same_values_and_lines_as_pyyaml(monkeypatch):
    """Every page and data file of this repository reads the same with libyaml as with PyYAML."""
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "content").rglob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "corpus").rglob("*.md"))]
    data = [p.read_text(encoding="utf-8") for p in sorted((root / "content" / "_data").rglob("*.yml"))]
    fast = [frontmatter.parse(text) for text in texts] + [frontmatter.parse_yaml(text) for text in data]
    monkeypatch.setattr(frontmatter, "_FAST_LOADER", yaml.SafeLoader)
    slow = [frontmatter.parse(text) for text in texts] + [frontmatter.parse_yaml(text) for text in data]
    assert len(fast) > 20
    for quick, careful in zip(fast, slow, strict=True):
        assert (quick.data, quick.lines, quick.problems) == (careful.data, careful.lines, careful.problems)
