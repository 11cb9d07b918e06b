from patienthub.markdown import blocks, plain

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
