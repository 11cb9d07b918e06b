"""readability.*: Dutch plain language (B1). Scores a page, and points at the sentences and words to change.

Flesch-Douma and Brouwer are weak proxies, so they are reported with the sentences that pull the score down
most; sentence length, rare words and grammar signals are pinpointed to their line. Thresholds come from the
`readability` section of the configuration (per page type); exemptions and inline suppressions are applied
by the filter stage, not here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .. import advice, dutch
from ..config import ReadabilityLimits
from ..findings import Finding, Rule, Severity, finding
from ..model import Page, Site
from ..prose import Prose, ProseSentence, extract
from .base import Check

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


@dataclass(frozen=True)
class RareWord:
    word: str  # as written on the page (first occurrence)
    line: int
    zipf: float


@dataclass(frozen=True)
class Analysis:
    """Everything the readability rules, metrics and report know about one page."""

    sentences: tuple[ProseSentence, ...]  # every sentence, labels (headings) included: each is checked
    running: tuple[ProseSentence, ...]  # the sentences of running prose: the score and counts are theirs
    words: int
    syllables: int
    limits: ReadabilityLimits
    rare_words: tuple[RareWord, ...]

    @property
    def flesch_douma(self) -> float | None:
        return dutch.flesch_douma(self.words, len(self.running), self.syllables) if self.words else None

    @property
    def brouwer(self) -> float | None:
        return dutch.brouwer(self.words, len(self.running), self.syllables) if self.words else None

    @property
    def long_sentences(self) -> tuple[ProseSentence, ...]:
        return tuple(s for s in self.sentences if s.words > self.limits.sentence_warning_words)

    def worst(self, count: int) -> list[tuple[ProseSentence, float]]:
        """The sentences whose removal would raise the page score most, with that gain (positive only)."""
        total_words, total_sentences = self.words, len(self.running)
        score = self.flesch_douma
        if score is None or total_sentences < 2:
            return []
        gains = []
        for sentence in self.running:
            rest_words = total_words - sentence.words
            if rest_words <= 0:
                continue
            without = dutch.flesch_douma(rest_words, total_sentences - 1, self.syllables - sentence.syllables)
            if without > score:
                gains.append((sentence, without - score))
        gains.sort(key=lambda pair: (-pair[1], pair[0].line))
        return gains[:count]


@lru_cache(maxsize=16)  # the engine asks for findings and metrics of one page in a row; pages are immutable
def analyse(page: Page, site: Site) -> Analysis:
    prose = patient_prose(page, site)
    limits = site.config.readability.for_type(page.meta.type)
    return Analysis(
        sentences=prose.sentences,
        running=prose.running,
        words=prose.words,
        syllables=prose.syllables,
        limits=limits,
        rare_words=tuple(rare_words(prose.sentences, limits.rare_word_zipf, site.explained_words)),
    )


def patient_prose(page: Page, site: Site) -> Prose:
    """The page's prose as the patient reads it: key messages ([[kernboodschap: …]]) included as their text,
    each on the line of its reference so findings keep their lines. An unknown reference is left out here;
    the advice check reports it."""
    if "[[" not in page.body:
        return page.prose
    one_line = {key: replace(m, text=" ".join(m.text.split())) for key, m in site.advice.key_messages.items()}
    body = advice.REFERENCE.sub(lambda m: " " * len(m.group()), advice.include(page.body, one_line))
    return extract(body, page.body_start_line)


# --- rare words -------------------------------------------------------------------------------------------


_zipf = dutch.zipf


@lru_cache(maxsize=1 << 16)
def _familiar(word: str, limit: float) -> bool:
    """The word or one of its base forms (fysiotherapeuten → fysiotherapeut) is common enough."""
    return _zipf(word) >= limit or any(_zipf(form) >= limit for form in dutch.base_forms(word))


@lru_cache(maxsize=1 << 16)
def is_rare(word: str, limit: float) -> bool:
    """A lower-case word is rare unless it, a base form of it or the parts of a compound are familiar: Dutch
    writes compounds as one word, and "huisartsenpost" is as clear as "huisartsen" and "post"."""
    if _familiar(word, limit):
        return False
    parts = [p for p in word.replace("‐", "-").split("-") if p]
    if len(parts) > 1:
        return any(len(p) > 2 and is_rare(p, limit) for p in parts)
    for cut in range(3, len(word) - 2):
        left, right = word[:cut], word[cut:]
        if not _familiar(right, limit):
            continue
        if _familiar(left, limit) or (left.endswith("s") and _familiar(left[:-1], limit)):
            return False
    return True


@lru_cache(maxsize=1 << 14)
def _plain_word(word: str) -> bool:
    """A word of the plain-words list (data/plain-words.yml), inflected (puilt, schokdempers) or as the last part
    of a compound (lendenwervel)."""
    plain = dutch.language().plain_words
    forms = (word, *dutch.base_forms(word))
    return any(
        form in plain or any(form.endswith(p) and len(form) - len(p) >= 3 for p in plain) for form in forms
    )


def _explained(
    word: str, sentence: str, explained: frozenset[str], phrases: tuple[str, ...], limit: float
) -> bool:
    """Whether the termbase explains the word (or a base form of it), a phrase around it, or - for a word with
    hyphens - every rare part of it."""
    if word in explained or not explained.isdisjoint(dutch.base_forms(word)):
        return True
    if any(word in phrase and phrase in sentence for phrase in phrases):
        return True
    parts = [p for p in word.split("-") if len(p) > 2]
    return len(parts) > 1 and all(
        not is_rare(p, limit) or _explained(p, sentence, explained, phrases, limit) for p in parts
    )


def rare_words(
    sentences: tuple[ProseSentence, ...], limit: float, explained: frozenset[str]
) -> Iterator[RareWord]:
    """Each rare word once, at its first line. Names (a capital mid-sentence), acronyms, numbers, codes and
    abbreviations are not words a patient looks up."""
    lang = dutch.language()
    phrases = tuple(p for p in explained if " " in p or "-" in p)
    names = {
        tok.normal
        for s in sentences
        for tok in s.sentence.words[1:]
        if tok.kind == "word" and tok.text[:1].isupper() and not tok.is_acronym
    }
    seen: set[str] = set()
    for s in sentences:
        lowered = s.sentence.text.lower()
        for index, tok in enumerate(s.sentence.words):
            word = tok.normal
            if tok.kind != "word" or tok.is_acronym or len(word) < 3 or word in seen:
                continue
            if word in lang.abbreviations or word in names or (index and tok.text[:1].isupper()):
                continue
            if _plain_word(word):
                continue
            if not is_rare(word, limit) or _explained(word, lowered, explained, phrases, limit):
                continue
            seen.add(word)
            yield RareWord(tok.text, s.unit.line_at(tok.start), _zipf(word))


# --- findings ---------------------------------------------------------------------------------------------


def number(value: float) -> str:
    """A score the Dutch way: 52,3."""
    return f"{value:.1f}".replace(".", ",")


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
    for sentence in sentences:
        text = sentence.sentence.text
        for hit in dutch.officialese(text):
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


CHECK = Check("readability", RULES, page=check_page, site=check_site, metrics=metrics)
