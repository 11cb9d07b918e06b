from patienthub.build.generators.glossary import glossary_markdown, sort_key
from patienthub.domain.termbase import Term, Termbase
from patienthub.text.phrases import Phrase
from patienthub.text.wordforms import phrase_pattern


def term(key, preferred, avoid=(), professional=None, source=None):
    phrases = tuple(Phrase(text, phrase_pattern(text), 1) for text in avoid)
    return Term(
        key, preferred, f"Uitleg van {preferred} <met> & tekens.", phrases, professional, source=source
    )


def test_alphabetical_with_accents_and_capitals_ignored():
    assert sorted(["zenuw", "röntgenfoto", "MRI", "lage rugpijn"], key=sort_key) == [
        "lage rugpijn",
        "MRI",
        "röntgenfoto",
        "zenuw",
    ]


def test_the_page_has_letters_anchors_escaped_explanations_and_other_words():
    termbase = Termbase(
        (
            term("zenuw", "zenuw"),
            term("rontgenfoto", "röntgenfoto"),
            term(
                "hernia",
                "hernia",
                avoid=("HNP", "discushernia"),
                professional="hernia nuclei pulposi (HNP)",
                source="Thuisarts.nl",
            ),
        )
    )
    page = glossary_markdown(termbase)
    assert page.startswith("---\ntitle: Woordenlijst\n")
    assert page.index("## H") < page.index("## R") < page.index("## Z")
    assert '<a href="#h">H</a> <a href="#r">R</a> <a href="#z">Z</a>' in page
    assert '<dt id="hernia">hernia</dt>' in page
    assert "Uitleg van hernia &lt;met&gt; &amp; tekens." in page
    assert "Zorgverleners zeggen: hernia nuclei pulposi (HNP)." in page
    assert "U leest soms ook: discushernia." in page  # HNP is already in the professional term
    assert "Bron: Thuisarts.nl" in page
    assert "nog niet goedgekeurd" in page
