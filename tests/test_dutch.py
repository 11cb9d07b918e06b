"""dutch.py: words, syllables, sentences and grammar signals of Dutch text."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from patienthub.text import dutch

# Syllables as a Dutch speaker says them. Pyphen's defaults undercount the short words and vowel clashes.
SYLLABLES = """
rust 1 · neem 1 · u 1 · uw 1 · een 1 · aan 1 · knie 1 · ei 1 · zee 1 · geeft 1 · nieuw 1 · leeuw 1 ·
vrouw 1 · uur 1 · mail 1 · eeuw 1 · leuk 1 · kracht 1 · staan 1 · mooie 2 · koeien 2 · idee 2 · auto
2 · ober 2 · even 2 · huisarts 2 · rugpijn 2 · meestal 2 · e-mail 2 · chaos 2 · moeilijk 2 · uitleg
2 · reeën 2 · reuma 2 · geeuwen 2 · syndroom 2 · afspraak 2 · maanden 2 · kanker 2 · actief 2 ·
houding 2 · stukje 2 · elke 2 · bewegen 3 · bioscoop 3 · ruïne 3 · België 3 · ideeën 3 · theorie 3 ·
patiënt 3 · museum 3 · ziekenhuis 3 · actueel 3 · ooievaar 3 · sociaal 3 · ideaal 3 · pijnstillers 3
· hernia 3 · onderzoek 3 · ongeveer 3 · ongewild 3 · werkgever 3 · injectie 3 · herstellen 3 ·
beschadigt 3 · zorgstandaard 3 · chronische 3 · nascholing 3 · zorgpaden 3 · patiënten 4 ·
aanbevolen 4 · oefeningen 4 · medicijnen 4 · materiaal 4 · situatie 4 · beoordelen 4 · realiteit 4 ·
januari 4 · zenuwwortel 4 · wervelkolom 4 · operatie 4 · behandeling 4 · huisartsenpost 4 ·
uitstralende 4 · lumbosacraal 4 · radiculair 4 · epiduraal 4 · duidelijke 4 · geleidelijk 4 ·
diagnostiek 4 · aangewezen 4 · behandelplan 4 · informatie 4 · beïnvloeden 4 · geïnteresseerd 5 ·
zorgverzekeraar 5 · oefentherapeut 5 · individueel 5 · coöperatie 5 · paracetamol 5 ·
tussenwervelschijf 5 · coördineren 5 · kennisoverdracht 5 · regionale 5 · implementatie 5 ·
gezamenlijke 5 · behandelingen 5 · fysiotherapeut 6 · fysiotherapie 6 · multidisciplinaire 7 ·
biopsychosociale 8
"""
# Issue 21: ë opening a vowel pair, u after q, y before a vowel, and English loans were one syllable too many.
SYLLABLES_21 = """
beëindigen 4 · reëel 2 · geëvalueerd 5 · frequentie 3 · consequentie 4 · aquarium 4 · quota 2 · yoga 2 ·
royaal 2 · loyaal 2 · mayonaise 4 · yoghurt 2 · team 1 · teams 1 · zorgteam 2 · teamleider 3 · website 2 ·
websites 2 · update 2 · online 2 · coach 1 · mailen 2 · visite 3 · baby 2 · cyste 2
"""


@pytest.mark.parametrize(
    ("word", "count"),
    [
        (w, int(n))
        for item in (SYLLABLES + "·" + SYLLABLES_21).replace("\n", " ").split("·")
        if item.strip()
        for w, n in [item.split()]
    ],
)
def test_syllables_of_dutch_words(word: str, count: int) -> None:
    assert dutch.syllables(word) == count


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("MRI", "word", 3),
        ("NHG-Standaard", "word", 5),
        ("2,5", "number", 2),
        ("L03", "code", 2),
        ("'s", "clitic", 0),
        # an address is said by its host: "nhg punt org", not its path
        ("https://www.nhg.org/standaarden/lage-rugpijn", "url", 4),
        ("info@nhg.org", "email", 6),
    ],
)
def test_syllables_of_acronyms_numbers_and_clitics(text: str, kind: str, count: int) -> None:
    assert dutch.token_syllables(text, kind) == count


def words(text: str) -> list[str]:
    return [t.text for t in dutch.tokens(text) if t.is_word]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Neem zo'n pil.", ["Neem", "zo'n", "pil"]),
        ("De auto’s en de e-mail.", ["De", "auto’s", "en", "de", "e-mail"]),
        ("Lees de NHG-Standaard.", ["Lees", "de", "NHG-Standaard"]),
        (
            "Neem 2,5 tablet om 10.30 uur, de 3e keer.",
            ["Neem", "2,5", "tablet", "om", "10.30", "uur", "de", "3e", "keer"],
        ),
        ("Dat is d.w.z. o.a. pijn.", ["Dat", "is", "d.w.z.", "o.a.", "pijn"]),
        ("Kijk op Thuisarts.nl.", ["Kijk", "op", "Thuisarts.nl"]),
        ("'s Nachts pijn.", ["Nachts", "pijn"]),
        ("'Neem rust', zegt ze.", ["Neem", "rust", "zegt", "ze"]),
        ("Rug- en nekpijn.", ["Rug-", "en", "nekpijn"]),
        ("Zorg voor patiënten(sub)groepen.", ["Zorg", "voor", "patiënten(sub)groepen"]),
        ("Na COVID-19 en de EQ-5D – klaar.", ["Na", "COVID-19", "en", "de", "EQ-5D", "klaar"]),
        # addresses are one word each, without the full stop that ends the sentence
        ("Mail naar info@nhg.org.", ["Mail", "naar", "info@nhg.org"]),
        ("Mail j.de-vries@praktijk-noord.nl of bel.", ["Mail", "j.de-vries@praktijk-noord.nl", "of", "bel"]),
        ("Zie https://www.nhg.org/lage-rugpijn?x=1.", ["Zie", "https://www.nhg.org/lage-rugpijn?x=1"]),
        ("Zie thuisarts.nl/rugpijn, of bel.", ["Zie", "thuisarts.nl/rugpijn", "of", "bel"]),
        ("(zie www.nhg.org)", ["zie", "www.nhg.org"]),
    ],
)
def test_words_the_dutch_way(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_clitic_is_not_a_word_but_is_kept_as_a_token() -> None:
    kinds = [(t.text, t.kind) for t in dutch.tokens("'s Nachts")]
    assert kinds == [("'s", "clitic"), ("Nachts", "word")]


def split(text: str) -> list[str]:
    return [s.text for s in dutch.sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Neem rust. Beweeg daarna.", ["Neem rust.", "Beweeg daarna."]),
        ("Neem bijv. een douche. Dat helpt.", ["Neem bijv. een douche.", "Dat helpt."]),
        ("U kunt o.a. wandelen. Of fietsen.", ["U kunt o.a. wandelen.", "Of fietsen."]),
        ("Dr. Jansen helpt. Ca. 6 weken.", ["Dr. Jansen helpt.", "Ca. 6 weken."]),
        ("Dit is dr. A. de Vries. Hij helpt.", ["Dit is dr. A. de Vries.", "Hij helpt."]),
        ("Ga naar J.P. Bakker. Hij helpt.", ["Ga naar J.P. Bakker.", "Hij helpt."]),
        ("Neem 2,5 tablet, d.w.z. twee. Om 10.30 uur.", ["Neem 2,5 tablet, d.w.z. twee.", "Om 10.30 uur."]),
        ("Pillen, zalf enz. Daarna naar huis.", ["Pillen, zalf enz.", "Daarna naar huis."]),
        ("Pillen enz. en zalf.", ["Pillen enz. en zalf."]),
        ("Pillen e.d. Daarna naar huis.", ["Pillen e.d.", "Daarna naar huis."]),
        # every abbreviation the issue names, each followed by a capital where that is possible
        ("Dat helpt, m.a.w. Blijf bewegen.", ["Dat helpt, m.a.w. Blijf bewegen."]),
        ("Neem evt. Paracetamol. Bel dan.", ["Neem evt. Paracetamol.", "Bel dan."]),
        ("Het kost 20 euro incl. BTW. Dat is veel.", ["Het kost 20 euro incl. BTW.", "Dat is veel."]),
        ("Kind en volwassene resp. 10 en 20 euro. Ja.", ["Kind en volwassene resp. 10 en 20 euro.", "Ja."]),
        ("Draai het blad om, z.o.z. voor meer.", ["Draai het blad om, z.o.z. voor meer."]),
        ("Lees verder z.o.z. Daar staat het.", ["Lees verder z.o.z.", "Daar staat het."]),
        ("Wij bellen u t.z.t. Tot dan.", ["Wij bellen u t.z.t.", "Tot dan."]),
        (
            "Neem 1,5 tablet om 9.15 uur. De 2de keer ook.",
            ["Neem 1,5 tablet om 9.15 uur.", "De 2de keer ook."],
        ),
        ("Lees Thuisarts.nl. Daar staat het.", ["Lees Thuisarts.nl.", "Daar staat het."]),
        ("Op 1 jan. 2027 klaar. Zie art. 5 van de wet.", ["Op 1 jan. 2027 klaar.", "Zie art. 5 van de wet."]),
        ("Pijn? Ja! Stop dan...", ["Pijn?", "Ja!", "Stop dan..."]),
        ("Het is erger... maar het gaat over.", ["Het is erger... maar het gaat over."]),
        ("Het helpt. 's Nachts is het erger.", ["Het helpt.", "'s Nachts is het erger."]),
        ("Het helpt. 9 van de 10 mensen.", ["Het helpt.", "9 van de 10 mensen."]),
        ('"Blijf bewegen," zegt ze. "Dat helpt."', ['"Blijf bewegen," zegt ze.', '"Dat helpt."']),
        ("Bel (bijv. 112) direct. Nu.", ["Bel (bijv. 112) direct.", "Nu."]),
        ("Een kop zonder punt", ["Een kop zonder punt"]),
        ("– ", []),
        # issue 21: addresses keep the sentence's end
        (
            "Lees de folder op www.nhg.org. Die is gratis.",
            ["Lees de folder op www.nhg.org.", "Die is gratis."],
        ),
        ("Mail naar info@nhg.org. Die leest het.", ["Mail naar info@nhg.org.", "Die leest het."]),
        (
            "Zie https://thuisarts.nl/rugpijn. Daar staat het.",
            ["Zie https://thuisarts.nl/rugpijn.", "Daar staat het."],
        ),
        # units and dates end a sentence before a capital, not before a digit
        ("Het duurt 20 min. Daarna mag u naar huis.", ["Het duurt 20 min.", "Daarna mag u naar huis."]),
        ("Hij is 65 jr. Hij heeft pijn.", ["Hij is 65 jr.", "Hij heeft pijn."]),
        ("Het begint dinsdag a.s. Kom op tijd.", ["Het begint dinsdag a.s.", "Kom op tijd."]),
        ("Het was op 3 jan. Toen begon het.", ["Het was op 3 jan.", "Toen begon het."]),
        ("Neem min. 3 keer per dag een pil.", ["Neem min. 3 keer per dag een pil."]),
        ("Neem vitamine D. Die is goed voor de botten.", ["Neem vitamine D.", "Die is goed voor de botten."]),
        ("Het is hepatitis B. Dat is een virus.", ["Het is hepatitis B.", "Dat is een virus."]),
        # unknown abbreviations before a digit do not end a sentence; a real word does
        ("Kom op vr. 3 mei naar de praktijk.", ["Kom op vr. 3 mei naar de praktijk."]),
        ("Zie p. 5 van de folder.", ["Zie p. 5 van de folder."]),
        ("Zie blz. 12 en hfst. 3 van de folder.", ["Zie blz. 12 en hfst. 3 van de folder."]),
        ("Doe het zo. 3 keer per dag.", ["Doe het zo.", "3 keer per dag."]),
        (
            "Het helpt echt. 8 van de 10 mensen knappen op.",
            ["Het helpt echt.", "8 van de 10 mensen knappen op."],
        ),
    ],
)
def test_sentence_splitter(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_short_sentences_count_as_sentences() -> None:
    found = dutch.sentences("Neem rust. Ja.")
    assert [(s.word_count, s.syllable_count) for s in found] == [(2, 2), (1, 1)]


def test_sentence_offsets_point_at_the_first_word() -> None:
    text = "Eerst dit.\n  Dan dat."
    second = dutch.sentences(text)[1]
    assert text[second.start :].startswith("Dan")


def test_formulas() -> None:
    assert dutch.flesch_douma(100, 10, 150) == pytest.approx(206.835 - 0.93 * 10 - 77 * 1.5)
    assert dutch.brouwer(100, 10, 150) == pytest.approx(195 - 2 * 10 - 67 * 1.5)


def test_scoring_is_deterministic_and_has_no_global_switch() -> None:
    text = "De zorgverzekeraar vergoedt de fysiotherapie. Neem rust."
    first = [(s.word_count, s.syllable_count) for s in dutch.sentences(text)]
    assert first == [(s.word_count, s.syllable_count) for s in dutch.sentences(text)]
    with pytest.raises(AttributeError):
        dutch.language().abbreviations = frozenset()  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Uw rug wordt door de arts onderzocht.", ("wordt", "onderzocht")),
        ("Er wordt gekeken of u kunt lopen.", ("wordt", "gekeken")),
        ("U wordt doorverwezen naar het ziekenhuis.", ("wordt", "doorverwezen")),
        ("Als de pijn behandeld wordt, gaat het beter.", ("behandeld", "wordt")),
        ("Dat wordt vaak aangeraden.", ("wordt", "aangeraden")),
        ("De hernia wordt soms verwijderd.", ("wordt", "verwijderd")),
        ("De pijn wordt minder als u pijnstillers gebruikt.", None),
        ("Als u pijnstillers gebruikt, wordt de pijn minder.", None),
        ("De pijn wordt minder als u beweegt.", None),
        ("Uw rug wordt dan minder stijf.", None),
        ("Het wordt gewoon beter.", None),
        # issue 21: "zijn" + participle is a passive too
        ("U bent geopereerd.", ("bent", "geopereerd")),
        ("Deze analyses zijn uitgevoerd door het RIVM.", ("zijn", "uitgevoerd")),
        ("Het beleid is aangepast.", ("is", "aangepast")),
        ("De resultaten zijn in 2020 gepubliceerd.", ("zijn", "gepubliceerd")),
        ("Er zijn nog geen afspraken gemaakt.", ("zijn", "gemaakt")),
        ("Als de scan gemaakt is, belt de arts u.", ("gemaakt", "is")),
        ("Zijn rug is onderzocht.", ("is", "onderzocht")),
        # … but not the perfect tense of a verb that takes "zijn", a state, or "zijn" as "his"
        ("De pijn is verdwenen.", None),
        ("Ik ben naar de huisarts gegaan.", None),
        ("De zenuw is ontstoken.", None),
        ("Deze pagina is bedoeld voor mensen met rugpijn.", None),
        ("Hij heeft zijn rug bezeerd.", None),
        ("Zijn rug is stijf.", None),
        ("De spieren zijn gespannen.", None),
        ("Dat is gebeurd.", None),
        ("De praktijk is gesloten op zaterdag.", None),
        ("Het is mij opgevallen.", None),
        ("De brief is binnengekomen.", None),
        ("De lijst is ingevuld.", ("is", "ingevuld")),
        ("De praktijk wordt om 17 uur gesloten.", ("wordt", "gesloten")),
        ("De afgelopen jaren is hier veel over geschreven.", ("is", "geschreven")),
        # nouns that begin with ge- are no participles
        ("De pijn wordt erger bij het tillen van gewichten.", None),
        ("Het geheugen wordt slechter.", None),
        ("De genen zijn bepalend.", None),
        ("De gebouwen zijn oud.", None),
        ("De gevolgen worden pas later duidelijk.", None),
    ],
)
def test_passive(text: str, pair: tuple[str, str] | None) -> None:
    found = dutch.passive(dutch.sentences(text)[0])
    assert (found and (found[0].text, found[1].text)) == pair or (found is None and pair is None)


def test_nominalisations_skip_plain_words_and_their_compounds() -> None:
    sentence = dutch.sentences("De behandeling na verwijzing en de zorgverzekering of de beweging.")[0]
    assert dutch.nominalisations(sentence) == ["behandeling", "verwijzing"]


@pytest.mark.parametrize(
    ("text", "heavy"),
    [
        ("Dit vraagt om implementatie en consultatie.", ["implementatie", "consultatie"]),
        ("Dit vraagt om registraties.", ["registraties"]),
        (
            "Er is een route voor het opzetten en uitvoeren van deze activiteiten.",
            ["het opzetten en uitvoeren van"],
        ),
        ("Dit gaat over het implementeren van de visie.", ["het implementeren van"]),
        # plain words: a patient's own word, and a short infinitive as a noun
        ("Bij een ontsteking en een zwelling helpt informatie over pijnrevalidatie.", []),
        ("De pijn wordt erger bij het tillen van gewichten.", []),
        ("U krijgt een injectie na de operatie.", []),
    ],
)
def test_nominalisations_beyond_ing(text: str, heavy: list[str]) -> None:
    assert dutch.nominalisations(dutch.sentences(text)[0]) == heavy


@pytest.mark.parametrize(
    ("text", "found", "plain"),
    [
        ("Indien u pijn heeft, belt u.", "Indien", "als"),
        ("Beweeg teneinde fit te blijven.", "teneinde", "om"),
        ("Meld u middels het formulier.", "middels", "met, via"),
        ("Derhalve is rust niet goed.", "Derhalve", "daarom"),
        ("Pijn alsmede stijfheid.", "alsmede", "en, ook"),
        ("Een brief inzake uw rug.", "inzake", "over"),
        ("De arts draagt er zorg voor dat u hulp krijgt.", "draagt er zorg", "zorgen (voor)"),
        ("U moet zorgdragen voor rust.", "zorgdragen", "zorgen (voor)"),
        ("Voornoemde behandeling helpt.", "Voornoemde", "deze, die"),
        ("U dient de pillen te nemen.", "dient", "moeten"),
        ("Lees de implementatie-agenda.", "implementatie-agenda", "invoering, uitvoering"),
        ("Er zijn kwaliteitsindicatoren.", "kwaliteitsindicatoren", "teken, maat"),
    ],
)
def test_officialese_is_found_with_its_plain_word(text: str, found: str, plain: str) -> None:
    hits = dutch.officialese(text)
    assert [(text[h.start : h.end], h.item.plain) for h in hits] == [(found, plain)]


@pytest.mark.parametrize(
    "text",
    [
        "U kunt een klacht indienen.",
        "Deze pillen dienen als pijnstiller.",
        "Zorg goed voor uw rug.",
        "Neem rust.",
    ],
)
def test_plain_dutch_is_no_officialese(text: str) -> None:
    assert dutch.officialese(text) == []


def test_officialese_data_is_complete() -> None:
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("patienthub").joinpath("data", "officialese.yml").read_text("utf-8"))
    for key, spec in raw.items():
        assert set(spec) <= {"plain", "forms", "inflect", "compounds", "regex", "contains"}, key
        assert isinstance(spec["plain"], str) and spec["plain"].strip(), key
        assert key == key.lower(), key
        # a regex entry names a word every match contains, or it would run on every sentence
        assert ("regex" in spec) == ("contains" in spec), key


def test_plain_words_are_lower_case_and_listed_once() -> None:
    from importlib import resources

    import yaml

    raw = yaml.safe_load(resources.files("patienthub").joinpath("data", "plain-words.yml").read_text("utf-8"))
    listed = [w for domain in raw.values() for w in domain]
    assert listed and all(w == w.lower() for w in listed)
    assert len(listed) == len(set(listed))
    assert {"uitpuilen", "puilen", "schokdemper"} <= dutch.language().plain_words


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("fysiotherapeuten", "fysiotherapeut"),
        ("neurologen", "neuroloog"),
        ("verdooft", "verdoven"),
        ("buig", "buigen"),
    ],
)
def test_base_forms_of_inflected_words(word: str, base: str) -> None:
    assert base in dutch.base_forms(word)


def test_language_data_is_lower_case() -> None:
    lang = dutch.language()
    for words_ in (lang.abbreviations, lang.not_participles, lang.passive_auxiliaries, lang.clause_openers):
        assert words_ and all(w == w.lower() for w in words_)


@given(st.text(alphabet=st.sampled_from(list("aeiouyëïAZbdrstnl .,!?…'’-()\"\n0123456789@/:")), max_size=200))
def test_any_text_splits_without_error_into_ordered_sentences(text: str) -> None:
    found = dutch.sentences(text)
    assert all(0 <= s.start < s.end <= len(text) for s in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert sum(s.word_count for s in found) == sum(1 for t in dutch.tokens(text) if t.is_word)
    assert all(t.syllables >= 1 for s in found for t in s.words)


@pytest.mark.parametrize(
    "text",
    ["woord." * 5000, "a.b-c+" * 5000 + "x", "www." * 5000, "nhg.nl/" * 5000, "a@" * 20000],
)
def test_long_runs_of_address_like_text_are_read_in_linear_time(text: str) -> None:
    import time

    start = time.perf_counter()
    dutch.sentences(text)
    assert time.perf_counter() - start < 2.0  # quadratic scanning took 10-25 s on the first one
