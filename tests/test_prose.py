"""prose.py: a page body as the sentences a patient reads, each with its file line."""

from __future__ import annotations

import textwrap

from hypothesis import given
from hypothesis import strategies as st

from patienthub.text.prose import extract

PIECES = [
    "# Kop",
    "",
    "Een zin. Nog een",
    "zin die doorloopt.",
    "- Punt",
    "  vervolg.",
    "```",
    "| a | b |",
    "|---|---|",
    "<!-- opmerking",
    "-->",
    '!!! note "Let op"',
    "    Binnen.",
    "[link](https://x.nl) en `code`",
    "<div markdown>",
    "</div>",
    ": definitie",
    "===",
]

BODY = textwrap.dedent(
    """\
    # Werken met rugpijn

    Heeft u pijn? Dan kunt u vaak
    gewoon blijven werken. Lees [meer over
    werk](werk.md) op `Thuisarts` .

    - Sta regelmatig op
    - Loop even

    ```
    Dit is code. Geen zin.
    ```

    <!-- Geen zin. -->
    """
)


def test_sentences_and_their_lines() -> None:
    prose = extract(BODY, first_line=20)
    assert [(s.line, s.words, s.text) for s in prose.sentences] == [
        (20, 3, "Werken met rugpijn"),
        (22, 3, "Heeft u pijn?"),
        (22, 7, "Dan kunt u vaak gewoon blijven werken."),
        (23, 5, "Lees meer over werk op."),
        (26, 3, "Sta regelmatig op"),
        (27, 2, "Loop even"),
    ]
    # the page's counts are those of running prose: the heading is a label
    assert [s.is_label for s in prose.sentences] == [True, False, False, False, False, False]
    assert prose.running == prose.sentences[1:]
    assert prose.words == 20
    assert prose.syllables == sum(s.syllables for s in prose.sentences[1:])


def test_units_are_the_prose_blocks_only() -> None:
    prose = extract(BODY)
    assert [u.kind for u in prose.units] == ["heading", "paragraph", "list_item", "list_item"]
    assert prose.units[1].line_at(prose.units[1].text.index("gewoon")) == 4


def test_a_missing_full_stop_does_not_glue_units_together() -> None:
    prose = extract("# Kop zonder punt\n\n| Vraag | Antwoord |\n|---|---|\n| Een | Twee |\n")
    assert [s.text for s in prose.sentences] == ["Kop zonder punt", "Vraag", "Antwoord", "Een", "Twee"]


def test_page_caches_its_prose(repo) -> None:
    from patienthub.load.config import load_project
    from patienthub.load.loader import load_page

    page = load_page(repo.content / "index.md", load_project(repo.root / "mkdocs.yml"))
    assert page.prose is page.prose
    assert page.prose.sentences[0].line == page.body_start_line + 1


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_any_markdown_gives_sentences_on_existing_lines(pieces: list[str]) -> None:
    body = "\n".join(pieces)
    prose = extract(body, first_line=5)
    last = 5 + body.count("\n")
    assert all(5 <= s.line <= last for s in prose.sentences)


def test_an_address_is_one_word_and_keeps_the_end_of_its_sentence() -> None:
    # issue 21: the URL swallowed the full stop and two sentences merged; inside a sentence it was dropped
    prose = extract(
        "Lees de folder op www.nhg.org. Die is gratis.\n\nKijk op <https://thuisarts.nl/rugpijn> nu.\n"
    )
    assert [(s.text, s.words) for s in prose.sentences] == [
        ("Lees de folder op www.nhg.org.", 5),
        ("Die is gratis.", 3),
        ("Kijk op https://thuisarts.nl/rugpijn nu.", 4),
    ]


def test_headings_table_headers_and_admonition_titles_are_labels_outside_the_score() -> None:
    body = '# Kop\n\nEen zin.\n\n| Vraag | Antwoord |\n|---|---|\n| Een | Twee |\n\n!!! note "Let op"\n    Binnen.\n'
    prose = extract(body)
    labels = [s.text for s in prose.sentences if s.is_label]
    assert labels == ["Kop", "Vraag", "Antwoord", "Let op"]
    assert [s.text for s in prose.running] == ["Een zin.", "Een", "Twee", "Binnen."]
    assert prose.words == 5
