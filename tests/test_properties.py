"""Property tests (hypothesis): arbitrary text never makes a parser raise, every line number points into the file,
and scanning is stable. A few thousand examples per run; text is biased towards Markdown and YAML syntax, where
the edge cases are."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import MKDOCS_YML, ORGANISATIONS, REPO_ROOT, MiniRepo, page_text

from patienthub import dutch, engine, frontmatter, loader, markdown, markup
from patienthub.config import load_project

FRAGMENTS = [
    "---", "...", "title: Lage rugpijn", "status: [concept", "  - title: NHG", "a: &a [1]", "b: *a",
    "x: !!python/name:os.system", "last_reviewed: 2026-02-30", "\ttab: 1", "# Kop", "## Wat kunt u doen?",
    "```", "~~~", "    ingesprongen", "<div markdown>", "</div>", "<!--", "-->", "| a | b |", "|---|---|",
    '!!! note "Let op"', "- item", "  - dieper", "1. eerste", "> citaat", "[link](ok.md#kop)", "![](x.png)",
    "[x]: javascript:alert(1)", "{: #id onclick=x }", "<script>", '<a href="x', "<![ ", "`code", "**vet",
    "&#106;", "\\<", "é", "\u202e", "\ufeff", "\x00", "",
]  # fmt: skip
MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("#*_`[]()<>!{}:|>-=~^\\\"'&;/. \n\t\raé€1")), max_size=300
)
LINES = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=40).map("\n".join)
TEXT = st.one_of(st.text(max_size=300), MARKDOWNISH, LINES)
MANY = settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def line_count(text: str) -> int:
    return len(text.split("\n"))


@MANY
@given(TEXT)
def test_front_matter_parser_never_raises_and_lines_point_into_the_file(text):
    fm = frontmatter.parse(text)
    n = line_count(text)
    assert all(1 <= problem.line <= n for problem in fm.problems)
    assert all(1 <= line <= n for line in fm.lines.values())
    assert 1 <= fm.body_start_line <= n + 1
    if fm.present and not fm.problems:
        assert "\n".join(text.split("\n")[fm.body_start_line - 1 :]) == fm.body


@MANY
@given(TEXT, st.integers(min_value=1, max_value=500))
def test_block_scanner_lines_are_in_the_body_and_shift_with_it(body, first):
    found = markdown.blocks(body, first)
    last = first + line_count(body) - 1
    for block in found:
        assert block.lines and all(first <= line <= last for line in block.lines)
        assert list(block.lines) == sorted(block.lines)
    shifted = [dataclasses.replace(b, lines=tuple(n - first + 1 for n in b.lines)) for b in found]
    assert shifted == markdown.blocks(body, 1)  # stable: the same blocks wherever the body starts


@MANY
@given(TEXT)
def test_prose_extraction_never_raises_and_mask_keeps_every_offset(text):
    markdown.plain(text)
    masked = markdown.mask(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert len(markdown.mask(text, link_text=False)) == len(text)


@MANY
@given(TEXT, st.integers(min_value=1, max_value=500))
def test_markup_scanner_never_raises_and_lines_point_into_the_body(body, first):
    found = markup.scan(body, first)
    last = first + line_count(body) - 1
    lines = [t.line for t in found.tags] + [r.line for r in found.references]
    lines += list(found.unparsable)
    assert all(first <= line <= last for line in lines)
    assert markup.scan(body, first) == found  # deterministic


DUTCH = st.lists(
    st.sampled_from(
        [
            "Neem",
            "rust",
            "bijv.",
            "o.a.",
            "dr.",
            "ca.",
            "d.w.z.",
            "NHG",
            "3,5",
            "1.",
            "2026.",
            "www.nhg.nl",
            "pijn",
            "U",
            "!",
            "?",
            ".",
            "...",
            ";",
            ":",
            '"',
            "(",
            ")",
            "'s",
            "e-mail",
            "Mr.",
            "nr.",
            "enz.",
            "é",
            "\n",
            "- ",
        ]
    )
    | st.text(max_size=6),
    max_size=40,
).map(" ".join)


@MANY
@given(st.one_of(DUTCH, TEXT))
def test_sentence_splitter_never_raises_and_is_stable(text):
    found = dutch.sentences(text)
    previous_end = 0
    for sentence in found:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert sentence.text == text[sentence.start : sentence.end].strip()
        assert sentence.words
        previous_end = sentence.end
        # Stable: a sentence split again is one sentence with the same words (a word-less "!" may fall off).
        again = dutch.sentences(sentence.text)
        assert [[w.text for w in s.words] for s in again] == [[w.text for w in sentence.words]]


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=300) | TEXT.map(lambda t: t.encode("utf-8")))
def test_decoding_any_bytes_gives_text_or_a_finding_with_a_line(raw):
    text, problem = loader.decode(raw)
    assert (text is None) != (problem is None)
    if problem is not None:
        assert 1 <= problem.line <= raw.count(b"\n") + 1
    else:
        assert "\r" not in text and not text.startswith("\ufeff")


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    repo = MiniRepo(tmp_path_factory.mktemp("properties") / "repo")
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write("content/_data/organisations.yml", ORGANISATIONS)
    repo.write("content/index.md", page_text())
    project = load_project(repo.root / "mkdocs.yml")
    return repo, project, loader.load_site(project, dt.date(2026, 11, 22))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(LINES, MARKDOWNISH).map(lambda body: page_text(body=body)) | TEXT)
def test_every_check_answers_any_page_without_crashing(mini_site, text):
    """The whole pipeline on one arbitrary page: every registered check gives findings, none crashes."""
    repo, project, site = mini_site
    path = repo.write("content/fuzz.md", text)
    page = loader.load_page(path, project)
    result = engine.run(dataclasses.replace(site, pages=(*site.pages, page)), {page.path})
    crashes = [f for f in result.findings if f.rule.endswith(".internal-error")]
    assert crashes == [], crashes
    n = line_count(text.replace("\r\n", "\n").replace("\r", "\n"))  # a lone CR ends a line, as in editors
    assert all(f.line is None or 1 <= f.line <= n + 1 for f in result.findings if f.path == page.path)
