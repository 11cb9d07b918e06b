"""Property tests (hypothesis): arbitrary text never makes a parser raise, every line number points into the file,
and scanning is stable. A few thousand examples per run; text is biased towards Markdown and YAML syntax, where
the edge cases are."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import GOOD_META, MKDOCS_YML, ORGANISATIONS, REPO_ROOT, MiniRepo, mkdocs_build, page_text

from patienthub.domain import markup
from patienthub.engine import runner as engine
from patienthub.load import loader
from patienthub.load.config import load_project
from patienthub.text import dutch, frontmatter, markdown

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


# --- "check passes => build passes" -------------------------------------------------------------------------
# Whole mini sites: pages and data files with the crash values of issue 16 mixed into valid content. Each example
# is a real `mkdocs build --strict` (seconds), so there are few, derandomized for a stable CI.


def mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Valid values ten times as often as crash values, so that about a third of the sites pass `check` and
    get built, and the others carry a crash value."""
    return st.sampled_from(good * 10 + bad)


TITLES = st.one_of(
    mostly(
        ["Lage rugpijn", "Rug en been", "Ω & <b>", "Rug: 'wat nu?'"],
        ["Pijn \x1b[31m rood", "Titel\x00", "R\x85"],
    ),
    # Any other text, without the control characters and surrogates listed above (they are always an error).
    st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), max_size=20).filter(lambda t: t.strip()),
).map(json.dumps)  # a JSON string is a YAML double-quoted string, control characters as \u escapes
DATES = mostly(
    ["2026-03-12", "2025-12-01", '"2026-01-31"'],
    ["9999-12-31", "1999-12-31", '"2100-12-31"', "2101-01-01", "2026-02-30"],
)
EXTRA_KEYS = st.lists(
    mostly(
        [
            "next_review: 2027-01-01",
            "aliases: [oud-adres/]",
            "codes: {icpc: [L03]}",
            "change_note: Nieuw.",
            "short_link: kort",
            "reviewed_by: [kngf]",
        ],
        [
            "next_review: 9999-01-01",
            "template: base.html",
            "robots: noindex",
            "hide: [toc]",
            "search: {exclude: true}",
            "kleur: blauw",
            "review_interval_months: 100000",
            "aliases: ['./']",
            "aliases: ['404.html']",
            "aliases: ['x//']",
            "aliases: ['..%2fx/']",
            'aliases: ["a\\0b/"]',
            "codes: {icpc: [L０３]}",
            'change_note: "Nieuw\\e"',
        ],
    ),
    max_size=3,
    unique_by=lambda line: line.split(":")[0],
)
BODY_PARTS = st.lists(
    mostly(
        [
            "Veel mensen hebben pijn onder in de rug.",
            "Blijf zo veel mogelijk bewegen.",
            "## Wat kunt u doen?",
            "- Wandel elke dag.\n    - Begin rustig.",
            "> Let op: bel bij koorts.",
            "[Terug](#top)",
            "[Woord [met] haken](index.md#top)",
            "`code` en ``meer``",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "<div markdown>\nTekst in een blok.\n</div>",
            "[[kernboodschap: blijf-bewegen]]",
            "Ik heb rugpijn.",
            "!!! note\n    Een notitie.",
            "{{ uitkomsten: test }}",
        ],
        [
            "[" * 2000,
            "[a](" * 50,
            "<a " * 50,
            "`" * 40 + "a",
            "> " * 30 + "diep",
            "".join("    " * i + "- x\n" for i in range(25)),
            "<div markdown>\n" * 25 + "x\n" + "</div>\n" * 25,
            "Tekst met \x1b stuurteken.",
            "Tekst met \x7f.",
        ],
    ),
    max_size=6,
).map(lambda parts: "# Kop\n\n" + "\n\n".join(parts) + "\n")
FILE_NAMES = mostly(
    ["pagina.md", "map/pagina.md", "rug-pijn.md"],
    ["Rug Pijn.md", "a#b.md", "a\tb.md", "vraag?.md", "100%.md"],
)
PER_100 = mostly(["39"], [".nan", ".inf", "-.inf", "1e308", "-5", "150"])
DATA_TEXTS = mostly(
    ["Blijf zo veel mogelijk bewegen.", "Pijn onder in de rug.", '"Rug & been: <b>vet</b>"'],
    ['"Blijf\\e bewegen."', '"Pijn\\0 in de rug."', '"Tekst\\u009b"'],
)
ORGANISATION_NAMES = mostly(["Nederlands Huisartsen Genootschap"], ['"NHG\\e"', '"NHG\\u0085"'])


def _page(title: str, date: str, extra: list[str], body: str) -> str:
    meta = GOOD_META.replace("title: Lage rugpijn", f"title: {title}").replace("2026-03-12", date)
    return page_text(meta + "".join(f"{line}\n" for line in extra), body)


SITES = st.fixed_dictionaries(
    {
        "pages": st.lists(st.tuples(FILE_NAMES, TITLES, DATES, EXTRA_KEYS, BODY_PARTS), max_size=3),
        "per_100": st.none() | PER_100,
        "organisation": ORGANISATION_NAMES,
        "key_message": st.none() | DATA_TEXTS,
        "explanation": st.none() | DATA_TEXTS,
    }
)
DATASET = """\
title: Test
population: Volwassenen met rugpijn
groups: {{a: Groep A, b: Groep B}}
sources:
  s: {{title: Bron, year: 2020, url: "https://example.org/bron", retrieved: 2026-11-22}}
outcomes:
  herstel:
    measure: Hersteld
    says: waren hersteld
    time_frame: na 1 jaar
    source: s
    values:
      a: {{per_100: {per_100}, events: 55, total: 142}}
      b: {{per_100: 30}}
"""


def _write_site(root, site) -> MiniRepo:
    repo = MiniRepo(root)
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write(
        "content/_data/organisations.yml",
        ORGANISATIONS.replace("name: Nederlands Huisartsen Genootschap", f"name: {site['organisation']}"),
    )
    repo.page("index.md")
    if site["key_message"] is not None:
        repo.write(
            "content/_data/kernboodschappen.yml",
            f"blijf-bewegen:\n  text: {site['key_message']}\n  source: NHG-Standaard Aspecifieke lagerugpijn\n",
        )
    if site["explanation"] is not None:
        repo.write(
            "content/_data/terms.yml",
            f"terms:\n  rugpijn:\n    preferred: rugpijn\n    explanation: {site['explanation']}\n",
        )
    if site["per_100"] is not None:
        repo.write("content/_data/outcomes/test.yml", DATASET.format(per_100=site["per_100"]))
    for index, (name, title, date, extra, body) in enumerate(site["pages"]):
        stem, _, suffix = name.rpartition(".")
        repo.write(f"content/{stem}-{index}.{suffix}", _page(title, date, extra, body))
    return repo


def _published_files_parse(site_dir) -> None:
    for name in ("feed.xml", "sitemap.xml"):
        if (site_dir / name).exists() or name == "sitemap.xml":
            ElementTree.parse(site_dir / name)
    for path in site_dir.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.long
@pytest.mark.slow
@settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(SITES)
def test_check_passes_exactly_when_the_strict_build_passes(site):
    """check exit 0 => `mkdocs build --strict` exit 0 and feed.xml, sitemap.xml and every JSON file parse; check
    exit 1 => the strict build fails on the findings. Never a traceback."""
    with tempfile.TemporaryDirectory() as folder:
        repo = _write_site(Path(folder) / "repo", site)
        result = engine.run(loader.load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22)))
        build = mkdocs_build(repo.root)
        output = build.stdout + build.stderr
        assert "Traceback" not in output, output[-3000:]
        problems = [f"{f.path}:{f.line} {f.rule}" for f in result.findings if f.severity.value == "error"]
        if result.exit_code == 0:
            assert build.code == 0, output[-3000:]
            _published_files_parse(repo.root / "site")
        else:
            assert build.code == 1, problems
