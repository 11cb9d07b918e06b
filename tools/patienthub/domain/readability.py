"""What the readability rules, metrics and report know about one page: its patient prose (key messages
included), word and syllable counts, the running sentences the score is computed over, and the rare words.
Computed once per page and shared by the check, the reports and the writer's panel."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from patienthub.domain import advice
from patienthub.domain.model import Page, Site
from patienthub.text import dutch
from patienthub.text.prose import Prose, ProseSentence, extract

if TYPE_CHECKING:
    from patienthub.load.config import ReadabilityLimits


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
