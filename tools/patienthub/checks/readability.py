"""readability.*: Dutch plain language (B1). Scores a page, and points at the sentences and words to change.

Flesch-Douma and Brouwer are weak proxies, so they are reported with the sentences that pull the score down
most; sentence length, rare words and grammar signals are pinpointed to their line. Thresholds come from the
`readability` section of the configuration (per page type); exemptions and inline suppressions are applied
by the filter stage, not here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.model import Page, Site
from patienthub.domain.readability import Analysis, analyse
from patienthub.load.config import ReadabilityLimits
from patienthub.text import dutch
from patienthub.text.dutch import number
from patienthub.text.prose import ProseSentence, extract

E, W, S = Severity.ERROR, Severity.WARNING, Severity.SUGGESTION
FLESCH_DOUMA = Rule(
    "readability.flesch-douma", E, "De pagina is moeilijk te lezen: de Flesch-Douma-score is te laag."
)
SENTENCE_LENGTH = Rule(
    "readability.sentence-length",
    E,
    "Een zin is te lang (boven 15 woorden een waarschuwing, boven 25 een fout).",
)
RARE_WORD = Rule(
    "readability.rare-word",
    W,
    "Een weinig bekend woord dat de woordenlijst niet uitlegt (geen naam of afkorting).",
)
PASSIVE = Rule(
    "readability.passive", S, "Een zin in de lijdende vorm ('wordt … gedaan'); actief leest makkelijker."
)
NOMINALISATION = Rule(
    "readability.nominalisation",
    S,
    "Een lange zin met werkwoorden die zelfstandig naamwoord zijn geworden ('behandeling', 'implementatie', "
    "'het opzetten van').",
)
MIXED_ADDRESS = Rule("readability.mixed-address", S, "De pagina spreekt de lezer aan met zowel 'u' als 'je'.")
OFFICIALESE = Rule(
    "readability.officialese",
    W,
    "Ambtelijke taal ('indien', 'teneinde', 'middels'): er is een gewoon woord voor.",
)
RULES = (FLESCH_DOUMA, SENTENCE_LENGTH, RARE_WORD, PASSIVE, NOMINALISATION, MIXED_ADDRESS, OFFICIALESE)

QUOTE_WORDS = 8  # how much of a sentence a message quotes


# --- findings ---------------------------------------------------------------------------------------------


def quote(sentence: ProseSentence) -> str:
    words = sentence.text.split()
    return "“" + " ".join(words[:QUOTE_WORDS]) + (" …”" if len(words) > QUOTE_WORDS else "”")


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    analysis = analyse(page, site)
    if not analysis.sentences:
        return
    yield from _score(page, analysis, site.config.readability.worst_sentences)
    for sentence in analysis.sentences:
        yield from _sentence_findings(page.path, sentence, analysis.limits)
    for rare in analysis.rare_words:
        yield finding(
            RARE_WORD,
            page.path,
            rare.line,
            f"'{rare.word}' is een weinig bekend woord (frequentie {number(rare.zipf)} op de Zipf-schaal; "
            f"onder {number(analysis.limits.rare_word_zipf)} is zeldzaam).",
            "Gebruik een bekender woord, of leg het uit in de tekst en neem het op in de woordenlijst.",
            excerpt=rare.word,
        )
    yield from _officialese(page.path, analysis.sentences)
    yield from _address(page, analysis)


def _score(page: Page, analysis: Analysis, worst_count: int) -> Iterator[Finding]:
    score, limits = analysis.flesch_douma, analysis.limits
    if score is None or analysis.words < limits.min_words or score >= limits.flesch_douma_warning:
        return
    severity = E if score < limits.flesch_douma_error else W
    threshold = limits.flesch_douma_error if severity is E else limits.flesch_douma_warning
    worst = analysis.worst(worst_count)
    named = "; ".join(f"regel {s.line}: {quote(s)}" for s, _ in worst)
    yield finding(
        FLESCH_DOUMA,
        page.path,
        analysis.sentences[0].line,
        f"De leesbaarheid is {number(score)} (Flesch-Douma; minimaal {number(threshold)}), met gemiddeld "
        f"{number(analysis.words / len(analysis.running))} woorden per zin."
        + (f" Deze zinnen drukken de score het meest: {named}." if named else ""),
        "Maak zinnen korter (hoogstens 15 woorden) en kies kortere, bekende woorden. "
        "Flesch-Douma 60-70 is gewone tekst, 70-80 vrij makkelijk, 80-90 makkelijk.",
    ).with_severity(severity)


def _sentence_findings(path: str, sentence: ProseSentence, limits: ReadabilityLimits) -> Iterator[Finding]:
    words = sentence.words
    if words > limits.sentence_warning_words:
        over_error = words > limits.sentence_error_words
        limit = limits.sentence_error_words if over_error else limits.sentence_warning_words
        yield finding(
            SENTENCE_LENGTH,
            path,
            sentence.line,
            f"Deze zin heeft {words} woorden (meer dan {limit}): {quote(sentence)}",
            f"Splits de zin in kortere zinnen van hoogstens {limits.sentence_warning_words} woorden.",
            excerpt=sentence.text,
        ).with_severity(E if over_error else W)
    if sentence.is_label:
        return  # a heading is a label ("Hoe wordt het behandeld?"), not running text to rewrite
    pair = dutch.passive(sentence.sentence)
    if pair is not None:
        first, second = pair
        between = (
            " "
            if sentence.sentence.words.index(second) == sentence.sentence.words.index(first) + 1
            else " … "
        )
        yield finding(
            PASSIVE,
            path,
            sentence.unit.line_at(first.start),
            f"Lijdende vorm “{first.text}{between}{second.text}”: wie doet het? {quote(sentence)}",
            "Schrijf actief en noem wie iets doet, bijvoorbeeld 'De arts onderzoekt uw rug'.",
            excerpt=sentence.text,
        )
    if words > limits.sentence_warning_words:
        heavy = dutch.nominalisations(sentence.sentence)
        if heavy:
            listed = ", ".join(f"'{w}'" for w in heavy)
            yield finding(
                NOMINALISATION,
                path,
                sentence.line,
                f"Deze lange zin gebruikt {listed}: {quote(sentence)}",
                "Gebruik een werkwoord: 'als de arts u behandelt' in plaats van 'bij de behandeling'.",
                excerpt=sentence.text,
            )


def _officialese(path: str, sentences: tuple[ProseSentence, ...]) -> Iterator[Finding]:
    """Each officialese word or phrase, at its line, with its plain alternative."""
    whole = "\n".join(sentence.sentence.text for sentence in sentences)
    for sentence in sentences:
        text = sentence.sentence.text
        for hit in dutch.officialese(text, within=whole):
            found = " ".join(text[hit.start : hit.end].split())
            offset = sentence.sentence.start + hit.start
            yield finding(
                OFFICIALESE,
                path,
                sentence.unit.line_at(offset),
                f"'{found}' is ambtelijke taal: {quote(sentence)}",
                f"Schrijf in gewone woorden: '{hit.item.plain}' in plaats van '{hit.item.text}'.",
                excerpt=found,
            )


def _address(page: Page, analysis: Analysis) -> Iterator[Finding]:
    lang = dutch.language()
    formal: list[ProseSentence] = []
    informal: list[ProseSentence] = []
    for sentence in analysis.sentences:
        forms = {tok.normal for tok in sentence.sentence.words}
        if forms & lang.address_formal:
            formal.append(sentence)
        if forms & lang.address_informal:
            informal.append(sentence)
    if formal and informal:
        minority = informal if len(informal) <= len(formal) else formal
        yield finding(
            MIXED_ADDRESS,
            page.path,
            minority[0].line,
            f"De lezer heet 'u' in {len(formal)} en 'je' in {len(informal)} zinnen. "
            f"Bijvoorbeeld: {quote(minority[0])}",
            "Spreek de lezer steeds op dezelfde manier aan; op deze site is dat 'u'.",
            excerpt=minority[0].text,
        )


def metrics(page: Page, site: Site) -> Mapping[str, Any]:
    """The page's counts and scores. flesch_douma is computed from exactly the reported counts."""
    analysis = analyse(page, site)
    sentences = len(analysis.running)
    score, brouwer = analysis.flesch_douma, analysis.brouwer
    return {
        "words": analysis.words,
        "sentences": sentences,
        "syllables": analysis.syllables,
        "flesch_douma": round(score, 2) if score is not None else None,
        "brouwer": round(brouwer, 2) if brouwer is not None else None,
        "avg_sentence_words": round(analysis.words / sentences, 2) if sentences else None,
        "long_sentences": len(analysis.long_sentences),
        "rare_words": len(analysis.rare_words),
    }


def check_site(site: Site) -> Iterator[Finding]:
    """The sentences of outcome blocks and keuzekaarten, at their line in the data file: they reach the pages
    through {{ }} references, so the pages' own check never reads them. Judged as an outcomes page is."""
    if site.outcomes is None:
        return
    limits = site.config.readability.for_type("outcomes")
    for item in site.outcomes.patient_texts():
        sentences = extract(item.text, item.line or 1).sentences
        for sentence in sentences:
            yield from _sentence_findings(item.path, sentence, limits)
        yield from _officialese(item.path, sentences)


CHECK = Check("readability", RULES, page=check_page, site=check_site, metrics=metrics, site_cached=True)
