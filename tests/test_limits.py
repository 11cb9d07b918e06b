"""The limits that make "check passes => build passes" true (limits.py, data/limits.yml)."""

import time

import pytest
from tests.conftest import REPO_ROOT, mkdocs_build, page_text

from patienthub.core import limits
from patienthub.text import frontmatter


def rules(text: str) -> list[tuple[str, int]]:
    return [(e.rule, e.line) for e in limits.excesses(text)]


def test_limits_are_data_and_positive():
    lim = limits.limits()
    assert lim.max_page_bytes == 1_048_576
    assert (lim.earliest_year, lim.latest_year) == (2000, 2100)
    assert all(value > 0 for value in vars(lim).values())


@pytest.mark.parametrize(
    "text",
    [
        "- een\n    - twee\n        - drie\n",
        "> citaat\n>\n> - lijst in een citaat\n",
        '<div markdown>\n<div markdown="1">\n!!! note\n    tekst\n</div>\n</div>\n',
        "[link](rug.md) en [nog een](#kop) en ![plaatje](a.png) en [a [b] c](x.md)\n",
        "Tekst met `code` en ``dubbel `` en een blok:\n\n```\n[[[[[[[[[[[[[[[ in code\n```\n",
        "\\[" * 50 + "\n",  # escaped brackets are text
        "a < b en c > d, <b>vet</b>\n",
    ],
)
def test_ordinary_markdown_is_within_every_limit(text):
    assert rules(text) == []


def test_the_projects_own_pages_have_headroom():
    """Real content stays far below every limit: at most half of each."""
    lim = limits.limits()
    half = {name: value // 2 for name, value in vars(lim).items()}
    for path in sorted((REPO_ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert len(text.encode()) < half["max_page_bytes"]
        body = frontmatter.parse(text).body
        assert max((limits._depth(line) for line in body.split("\n")), default=0) <= half["max_nesting"], path
        assert "`" * (half["max_backtick_run"] + 1) not in body, path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("".join("    " * i + "- x\n" for i in range(25)), [("schema.nesting", 21)]),
        ("> " * 21 + "x\n", [("schema.nesting", 1)]),
        ("- " * 21 + "x\n", [("schema.nesting", 1)]),
        ("<div markdown>\n" * 21 + "x\n" + "</div>\n" * 21, [("schema.nesting", 21)]),
        ("intro\n\n" + "[" * 11 + "x" + "]" * 11 + "\n", [("schema.nesting", 3)]),
        ("[a " * 11 + "\n", [("schema.nesting", 1), ("schema.unclosed", 1)]),  # open ones nest too
        ("tekst\n" + "[a](b " * 11 + "\n", [("schema.unclosed", 2)]),
        ("<a " * 11 + "\n", [("schema.unclosed", 1)]),
        ("x\n" + "`" * 21 + "\n", [("schema.backtick-run", 2)]),
    ],
)
def test_each_limit_has_its_finding_at_its_line(text, expected):
    assert rules(text) == expected


def test_ten_unclosed_brackets_per_block_are_allowed_and_blocks_count_apart():
    assert rules("[a " * 10 + "\n") == []
    assert rules(("[a " * 10 + "\n\n") * 50) == []


def test_the_line_is_counted_from_the_first_body_line():
    assert [(e.rule, e.line) for e in limits.excesses("ok\n" + "<a " * 11, first_line=20)] == [
        ("schema.unclosed", 21)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 200_000,
        "<a " * 100_000,
        "<div markdown " * 50_000,
        "[a](" * 100_000,
        "> " * 200_000,
        " " * 200_000 + "- x",
        ("`" * 30 + "a") * 20_000,
    ],
)
def test_every_scan_is_linear(text):
    started = time.perf_counter()
    list(limits.excesses(text))
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x0b", "\x7f", "\x85", "\x9f", "\ud800", "\ufffe"])
def test_control_characters_that_xml_or_the_reader_cannot_take(char):
    assert limits.CONTROL.search(f"a{char}b")


@pytest.mark.parametrize("char", ["\t", "\n", "é", "\u200b", "\u202e", "\ufeff", "😀"])
def test_text_characters_are_not_control_characters(char):
    assert not limits.CONTROL.search(f"a{char}b")


@pytest.mark.slow
def test_a_page_over_a_limit_never_reaches_the_site(repo):
    """Even a non-strict build leaves such a page out (as an unreadable one): no renderer ever parses it."""
    repo.write(
        "content/diep.md", page_text(body="# Diep\n\n" + "<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400)
    )
    repo.write("content/haken.md", page_text(body="# Haken\n\n" + "[" * 100_000 + "\n"))
    build = mkdocs_build(repo.root, strict=False)
    assert build.code == 0 and "Traceback" not in build.stderr, build.stderr[-2000:]
    site = repo.root / "site"
    assert (site / "index.html").is_file()
    assert not (site / "diep").exists() and not (site / "haken").exists()
    assert "schema.nesting" in build.stderr and "schema.unclosed" in build.stderr
