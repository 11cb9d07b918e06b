from patienthub.text.textmask import mask_prose, mask_quotes, prose_texts


def test_quotes_are_blanked_but_apostrophes_are_not():
    text = "Dit heet 'lumbago' of “spit” of \"ischias\" of „HNP”. Auto's en zo'n 's avonds."
    masked = mask_quotes(text)
    for word in ("lumbago", "spit", "ischias", "HNP"):
        assert word not in masked
    assert "Auto's en zo'n 's avonds." in masked
    assert len(masked) == len(text)


def test_code_urls_link_targets_and_html_are_blanked_link_text_is_kept():
    text = "Zie `lumbago` en [lumbago](lumbago.md) op https://x.nl/lumbago <b title='lumbago'>tekst</b>."
    masked = mask_prose(text)
    assert masked.count("lumbago") == 1 and "[" not in masked and len(masked) == len(text)
    assert mask_prose(text, link_text=False).count("lumbago") == 0


def test_blockquotes_and_code_blocks_are_not_prose():
    body = "Eerst lumbago.\n\n> Een citaat met lumbago.\n\n```\nlumbago\n```\n"
    assert [p.text for p in prose_texts(body)] == ["Eerst lumbago."]


def test_positions_point_at_the_source_line_and_column():
    body = (
        "# Titel\n\n- Een lijst met\n  lumbago erin.\n\n| a | lumbago |\n|---|---|\n\n"
        "!!! note\n    Ook lumbago.\n"
    )
    found = {}
    for prose in prose_texts(body, first_line=5):
        index = prose.text.find("lumbago")
        if index >= 0:
            found[prose.block.kind] = prose.position(index)
    lines = body.split("\n")
    for line, column in found.values():
        assert lines[line - 5][column - 1 :].startswith("lumbago")
    assert set(found) == {"list_item", "table_cell", "paragraph"}


def test_emphasis_and_escapes_keep_their_words_in_place():
    text = r"Een **hernia** en _HNP_ en \*ster\*."
    masked = mask_prose(text)
    assert len(masked) == len(text)
    assert masked.index("hernia") == text.index("hernia") and masked.index("HNP") == text.index("HNP")
    assert "*" not in masked.replace("*ster*", "")


def test_key_message_and_outcome_references_are_not_prose():
    text = "Zie [[kernboodschap: lumbago]] en {{ uitkomst: lumbago/x }} over lumbago."
    masked = mask_prose(text)
    assert masked.count("lumbago") == 1 and masked.endswith("over lumbago.") and len(masked) == len(text)


def test_cells_of_one_row_are_found_in_order():
    body = "| `HNP` | HNP |\n|---|---|\n| de HNP | HNP |\n"
    lines = body.split("\n")
    cells = [(p.block.text, p.position(p.text.index("HNP"))) for p in prose_texts(body) if "HNP" in p.text]
    assert [(text, lines[line - 1][column - 1 :]) for text, (line, column) in cells] == [
        ("HNP", "HNP |"),
        ("de HNP", "HNP | HNP |"),
        ("HNP", "HNP |"),
    ]
