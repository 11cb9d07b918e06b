import pytest

from patienthub.wordforms import (
    form_of,
    is_abbreviation,
    match_case,
    phrase_pattern,
    regex_pattern,
    starts_sentence,
    word_forms,
)


def matches(phrase: str, text: str, **kw) -> list[str]:
    return [m.group(0) for m in phrase_pattern(phrase, **kw).finditer(text)]


@pytest.mark.parametrize(
    ("phrase", "text", "found"),
    [
        ("hernia", "Twee hernia's en een Hernia.", ["hernia's", "Hernia"]),
        ("rode vlag", "Let op rode vlaggen en een rode vlag.", ["rode vlaggen", "rode vlag"]),
        ("lumbosacraal radiculair syndroom", "Lumbosacraal radiculaire syndromen", []),
        ("radiculair syndroom", "Twee radiculair syndromen.", ["radiculair syndromen"]),
        (
            "facetgewricht",
            "Een facetgewrichtje, twee facetgewrichten.",
            ["facetgewrichtje", "facetgewrichten"],
        ),
        ("aspecifiek", "Aspecifieke klachten.", ["Aspecifieke"]),
        ("degeneratief", "degeneratieve afwijkingen", ["degeneratieve"]),
        ("lumbaal", "lumbale wervels", ["lumbale"]),
        ("inzakkingsfractuur", "twee inzakkingsfracturen", ["inzakkingsfracturen"]),
        ("paresthesie", "paresthesieën", ["paresthesieën"]),
        ("spinale stenose", "spinale\n  stenose", ["spinale\n  stenose"]),
        (
            "cauda-equinasyndroom",
            "cauda equinasyndroom, caudaequinasyndroom",
            ["cauda equinasyndroom", "caudaequinasyndroom"],
        ),
    ],
)
def test_dutch_forms_match(phrase, text, found):
    assert matches(phrase, text) == found


def test_whole_words_only_unless_compounds_are_allowed():
    assert matches("lumbago", "lumbagoklachten en lumbago-klachten") == []
    assert matches("lumbago", "lumbagoklachten, lumbago-klachten, rug-lumbago", compounds=True) == [
        "lumbagoklachten",
        "lumbago-klachten",
        "rug-lumbago",
    ]
    # A hyphen before a space ends the word: "lumbago- en rugklachten" uses lumbago.
    assert matches("lumbago", "lumbago- en rugklachten") == ["lumbago"]


def test_abbreviations_match_in_capitals_only_and_take_only_apostrophe_s():
    assert matches("HAP", "Bel de HAP. Neem een hap. Wat happen ze.") == ["HAP"]
    assert matches("HNP", "Twee HNP's.") == ["HNP's"]
    assert is_abbreviation("HNP") and not is_abbreviation("CT-scan") and not is_abbreviation("a")


def test_no_inflection_when_asked():
    assert matches("spit", "Ik heb spit. Wij spitten de tuin om.", inflect=False) == ["spit"]


def test_word_forms_cover_what_the_pattern_matches():
    forms = word_forms("wervel")
    assert {"wervel", "wervels", "werveltje"} <= forms
    assert all(phrase_pattern("wervel").fullmatch(form) for form in forms)


def test_regex_is_bounded_and_case_insensitive():
    pattern = regex_pattern(r"ischias(klacht|pijn)\w*")
    assert pattern.search("Ischiasklachten") and not pattern.search("ischiaszenuw")
    with pytest.raises(Exception):  # noqa: B017 - the re.error of the editor's own expression
        regex_pattern("(open")


@pytest.mark.parametrize(
    ("phrase", "found", "form"),
    [
        ("HNP", "HNP", "base"),
        ("HNP", "HNP's", "plural"),
        ("HNP", "HNP’s", "plural"),
        ("HNP", "HNP-operatie", None),  # a compound word: no form of the variant itself
        ("rode vlag", "Rode vlaggen", "plural"),
        ("rode vlag", "rode\n  vlag", "base"),  # across a line break
        ("rode vlag", "rode vlaggetje", None),  # a diminutive
        ("rode vlag", "RODE VLAG", None),  # capitals beyond the first letter: not ours to guess
        ("aspecifiek", "aspecifieke", None),  # an adjective ending
        ("spinale stenose", "Spinale stenosen", "plural"),
        ("cauda-equinasyndroom", "cauda equinasyndroom", None),  # another spelling than the variant
    ],
)
def test_form_of_a_match(phrase, found, form):
    assert form_of(phrase, found) == form


def test_case_follows_the_sentence_for_abbreviations_and_the_word_otherwise():
    assert match_case("hernia", "HNP", "HNP", at_sentence_start=True) == "Hernia"
    assert match_case("hernia", "HNP", "HNP", at_sentence_start=False) == "hernia"
    assert (
        match_case("alarmsignalen", "Rode vlaggen", "rode vlag", at_sentence_start=False) == "Alarmsignalen"
    )
    assert (
        match_case("wervelkanaalstenose", "spinale stenose", "spinale stenose", True) == "wervelkanaalstenose"
    )
    assert match_case("MRI", "kernspintomografie", "kernspintomografie", False) == "MRI"


def test_sentence_starts():
    text = "Een HNP. HNP is vaak! En    HNP"
    assert [starts_sentence(text, i) for i in (4, 9, 27)] == [False, True, False]
    assert starts_sentence("   HNP", 3)
