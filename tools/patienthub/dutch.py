"""Dutch text as a reader meets it: words, syllables and sentences, and the two Dutch readability formulas.

Pure functions over plain text (see prose.py for Markdown → text). No global mutable state: the language data
is read once from data/dutch.yml into a frozen value, and the only caches are memos of pure functions.

Conventions (the test corpus is hand-counted by the same rules):
- A word is a run of letters with inner hyphens and apostrophes (e-mail, zo'n, auto's, NHG-Standaard), a
  number (2,5 · 10.30 · 3e), a code (L03, EQ-5D), a dotted abbreviation (d.w.z.) or a web address
  (Thuisarts.nl). Clitics ('s nachts, 't) are not words: they are spoken as part of the next word.
- Syllables: Pyphen's Dutch hyphenation splits a word, and every piece counts its spoken vowels (aa, ie, eeu
  and the like are one; a diaeresis starts a new one), so short words and vowel clashes (i-dee, mu-se-um) are
  not undercounted. Acronyms (MRI, NHG) count one syllable per letter, numbers one per group of digits.
- A sentence ends at . ! ? or … followed by white space and a word that does not start with a lower-case
  letter, except after an abbreviation (bijv., o.a., dr.) or an initial (J. Jansen). The end of a text unit
  (heading, list item, table cell, paragraph) always ends a sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

import pyphen
import yaml

# Pyphen's defaults (left=2, right=2) never split off a single letter, so "e-ven" or "i-dee" lose a syllable.
_HYPHENATOR = pyphen.Pyphen(lang="nl_NL", left=1, right=1)

_L = r"[^\W\d_]"  # a letter in any script
_PART = rf"{_L}+(?:\({_L}+\){_L}*)?"  # letters, or letters with an optional part: patiënten(sub)groepen
_HYPHEN = r"\-\u2010\u2011"
_APOSTROPHE = "'\u2019"
_TOKEN = re.compile(
    rf"""
    (?P<dotted>(?<![^\W_])(?:{_L}{{1,2}}\.){{2,}}(?![^\W_]))                     # d.w.z.  o.a.  J.P.
  | (?P<domain>(?<![^\W_])[^\W_]+(?:[.{_HYPHEN}][^\W_]+)*\.(?:nl|com|org|net|eu|be|info|nu)(?![^\W_]))
  | (?P<number>(?<![^\W_])\d+(?:[.,:]\d+)*(?:ste|de|e)?(?![^\W_]))           # 2,5  10.30  3e  1ste
  | (?P<code>(?<![^\W_])(?=[\w.{_HYPHEN}]*\d)[^\W_]+(?:[.{_HYPHEN}][^\W_]+)*)  # L03  EQ-5D  COVID-19  M54.5
  | (?P<word>[{_APOSTROPHE}]?{_PART}(?:[{_APOSTROPHE}{_HYPHEN}]{_PART})*(?:[{_HYPHEN}](?=\s))?)
    """,
    re.VERBOSE,
)
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_OPENERS = "\"'“‘„«(["
_ACCENTS = str.maketrans("áàâéèêíìîóòôúùû", "aaaeeeiiiooouuu")
_DIAERESIS = "äëïöü"
_VOWELS = "aeiouy" + _DIAERESIS


@dataclass(frozen=True)
class Language:
    """The word lists of data/dutch.yml, as frozen sets."""

    abbreviations: frozenset[str]
    sentence_final_abbreviations: frozenset[str]
    clitics: frozenset[str]
    vowel_groups: tuple[str, ...]
    inflection_endings: tuple[str, ...]
    passive_auxiliaries: frozenset[str]
    not_participles: frozenset[str]
    prefixed_participles: frozenset[str]
    clause_openers: frozenset[str]
    inseparable_prefixes: tuple[str, ...]
    separable_particles: tuple[str, ...]
    not_nominalisations: tuple[str, ...]
    address_formal: frozenset[str]
    address_informal: frozenset[str]


@cache
def language() -> Language:
    text = resources.files("patienthub").joinpath("data", "dutch.yml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower().replace("’", "'") for w in raw[key])

    return Language(
        abbreviations=words("abbreviations"),
        sentence_final_abbreviations=words("sentence_final_abbreviations"),
        clitics=words("clitics"),
        vowel_groups=tuple(sorted(raw["vowel_groups"], key=len, reverse=True)),
        inflection_endings=tuple(dict.fromkeys(str(e) for e in raw["inflection_endings"])),
        passive_auxiliaries=words("passive_auxiliaries"),
        not_participles=words("not_participles"),
        prefixed_participles=words("prefixed_participles"),
        clause_openers=words("clause_openers"),
        inseparable_prefixes=tuple(raw["inseparable_prefixes"]),
        separable_particles=tuple(raw["separable_particles"]),
        not_nominalisations=tuple(sorted(words("not_nominalisations"))),
        address_formal=words("address_formal"),
        address_informal=words("address_informal"),
    )


class Token(NamedTuple):
    text: str
    start: int  # offset in the text that was tokenised
    kind: str  # word | clitic | dotted | domain | number | code
    normal: str  # lower case, straight apostrophes: the form to look a word up by
    syllables: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def is_word(self) -> bool:
        return self.kind != "clitic"

    @property
    def is_acronym(self) -> bool:
        """NHG, MRI, EQ-5D: at least two letters, all capitals."""
        return len(self.text) >= 2 and self.text.isupper()


def tokens(text: str) -> list[Token]:
    clitics = language().clitics
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "word"
        value, start = match.group(), match.start()
        normal = value.lower().replace("’", "'")
        if kind == "word" and normal[0] == "'":
            if normal in clitics:
                kind = "clitic"
            else:  # an opening quote, not an apostrophe: 'Neem rust'
                value, start, normal = value[1:], start + 1, normal[1:]
        out.append(Token(value, start, kind, normal, token_syllables(value, kind)))
    return out


@lru_cache(maxsize=1 << 16)
def token_syllables(text: str, kind: str) -> int:
    if kind == "clitic":
        return 0
    if kind in ("number", "code", "dotted", "domain"):
        total = 0
        for run in re.findall(r"\d+|[^\W\d_]+", text):
            if run[0].isdigit():
                total += 1
            elif run.isupper() or kind == "dotted" or len(run) <= 2:
                total += len(run)  # letters read one by one: L03, EQ-5D, d.w.z.
            else:
                total += syllables(run)
        return max(total, 1)
    total = 0
    for part in re.split(rf"[{_HYPHEN}]", text):
        if len(part) >= 2 and part.isupper():
            total += len(part)  # an acronym is read letter by letter: MRI is em-er-ie
        elif part:
            total += syllables(part)
    return max(total, 1)


@lru_cache(maxsize=1 << 16)
def syllables(word: str) -> int:
    """Spoken syllables of one Dutch word (at least 1)."""
    total = 0
    for part in re.split(rf"[{_HYPHEN}{_APOSTROPHE}]", word.lower()):
        if not part:
            continue
        cuts = [0, *_HYPHENATOR.positions(part), len(part)]
        total += sum(_vowel_sounds(part[a:b]) for a, b in itertools.pairwise(cuts))
    return max(total, 1)


def _vowel_sounds(piece: str) -> int:
    piece = piece.translate(_ACCENTS)
    groups = language().vowel_groups
    count = 0
    i = 0
    while i < len(piece):
        char = piece[i]
        if char not in _VOWELS:
            i += 1
            continue
        count += 1
        if char in _DIAERESIS:
            i += 1
            continue
        for group in groups:
            if piece.startswith(group, i):
                i += len(group)
                break
        else:
            i += 1
    return count


_CLOSED_SYLLABLE = re.compile(r"^(.*[^aeiou])([aeiou])([^aeiouwj])$")  # neurolog → neuroloog
_LONG_VOWEL = re.compile(r"^(.*[^aeiou])([aeiou])\2([^aeiou])$")  # verdoof → verdoven


def base_forms(word: str) -> tuple[str, ...]:
    """Likely base forms of an inflected lower-case word: the forms a dictionary (or word list) would have."""
    found = [word + "en"]  # a bare verb stem: buig → buigen
    if word.startswith("ge") and word.endswith(("d", "t")) and len(word) > 5:
        found.append(word[2:-1] + "en")  # a past participle: geprikkeld → prikkelen
    for ending in language().inflection_endings:
        stem = word[: -len(ending)]
        if not word.endswith(ending) or len(stem) < 3:
            continue
        found += [stem, stem + "en"]
        closed = _CLOSED_SYLLABLE.match(stem)
        if closed:
            found.append(closed[1] + closed[2] * 2 + closed[3])
        long_ = _LONG_VOWEL.match(stem)
        if long_:
            found.append(long_[1] + long_[2] + {"f": "v", "s": "z"}.get(long_[3], long_[3]) + "en")
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Sentence:
    start: int  # offset of the first word in the text
    end: int  # offset just after the closing punctuation (or the last word)
    text: str
    words: tuple[Token, ...]  # the tokens that count as words
    syllable_count: int

    @property
    def word_count(self) -> int:
        return len(self.words)


def sentences(text: str) -> list[Sentence]:
    """Split one text unit into sentences. A stretch without words (a lone dash) is no sentence."""
    toks = tokens(text)
    out: list[Sentence] = []
    current: list[Token] = []
    index = 0
    for boundary in _boundaries(text, toks):
        while index < len(toks) and toks[index].start < boundary:
            current.append(toks[index])
            index += 1
        _close(text, current, boundary, out)
        current = []
    current.extend(toks[index:])
    _close(text, current, len(text), out)
    return out


def _close(text: str, toks: list[Token], end: int, out: list[Sentence]) -> None:
    words = tuple(t for t in toks if t.is_word)
    if words:
        start = toks[0].start
        while start > 0 and text[start - 1] in _OPENERS:
            start -= 1
        out.append(Sentence(start, end, text[start:end].strip(), words, sum(t.syllables for t in words)))


def _boundaries(text: str, toks: list[Token]) -> list[int]:
    """Offsets just after each sentence-ending punctuation mark."""
    lang = language()
    by_end = {t.end: t for t in toks}
    starts = [t.start for t in toks]
    found = []
    for match in _TERMINAL.finditer(text):
        index = bisect.bisect_left(starts, match.start())
        if index and toks[index - 1].end > match.start():
            continue  # a dot inside a token: 10.30, Thuisarts.nl, d.w.z.
        end = match.end()
        if end < len(text) and not text[end].isspace():
            continue
        following = toks[index] if index < len(toks) else None
        if following is None:
            found.append(end)  # the unit ends here
            continue
        if following.kind == "word" and following.text[:1].islower():
            continue  # a Dutch sentence starts with a capital, a digit or 's
        marks = match.group().rstrip("\"'”’»)]")
        previous = by_end.get(match.start())
        if marks == "." and previous is not None and not _abbreviation_stops(previous, following, lang):
            continue
        found.append(end)
    # a dotted abbreviation carries its own final dot: "… e.a. Daarna …"
    for index, tok in enumerate(toks[:-1]):
        if tok.kind == "dotted" and _abbreviation_stops(tok, toks[index + 1], lang):
            found.append(tok.end)
    return sorted(set(found))


def _abbreviation_stops(previous: Token, following: Token, lang: Language) -> bool:
    """Whether a full stop after `previous` ends the sentence, given the next token starts a new one."""
    starts_upper = following.text.lstrip(_OPENERS)[:1].isupper() or following.kind == "clitic"
    name = previous.text.lower().rstrip(".")
    if previous.kind == "dotted":
        if name in lang.sentence_final_abbreviations:
            return starts_upper
        return False  # d.w.z., o.a., J.P.
    if previous.kind != "word":
        return True
    if name in lang.sentence_final_abbreviations:
        return starts_upper
    if name in lang.abbreviations:
        return False
    return not (len(previous.text) == 1 and previous.text.isupper() and starts_upper)  # an initial: J. Jansen


def flesch_douma(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease with Douma's constants for Dutch (higher is easier; B1 text scores about 60-80)."""
    return 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)


def brouwer(words: int, sentences: int, syllables: int) -> float:
    """Brouwer's reading index for Dutch, from the same counts."""
    return 195 - 2 * (words / sentences) - 67 * (syllables / words)


# --- grammar signals for plain-language advice (suggestions: precision matters more than recall) ----------

_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]–—]|\s-\s")
_NEVER_PARTICIPLE = ("end", "ende", "heid", "schap", "nis", "ing")


def is_participle(word: str) -> bool:
    """Whether a lower-case word looks like a past participle: gedaan, opgenomen, behandeld, onderzocht."""
    lang = language()
    if len(word) < 5 or word in lang.not_participles or word.endswith(_NEVER_PARTICIPLE):
        return False
    if word in lang.prefixed_participles:
        return True
    for particle in ("", *lang.separable_particles):
        if not word.startswith(particle):
            continue
        rest = word[len(particle) :]
        if rest in lang.not_participles:
            continue
        if rest.startswith("ge") and len(rest) >= 5 and rest.endswith(("d", "t", "en")):
            return True
        prefixed = any(rest.startswith(p) and len(rest) - len(p) >= 3 for p in lang.inseparable_prefixes)
        if prefixed and rest.endswith("d"):
            return True
    return False


def clauses(sentence: Sentence) -> list[list[Token]]:
    """The sentence's words grouped by clause: split at commas and the like, and before a clause opener."""
    groups: list[list[Token]] = [[]]
    previous_end = None
    openers = language().clause_openers
    for tok in sentence.words:
        between = (
            sentence.text[previous_end - sentence.start : tok.start - sentence.start] if previous_end else ""
        )
        if groups[-1] and (_CLAUSE_PUNCTUATION.search(between) or tok.normal in openers):
            groups.append([])
        groups[-1].append(tok)
        previous_end = tok.end
    return groups


def passive(sentence: Sentence) -> tuple[Token, Token] | None:
    """A form of "worden" and a past participle in one clause ("wordt … onderzocht"), in reading order."""
    auxiliaries = language().passive_auxiliaries
    if not any(t.normal in auxiliaries for t in sentence.words):
        return None
    for clause in clauses(sentence):
        auxiliary = next((t for t in clause if t.normal in auxiliaries), None)
        participle = next(
            (t for t in clause if t.normal not in auxiliaries and is_participle(t.normal)), None
        )
        if auxiliary is not None and participle is not None:
            return (auxiliary, participle) if auxiliary.start < participle.start else (participle, auxiliary)
    return None


def nominalisations(sentence: Sentence) -> list[str]:
    """Nouns made from verbs with -ing (behandeling, verwijzing): a verb usually reads easier."""
    lang = language()
    found = []
    for tok in sentence.words:
        word = tok.normal
        stem = word[:-2] if word.endswith("ingen") else word
        # a plain word (verzekering) and its compounds (zorgverzekering) are not heavy nouns
        heavy = tok.kind == "word" and len(stem) >= 7 and stem.endswith("ing")
        if heavy and not stem.endswith(lang.not_nominalisations):
            found.append(tok.text)
    return found
