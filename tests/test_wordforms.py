from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patienthub.domain import advice, termbase
from patienthub.text.wordforms import (
    form_of,
    is_abbreviation,
    match_case,
    phrase_pattern,
    regex_pattern,
    required_text,
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


# --- the text a match needs (phrases.find_all skips a pattern whose required text is absent) ------------------

REQUIRED_CASES = [
    "hernia",
    "rode vlag",
    "radiculair syndroom",
    "syndroom",
    "degeneratief",
    "huis",
    "HNP",
    "HNP-operatie",
    "cauda-equinasyndroom",
    "auto's",
    "L5/S1",
    "lumbago met uitstraling",
]


def _variants(phrase: str) -> list[str]:
    """Texts a pattern may match: every form of the last word, in several cases, alone and in compounds."""
    head, _, last = phrase.rpartition(" ")
    found = []
    for form in word_forms(last) | {last}:
        whole = f"{head} {form}".strip()
        for text in (
            whole,
            whole.upper(),
            whole.title(),
            whole.replace(" ", "\n  "),
            whole.replace("-", " "),
        ):
            found += [text, f"Een {text}klacht.", f"De rug{text}pijn", f"({text}),"]
    return found


@pytest.mark.parametrize("phrase", REQUIRED_CASES)
@pytest.mark.parametrize("compounds", [False, True])
def test_every_match_contains_the_required_text(phrase, compounds):
    pattern = phrase_pattern(phrase, compounds=compounds)
    required = required_text(pattern)
    assert required, "a literal phrase always needs some text"
    matched = 0
    for text in _variants(phrase):
        if pattern.search(text):
            matched += 1
            assert required in text.casefold(), (phrase, text)
    assert matched  # the variants do exercise the pattern


@given(st.text(alphabet="aehinrsouvlgdy'’- \nHNPS", max_size=40))
def test_required_text_never_skips_a_match_in_any_text(text):
    for phrase in REQUIRED_CASES:
        pattern = phrase_pattern(phrase, compounds=True)
        if pattern.search(text):
            assert required_text(pattern) in text.casefold()


def test_required_text_holds_for_every_phrase_of_the_projects_termbase_and_advice():
    root = Path(__file__).resolve().parent.parent
    data = root / "content" / "_data"
    terms = termbase.load(data, root, None)
    book = advice.load(data, root, None, None)
    phrases = [p for term in terms.terms for p in term.avoid] + [
        p for rule in book.rules for p in rule.phrases
    ]
    literal = [p for p in phrases if not p.regex]
    assert len(literal) > 20
    for phrase in literal:
        required = required_text(phrase.pattern)
        for text in _variants(phrase.text):
            if phrase.pattern.search(text):
                assert required in text.casefold(), (phrase.text, text)


@pytest.mark.parametrize(
    ("source", "required"),
    [
        (r"(neem|neemt|houd|hou)( \w+){0,2} rust", "rust"),
        ("in (uw |je |het )?bed (blijven|liggen)", "bed"),
        (r"^\s*(laat|vraag)\b[^.!?]{0,50}?\b(mri|foto)", ""),
        ("lumbago|spit", ""),  # an alternative at the top: nothing is required
        ("(?:lumbago)", ""),  # extension syntax (?…) is not read
        ("colou?r", "colo"),
        ("abc+d", "ab"),
        (r"[\]a]bcd", "bcd"),
        (r"ischias(klacht|pijn)\w*", "ischias"),
        ("LUMBAGO", "lumbago"),
    ],
)
def test_required_text_of_an_editors_regex(source, required):
    assert required_text(regex_pattern(source)) == required


def test_every_advice_example_that_is_flagged_contains_the_required_text():
    root = Path(__file__).resolve().parent.parent
    book = advice.load(root / "content" / "_data", root, None, None)
    found = 0
    for rule in book.rules:
        for example in rule.examples:
            for phrase in rule.phrases:
                if phrase.pattern.search(example.text):
                    found += 1
                    assert required_text(phrase.pattern) in example.text.casefold(), (rule.key, example.text)
    assert found > 5


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
