"""Dutch text as a reader meets it: words, syllables and sentences, and the two Dutch readability formulas.

Pure functions over plain text (see prose.py for Markdown → text). No global mutable state: the language data
is read once from data/dutch.yml into a frozen value, and the only caches are memos of pure functions.

Conventions (the test corpus is hand-counted by the same rules):
- A word is a run of letters with inner hyphens and apostrophes (e-mail, zo'n, auto's, NHG-Standaard), a
  number (2,5 · 10.30 · 3e), a code (L03, EQ-5D), a dotted abbreviation (d.w.z.), a web address
  (Thuisarts.nl, www.nhg.org/folder, https://…) or an e-mail address. An address is one word, and a full stop
  after it still ends the sentence. Clitics ('s nachts, 't) are not words: they are spoken as part of the
  next word.
- Syllables: Pyphen's Dutch hyphenation splits a word, and every piece counts its spoken vowels (aa, ie, eeu
  and the like are one; a diaeresis starts a new one), so short words and vowel clashes (i-dee, mu-se-um) are
  not undercounted; ë before a vowel pair (beëindigen), u after q (frequentie) and y before a vowel (yoga) are
  read as Dutch readers say them, and a list of English loans (team, website) has its own counts. Acronyms
  (MRI, NHG) count one syllable per letter, numbers one per group of digits, an address the letters of its
  host (not its path: nobody reads that aloud).
- A sentence ends at . ! ? or … followed by white space and a word that does not start with a lower-case
  letter, except after an abbreviation (bijv., o.a., dr.) or an initial (J. Jansen). Units, dates and list
  closers (min., jr., a.s., jan., enz.) end a sentence only before a capital; an unknown short abbreviation
  before a digit does not end one ("Zie p. 5"). The end of a text unit (heading, list item, table cell,
  paragraph) always ends a sentence.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import pyphen

from patienthub.core import memo, packagedata
from patienthub.text.phrases import Hit, Searches, find_all
from patienthub.text.wordforms import phrase_pattern, regex_pattern, required_text


@cache
def _hyphenator() -> pyphen.Pyphen:
    """Loaded on first use (a run served from the cache may need none of it).
    Pyphen's defaults (left=2, right=2) never split off a single letter, so "e-ven" or "i-dee" lose a syllable."""
    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


_L = r"[^\W\d_]"  # a letter in any script
_PART = rf"{_L}+(?:\({_L}+\){_L}*)?"  # letters, or letters with an optional part: patiënten(sub)groepen
_HYPHEN = r"\-\u2010\u2011"
_APOSTROPHE = "'\u2019"
_TLD = r"(?i:nl|com|org|net|eu|be|info|nu|de|uk|io|gov|edu|int)"
# Addresses are bounded (a host of at most 9 labels, an e-mail name of at most 64 characters, a URL of at most
# 2,000): a long run like "woord.woord.woord…" is then scanned in linear time, not once from every word in it.
_HOST = rf"[^\W_]{{1,63}}(?:[.{_HYPHEN}][^\W_]{{1,63}}){{0,8}}"
_URL_CHAR = r"[^\s<>()\[\]\"'“”‘’]"  # anything but space, brackets and quotes
# an address never ends in punctuation: that belongs to the sentence
_URL_END = r"[^\s<>()\[\]\"'“”‘’.,;:!?…]"
_TOKEN = re.compile(
    rf"""
    (?P<email>(?<![^\W_])[^\W_][\w.+{_HYPHEN}]{{0,63}}@{_HOST}\.{_L}{{2,}}(?![^\W_]))
  | (?P<url>(?<![^\W_])(?:(?i:https?|ftp)://|(?i:www)\.){_URL_CHAR}{{0,2000}}{_URL_END}
           |(?<![^\W_]){_HOST}\.{_TLD}/(?:{_URL_CHAR}{{0,2000}}{_URL_END})?)
  | (?P<dotted>(?<![^\W_])(?:{_L}{{1,2}}\.){{2,}}(?![^\W_]))                     # d.w.z.  o.a.  J.P.
  | (?P<domain>(?<![^\W_]){_HOST}\.{_TLD}(?![^\W_]))
  | (?P<number>(?<![^\W_])\d+(?:[.,:]\d+)*(?:ste|de|e)?(?![^\W_]))           # 2,5  10.30  3e  1ste
  | (?P<code>(?<![^\W_])(?=[\w.{_HYPHEN}]{{0,64}}\d)[^\W_]+(?:[.{_HYPHEN}][^\W_]+)*)  # L03  EQ-5D  COVID-19  M54.5
  | (?P<word>[{_APOSTROPHE}]?{_PART}(?:[{_APOSTROPHE}{_HYPHEN}]{_PART})*(?:[{_HYPHEN}](?=\s|$))?)
    """,
    re.VERBOSE,
)
_TERMINAL = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_OPENERS = "\"'“‘„«(["
_ACCENTS = str.maketrans("áàâéèêíìîóòôúùû", "aaaeeeiiiooouuu")
_DIAERESIS = "äëïöü"
_VOWELS = "aeiouy" + _DIAERESIS
_DIAERESIS_PLAIN = dict(zip(_DIAERESIS, "aeiou", strict=True))
# Vowel letters spoken as consonants: u after q (fre-quen-tie) and y before a vowel (yo-ga, ro-yaal).
_CONSONANTAL = re.compile(r"qu(?=[aeiouyáàâéèêëíìîóòôúùû])|y(?=[aeiouáàâéèêëíìîóòôúùû])")
_SPOKEN = {"qu": "kw", "y": "j"}


@dataclass(frozen=True)
class Language:
    """The word lists of data/dutch.yml, as frozen sets."""

    abbreviations: frozenset[str]
    sentence_final_abbreviations: frozenset[str]
    letter_labels: frozenset[str]
    short_words: frozenset[str]
    clitics: frozenset[str]
    vowel_groups: tuple[str, ...]
    inflection_endings: tuple[str, ...]
    passive_auxiliaries: frozenset[str]
    zijn_auxiliaries: frozenset[str]
    hebben_forms: frozenset[str]
    other_verbs: frozenset[str]
    determiners: frozenset[str]
    after_auxiliary: frozenset[str]
    zijn_not_passive: frozenset[str]
    zijn_with_particles: frozenset[str]
    strong_participles: frozenset[str]
    ge_verbs: frozenset[str]
    not_participles: frozenset[str]
    prefixed_participles: frozenset[str]
    clause_openers: frozenset[str]
    inseparable_prefixes: tuple[str, ...]
    separable_particles: tuple[str, ...]
    not_nominalisations: tuple[str, ...]
    address_formal: frozenset[str]
    address_informal: frozenset[str]
    loanword_syllables: tuple[tuple[str, int], ...]  # longest first: "website" before "site"
    plain_words: frozenset[str]  # data/plain-words.yml, all domains


def _data(name: str) -> dict:
    return packagedata.yaml_file(name)


@cache
def language() -> Language:
    raw = _data("dutch.yml")
    plain = _data("plain-words.yml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower().replace("’", "'") for w in raw[key])

    return Language(
        abbreviations=words("abbreviations"),
        sentence_final_abbreviations=words("sentence_final_abbreviations"),
        letter_labels=words("letter_labels"),
        short_words=words("short_words"),
        clitics=words("clitics"),
        vowel_groups=tuple(sorted(raw["vowel_groups"], key=len, reverse=True)),
        inflection_endings=tuple(dict.fromkeys(str(e) for e in raw["inflection_endings"])),
        passive_auxiliaries=words("passive_auxiliaries"),
        zijn_auxiliaries=words("zijn_auxiliaries"),
        hebben_forms=words("hebben_forms"),
        other_verbs=words("other_verbs"),
        determiners=words("determiners"),
        after_auxiliary=words("after_auxiliary"),
        zijn_not_passive=words("zijn_not_passive"),
        zijn_with_particles=words("zijn_with_particles"),
        strong_participles=words("strong_participles"),
        ge_verbs=words("ge_verbs"),
        not_participles=words("not_participles"),
        prefixed_participles=words("prefixed_participles"),
        clause_openers=words("clause_openers"),
        inseparable_prefixes=tuple(raw["inseparable_prefixes"]),
        separable_particles=tuple(raw["separable_particles"]),
        not_nominalisations=tuple(sorted(words("not_nominalisations"))),
        address_formal=words("address_formal"),
        address_informal=words("address_informal"),
        loanword_syllables=tuple(
            sorted(
                ((str(w).lower(), int(n)) for w, n in raw["loanword_syllables"].items()),
                key=lambda pair: -len(pair[0]),
            )
        ),
        plain_words=frozenset(str(w).lower() for domain in plain.values() for w in domain),
    )


class Token(NamedTuple):
    text: str
    start: int  # offset in the text that was tokenised
    kind: str  # word | clitic | dotted | domain | url | email | number | code
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
    if kind in ("url", "email"):
        text = _host(text)
        kind = "domain"
    if kind in ("number", "code", "dotted", "domain"):
        total = 0
        for run in re.findall(r"\d+|[^\W\d_]+", text):
            if run[0].isdigit():
                total += 1
            elif run.isupper() or kind == "dotted" or len(run) <= 2 or not set(run.lower()) & set(_VOWELS):
                total += len(run)  # letters read one by one: L03, EQ-5D, d.w.z., nhg.org
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


def _host(address: str) -> str:
    """The part of an address a reader says: nhg.org for https://www.nhg.org/folder, all of info@nhg.org."""
    if "@" in address:
        return address
    host = re.sub(r"^(?:(?:https?|ftp)://)?(?:www\.)?", "", address, flags=re.IGNORECASE)
    return re.split(r"[/?#:]", host, maxsplit=1)[0] or address


@memo.persistent("dutch.syllables")  # kept between runs: an unchanged page never loads Pyphen
def syllables(word: str) -> int:
    """Spoken syllables of one Dutch word (at least 1)."""
    loan = _loan_syllables(word.lower())
    if loan is not None:
        return loan
    total = 0
    for part in re.split(rf"[{_HYPHEN}{_APOSTROPHE}]", word.lower()):
        if not part:
            continue
        loan = _loan_syllables(part)
        if loan is not None:
            total += loan
            continue
        part = _CONSONANTAL.sub(lambda m: _SPOKEN[m.group()], part)
        cuts = [0, *_hyphenator().positions(part), len(part)]
        total += sum(_vowel_sounds(part[a:b]) for a, b in itertools.pairwise(cuts))
    return max(total, 1)


# Endings a loan takes in Dutch, with the syllables they add: mail-tje, mai-len, teams.
_LOAN_ENDINGS = {"": 0, "s": 0, "'s": 0, "t": 0, "je": 1, "jes": 1, "tje": 1, "tjes": 1, "en": 1, "de": 1}
_LOAN_ENDINGS |= {"te": 1, "er": 1, "ers": 1}


def _loan_syllables(word: str) -> int | None:
    """The syllables of an English loan, alone, inflected or as the first or last part of a compound; None for
    any other word. A part of a compound has at least three letters, so "visite" is not vi + site."""
    loans = language().loanword_syllables
    for loan, count in loans:
        if word.startswith(loan):
            rest = word[len(loan) :].lstrip("-")
            if rest in _LOAN_ENDINGS:
                return count + _LOAN_ENDINGS[rest]
            if len(rest) >= 3 and _loan_syllables(rest) is None:
                return count + syllables(rest)
        stem = word[:-1] if word.endswith("s") else word
        if stem.endswith(loan) and len(stem) - len(loan) >= 3:
            head = stem[: -len(loan)].rstrip("-")
            return syllables(head) + count
    return None


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
            # a diaeresis starts a new vowel, which may be a pair: be-ëin-di-gen, re-ëel
            plain = _DIAERESIS_PLAIN[char] + piece[i + 1 : i + 3]
            i += next((len(g) for g in groups if plain.startswith(g)), 1)
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
_LONG_STEM = re.compile(r"^(.+?)([aeiou])\2([^aeiou])$")  # the same after any letter: evalueer → evalueren


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


@lru_cache(maxsize=512)  # the units of the page being checked: its checks run one after the other
def sentences(text: str) -> tuple[Sentence, ...]:
    """Split one text unit into sentences. A stretch without words (a lone dash) is no sentence. Remembered:
    the readability, advice and terminology checks split the same units of a page."""
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
    return tuple(out)


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
    by_end = {t.end: i for i, t in enumerate(toks)}
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
        at = by_end.get(match.start())
        if marks == "." and at is not None and not _abbreviation_stops(toks, at, following, lang):
            continue
        found.append(end)
    # a dotted abbreviation carries its own final dot: "… e.a. Daarna …"
    for index, tok in enumerate(toks[:-1]):
        if tok.kind == "dotted" and _abbreviation_stops(toks, index, toks[index + 1], lang):
            found.append(tok.end)
    return sorted(set(found))


def _abbreviation_stops(toks: list[Token], at: int, following: Token, lang: Language) -> bool:
    """Whether a full stop after toks[at] ends the sentence, given the next token starts a new one."""
    previous = toks[at]
    starts_upper = following.text.lstrip(_OPENERS)[:1].isupper() or following.kind == "clitic"
    name = previous.text.lower().rstrip(".")
    if previous.kind == "dotted":
        if name in lang.abbreviations or previous.text[:1].isupper():
            return False  # d.w.z., o.a., initials: J.P. Bakker
        return starts_upper  # enz., z.s.m., and unknown ones: "1 tablet p.d. Niet meer."
    if previous.kind != "word":
        return True  # a number, code or address: "om 10.30. Daarna", "op www.nhg.org. Die"
    if name in lang.sentence_final_abbreviations:
        return starts_upper
    if name in lang.abbreviations:
        return False
    if len(previous.text) == 1 and previous.text.isupper() and starts_upper:
        # an initial (J. Jansen), unless the letter is a label's or a unit's: "vitamine D. Die", "37,5 °C. Dat"
        before = toks[at - 1] if at else None
        return before is not None and (before.normal in lang.letter_labels or before.kind == "number")
    # an unknown abbreviation before a digit goes on: "Zie p. 5", "tot blz. 12"
    return starts_upper or not _abbreviated(previous, lang)


def _abbreviated(tok: Token, lang: Language) -> bool:
    """A lower-case word that reads like an abbreviation: no vowel (blz, hfst), or short and not a Dutch word."""
    word = tok.normal
    if not word.isalpha() or not word.islower():
        return False
    return not any(c in _VOWELS for c in word) or (len(word) <= 3 and word not in lang.short_words)


def flesch_douma(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease with Douma's constants for Dutch (higher is easier; B1 text scores about 60-80)."""
    return 206.835 - 0.93 * (words / sentences) - 77 * (syllables / words)


def brouwer(words: int, sentences: int, syllables: int) -> float:
    """Brouwer's reading index for Dutch, from the same counts."""
    return 195 - 2 * (words / sentences) - 67 * (syllables / words)


# --- grammar signals for plain-language advice (suggestions: precision matters more than recall) ----------

_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\[\]–—]|\s-\s")
_NEVER_PARTICIPLE = ("heid", "schap", "nis", "ing")
_KOFSCHIP = ("t", "k", "f", "s", "ch", "p")  # a stem ending in one of these takes -t, any other -d
KNOWN_VERB_ZIPF = 2.0  # a weak participle's verb must be at least this common: geopereerd → opereren


@memo.persistent("wordfreq.zipf-nl")  # kept between runs: an unchanged page never loads wordfreq's list
def zipf(word: str) -> float:
    """How common a Dutch word is (wordfreq's Zipf scale: 3 is once per million words, 0 unknown)."""
    from wordfreq import zipf_frequency  # imported on first use: a run served from the cache needs none of it

    return zipf_frequency(word, "nl")


def _infinitives(stem: str) -> tuple[str, ...]:
    """The infinitives a participle's stem may come from: werk → werken, bel → bellen, opereer → opereren,
    leef → leven, reis → reizen, ïnformeer → informeren."""
    stem = stem.translate(str.maketrans("ëï", "ei"))
    found = [stem + "en"]
    if (
        len(stem) >= 2
        and stem[-1] not in _VOWELS
        and stem[-2] in "aeiou"
        and stem[-3:-2] not in tuple("aeiou")
    ):
        found.append(stem + stem[-1] + "en")
    long_ = _LONG_STEM.match(stem)
    if long_:
        head, vowel, tail = long_[1], long_[2], {"f": "v", "s": "z"}.get(long_[3], long_[3])
        found.append(head + vowel + tail + "en")
        if head[-1:] in "aeiou" and head:  # evalueer → evalueren, definieer → definiëren
            found.append(head + "ëéïöü"["eéiou".index(vowel)] + tail + "en" if vowel in "eéiou" else "")
    if stem.endswith(("f", "s")):
        found.append(stem[:-1] + {"f": "v", "s": "z"}[stem[-1]] + "en")
    return tuple(f for f in dict.fromkeys(found) if f)


def _known_verb(stem: str) -> bool:
    return len(stem) >= 2 and any(zipf(verb) >= KNOWN_VERB_ZIPF for verb in _infinitives(stem))


@lru_cache(maxsize=1 << 14)
def is_participle(word: str) -> bool:
    """Whether a lower-case word is a past participle: gedaan, opgenomen, behandeld, onderzocht. Precision
    first: a ge- word is one only when it is a listed strong participle (genomen) or its verb is a known Dutch
    word (gewerkt → werken), so nouns like gewichten, geheugen and gebouwen are not."""
    lang = language()
    if len(word) < 5 or word in lang.not_participles or word.endswith(_NEVER_PARTICIPLE):
        return False
    if word in lang.prefixed_participles or word in lang.strong_participles:
        return True
    present = word[:-1] if word.endswith("ende") else word
    infinitive = present[:-1]
    if present.endswith("end") and zipf(infinitive) >= KNOWN_VERB_ZIPF and not _known_verb(infinitive):
        return (
            False  # a present participle: lopend (lopen); verdiend (verdienen), verleend (verlenen) are past
        )
    if word.startswith("ge") and word.endswith(("d", "t")):
        # a verb that starts with ge- itself: gebruikt and gebeurd are participles, gebeurt and geeft not
        for verb in _infinitives(word[:-1]):
            if verb in lang.ge_verbs:
                return word.endswith("d") or verb[:-2].endswith(_KOFSCHIP)
    for particle in ("", *lang.separable_particles):
        if not word.startswith(particle):
            continue
        rest = word[len(particle) :]
        if rest in lang.not_participles or len(rest) < 5:
            continue
        if rest in lang.strong_participles or rest in lang.prefixed_participles:
            return True
        # the stem keeps a final d or t of its own: gezet (zetten), gered (redden), gepraat (praten)
        if (
            rest.startswith("ge")
            and rest.endswith(("d", "t"))
            and (_known_verb(rest[2:-1]) or _known_verb(rest[2:]))
        ):
            return True
        prefixed = any(rest.startswith(p) and len(rest) - len(p) >= 3 for p in lang.inseparable_prefixes)
        if prefixed and rest.endswith("d") and _known_verb(rest[:-1]):
            return True  # behandeld (behandelen); a stem ending in d (vergoed) is listed
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
    """A passive in one clause, as (first, second) in reading order: a form of "worden" with a past participle
    ("wordt … onderzocht"), or a form of "zijn" with one ("zijn … uitgevoerd", "is aangepast") that is no
    perfect tense of a verb taking "zijn" (is gegaan) and no state (is ontstoken)."""
    lang = language()
    auxiliaries = lang.passive_auxiliaries | lang.zijn_auxiliaries
    if not any(t.normal in auxiliaries for t in sentence.words):
        return None
    for clause in clauses(sentence):
        pair = _worden_passive(clause, lang) or _zijn_passive(clause, lang)
        if pair is not None:
            auxiliary, participle = pair
            return (auxiliary, participle) if auxiliary.start < participle.start else (participle, auxiliary)
    return None


def _participles(clause: list[Token], lang: Language) -> list[Token]:
    """The clause's participles that belong to a verb: not one after an article ("de afgelopen jaren")."""
    return [
        t
        for i, t in enumerate(clause)
        if t.kind == "word"
        and t.normal not in lang.passive_auxiliaries
        and not (i and clause[i - 1].normal in lang.determiners)
        and is_participle(t.normal)
    ]


def _worden_passive(clause: list[Token], lang: Language) -> tuple[Token, Token] | None:
    auxiliary = next((t for t in clause if t.normal in lang.passive_auxiliaries), None)
    participles = _participles(clause, lang) if auxiliary is not None else []
    return (auxiliary, participles[0]) if auxiliary is not None and participles else None


def _zijn_passive(clause: list[Token], lang: Language) -> tuple[Token, Token] | None:
    if any(t.normal in lang.hebben_forms or t.normal in lang.passive_auxiliaries for t in clause):
        return None  # a perfect tense (heeft … gedaan), or worden's own passive
    for index, auxiliary in enumerate(clause):
        if auxiliary.normal not in lang.zijn_auxiliaries:
            continue
        participles = [t for t in _participles(clause, lang) if not _takes_zijn(t.normal, lang)]
        if not participles:
            return None
        participle = min(participles, key=lambda t: abs(t.start - auxiliary.start))
        if auxiliary.normal == "zijn" and not _auxiliary_zijn(clause, index, participle):
            continue  # "zijn" as "his": "zijn rug is …" is read at "is"
        return auxiliary, participle
    return None


def _takes_zijn(participle: str, lang: Language) -> bool:
    """A participle that makes no passive with "zijn", also after a particle: opgevallen, binnengekomen."""
    return participle in lang.zijn_not_passive or any(
        participle.startswith(p) and participle[len(p) :] in lang.zijn_with_particles
        for p in lang.separable_particles
    )


def _auxiliary_zijn(clause: list[Token], index: int, participle: Token) -> bool:
    """Whether "zijn" is the verb, not "his". It is next to the participle, or ends the clause; it is "his"
    when the clause has another verb ("zijn rug is …", "kan zijn rug …"), or when it opens the clause before
    anything but an adverb ("Zijn vrouw …", but "Zijn er …")."""
    if index == len(clause) - 1:
        return True
    following = clause[index + 1]
    if following is participle or (index and clause[index - 1] is participle):
        return True
    lang = language()
    if any(
        t.normal in lang.zijn_auxiliaries or t.normal in lang.other_verbs
        for i, t in enumerate(clause)
        if i != index
    ):
        return False
    return index > 0 or following.normal in lang.after_auxiliary


_INFINITIVE_NOUN = re.compile(
    r"\b(?:het|Het)\s+(?P<verbs>[^\W\d_]{4,}en(?:(?:\s*,\s*|\s+en\s+|\s+of\s+)[^\W\d_]{4,}en)*)\s+van\b"
)
LONG_INFINITIVE = 8  # "het tillen van" is plain Dutch; "het implementeren van" a noun made of a verb


def nominalisations(sentence: Sentence) -> list[str]:
    """Verbs turned into nouns, which make a sentence heavy: -ing (behandeling, verwijzing), -atie and -tie
    (implementatie, consultatie) and an infinitive with "het … van" (het opzetten en uitvoeren van; a single
    short one, "het tillen van", is plain). Plain words and their compounds (zorgverzekering, informatie) are
    not heavy."""
    lang = language()
    found = []
    for tok in sentence.words:
        word = tok.normal
        if tok.kind != "word" or word.endswith(lang.not_nominalisations):
            continue
        stem = word[:-2] if word.endswith("ingen") else word[:-1] if word.endswith("ties") else word
        if (len(stem) >= 7 and stem.endswith("ing")) or (len(stem) >= 9 and stem.endswith("tie")):
            found.append(tok.text)
    for match in _INFINITIVE_NOUN.finditer(sentence.text):
        verbs = re.split(r"\s*,\s*|\s+en\s+|\s+of\s+", match["verbs"])
        if len(verbs) > 1 or len(verbs[0]) >= LONG_INFINITIVE:
            found.append(" ".join(match.group().split()))
    return found


# --- officialese ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Officialese:
    """An officialese word or phrase of data/officialese.yml and its plain alternative."""

    text: str
    plain: str


class _Prefiltered(Searches[Officialese]):
    """Searches with a needle of our choosing: the longest word of a phrase ("betrekking", not "met"), or the
    word a regex entry says every match contains. Most sentences contain none, and are passed over."""

    def __init__(self, entries: list[tuple[str, re.Pattern[str], Officialese]]) -> None:
        self.entries = entries


@cache
def _officialese() -> Searches[Officialese]:
    entries = []
    for key, spec in _data("officialese.yml").items():
        entry = Officialese(str(key), str(spec["plain"]))
        compounds = bool(spec.get("compounds", False))
        if "regex" in spec:
            pattern = regex_pattern(spec["regex"], compounds=compounds)
            entries.append((str(spec.get("contains", "")).casefold(), pattern, entry))
            continue
        inflect = bool(spec.get("inflect", False))
        for form in (entry.text, *spec.get("forms", ())):
            pattern = phrase_pattern(str(form), inflect=inflect, compounds=compounds)
            words = [w.casefold() for w in str(form).split()]
            if inflect:  # the last word may be inflected: only the start its forms share is required
                words[-1] = required_text(phrase_pattern(words[-1], inflect=True, compounds=compounds))
            needle = max(words, key=len)
            entries.append((needle, pattern, entry))
    return _Prefiltered(entries)


def officialese(text: str, within: str | None = None) -> list[Hit[Officialese]]:
    """Every officialese word or phrase in a text, with its offsets (longest first where two overlap). `within`:
    the whole text `text` is a part of (a page's prose), so the list is narrowed once per page, not per part."""
    searches = _officialese() if within is None else _narrowed_officialese(within)
    return find_all(text, searches)


@lru_cache(maxsize=8)
def _narrowed_officialese(whole: str) -> Searches[Officialese]:
    return _officialese().within(whole.casefold())


def number(value: float) -> str:
    """A score the Dutch way: 52,3."""
    return f"{value:.1f}".replace(".", ",")
