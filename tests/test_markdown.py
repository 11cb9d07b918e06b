"""markdown.py: the block scanner and plain(), which every prose check builds on."""

from __future__ import annotations

import textwrap

from patienthub.text.markdown import blocks, mask, plain

BODY = """# Titel

Eerste zin.
Tweede regel met [een link](https://x.nl) en **vet**.

- item een
  loopt door
- item twee

    vervolg van item twee

| Vraag | Antwoord |
|---|---|
| Wat? | Dit. |

!!! warning "Let op"
    Bel de huisarts.

```python
code = 1
```
<!-- patienthub: disable x reason="y" -->
> Een citaat.

    echte code na een alinea
"""


def kinds(body=BODY, first=10):
    return [(b.kind, b.lines) for b in blocks(body, first)]


def test_blocks_and_their_lines():
    assert kinds() == [
        ("heading", (10,)),
        ("paragraph", (12, 13)),
        ("list_item", (15, 16)),
        ("list_item", (17,)),
        ("paragraph", (19,)),
        ("table_cell", (21,)),
        ("table_cell", (21,)),
        ("table_cell", (23,)),
        ("table_cell", (23,)),
        ("admonition_title", (25,)),
        ("paragraph", (26,)),
        ("code", (28, 29, 30)),
        ("comment", (31,)),
        ("blockquote", (32,)),
        ("code", (34, 35)),
    ]


def test_line_at_maps_offsets_to_source_lines():
    block = blocks(BODY, 10)[1]
    assert block.line_at(0) == 12
    assert block.line_at(block.text.index("Tweede")) == 13


def test_plain_keeps_readable_text_and_line_breaks():
    assert plain("Lees [meer](https://x.nl) **hier**.\nZie `code` en https://y.nl of <b>dit</b>.") == (
        "Lees meer hier.\nZie  en  of dit."
    )
    assert plain("![foto](a.png) Tekst{ .groot }[^1]") == " Tekst"


def test_unclosed_fence_and_comment_run_to_the_end():
    assert [b.kind for b in blocks("Tekst\n\n```\ncode zonder einde\n")] == ["paragraph", "code"]
    assert [b.kind for b in blocks("<!-- open\nnog steeds\n")] == ["comment"]


def scan(text: str, first_line: int = 1) -> list[tuple[str, str, tuple[int, ...]]]:
    return [(b.kind, b.text, b.lines) for b in blocks(textwrap.dedent(text).strip("\n"), first_line)]


def test_prose_units_keep_their_file_lines() -> None:
    found = scan(
        """
        # Kop

        Eerste regel
        tweede regel.

        - Punt een
        - Punt twee

        | Vraag | Antwoord |
        |---|---|
        | Mag ik? | Ja. |
        """,
        first_line=10,
    )
    assert found == [
        ("heading", "Kop", (10,)),
        ("paragraph", "Eerste regel\ntweede regel.", (12, 13)),
        ("list_item", "Punt een", (15,)),
        ("list_item", "Punt twee", (16,)),
        ("table_cell", "Vraag", (18,)),
        ("table_cell", "Antwoord", (18,)),
        ("table_cell", "Mag ik?", (20,)),
        ("table_cell", "Ja.", (20,)),
    ]


def test_code_comments_and_html_blocks_are_not_prose() -> None:
    found = scan(
        """
        ```
        code = 1
        ```

        <!-- patienthub: disable readability reason="x" -->

        <div class="x">
        <p>Niet</p>
        </div>
        """
    )
    assert [kind for kind, _, _ in found] == ["code", "comment", "html"]


def test_admonition_title_and_body() -> None:
    found = scan(
        """
        !!! tip "Ook de bedrijfsarts kan helpen"

            Vraag om een gesprek.
        """
    )
    assert found == [
        ("admonition_title", "Ook de bedrijfsarts kan helpen", (1,)),
        ("paragraph", "Vraag om een gesprek.", (3,)),
    ]


def test_setext_headings() -> None:
    found = scan(
        """
        Grote kop
        =========

        Kleine kop
        ----------
        """
    )
    assert found == [("heading", "Grote kop", (1,)), ("heading", "Kleine kop", (4,))]


def test_definition_list_term_and_definition_are_separate_units() -> None:
    found = scan(
        """
        Hernia
        :   Een uitstulping van een tussenwervelschijf.
        """
    )
    assert found == [
        ("paragraph", "Hernia", (1,)),
        ("definition", "Een uitstulping van een tussenwervelschijf.", (2,)),
    ]


def test_footnote_text_is_prose_but_link_definitions_are_not() -> None:
    found = scan(
        """
        [^1]: Bron: de richtlijn van het NHG.
        [nhg]: https://www.nhg.org
        """
    )
    assert found == [("paragraph", "Bron: de richtlijn van het NHG.", (1,))]


def test_a_paragraph_that_starts_with_inline_html_is_prose() -> None:
    found = scan("<strong>Let op:</strong> bel meteen.")
    assert found == [("paragraph", "<strong>Let op:</strong> bel meteen.", (1,))]


def test_markdown_inside_html_is_scanned() -> None:
    found = scan(
        """
        <div class="grid cards" markdown>

        - Pijn onder in de rug

        </div>
        """
    )
    assert [(kind, text) for kind, text, _ in found] == [
        ("html", '<div class="grid cards" markdown>'),
        ("list_item", "Pijn onder in de rug"),
        ("html", "</div>"),
    ]


def test_plain_drops_markup_and_keeps_what_a_patient_reads() -> None:
    text = (
        "Lees **meer** over [bewegen](bewegen.md){ .knop } op https://www.thuisarts.nl of `code`"
        "<!-- x --> hier<br>daar<sup>1</sup> &amp; ![foto](a.png) klaar[^1]."
    )
    assert plain(text) == "Lees meer over bewegen op  of  hier daar &  klaar."


def test_plain_keeps_every_line_break_of_what_it_removes() -> None:
    text = (
        "Lees [meer over\nbewegen](a.md) en `code\nhier` of <!-- een\nopmerking --> "
        "<span\nclass='x'>nu</span>.\nKlaar."
    )
    result = plain(text)
    assert result.count("\n") == text.count("\n")
    assert result.split("\n")[-1] == "Klaar."


def test_blocks_of_the_same_body_are_a_fresh_list_each_time():
    body = "# Kop\n\nEen zin.\n"
    first = blocks(body, 5)
    first.clear()  # checks share one scan (cached); changing a result must not change the next one
    assert [b.kind for b in blocks(body, 5)] == ["heading", "paragraph"]


def test_a_bare_address_leaves_the_full_stop_to_the_sentence() -> None:
    # issue 21: "www.nhg.org." swallowed the full stop, so two sentences merged
    assert plain("Lees www.nhg.org. Die is gratis.") == "Lees . Die is gratis."
    assert mask("Zie www.nhg.org.") == "Zie            ."


def test_plain_keeps_addresses_the_reader_sees_when_asked() -> None:
    text = "Zie www.nhg.org, <https://thuisarts.nl/rugpijn> of <mailto:info@nhg.org>. [Folder](https://x.nl)."
    assert (
        plain(text, keep_urls=True)
        == "Zie www.nhg.org, https://thuisarts.nl/rugpijn of info@nhg.org. Folder."
    )
    assert plain(text) == "Zie ,  of . Folder."


def test_table_header_cells_are_marked() -> None:
    found = [(b.text, b.level) for b in blocks("| Vraag | Antwoord |\n|---|---|\n| Een | Twee |\n")]
    assert found == [("Vraag", 1), ("Antwoord", 1), ("Een", 0), ("Twee", 0)]
