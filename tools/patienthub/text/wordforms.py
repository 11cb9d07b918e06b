"""Dutch-aware matching of a word or phrase, as editors expect it.

A phrase matches case-insensitively, as whole words, with the plural and diminutive forms of its last word
(hernia's, rode vlaggen, syndromen, facetgewrichtje) and, where asked, inside compound words (lumbagoklachten,
HNP-operatie). Generating a few impossible forms is harmless: they never occur in text. Missing a real form is
not, so the rules err on the side of more forms.
"""

from __future__ import annotations

import re
from functools import cache

VOWELS = "aeiouy"
# Endings of plurals (-en, -s, -'s), adjectives (-e) and diminutives (-je, -tje, -pje, -etje, -ke).
ENDINGS = (
    "e",
    "en",
    "ën",
    "n",
    "s",
    "'s",
    "’s",
    "je",
    "jes",
    "tje",
    "tjes",
    "pje",
    "pjes",
    "etje",
    "etjes",
    "ke",
)
_WORD = re.compile(r"\w+$")
# The endings of `ENDINGS` that make a plural (not an adjective form or a diminutive).
PLURAL_ENDINGS = frozenset({"en", "ën", "n", "s", "'s", "’s"})


def stems(word: str) -> list[tuple[str, tuple[str, ...]]]:
    """Spellings of a word's stem, each with the endings it takes: vlag → vlagg+en, syndroom → syndrom+en,
    degeneratief → degeneratiev+e, huis → huiz+en."""
    if word.isupper() and len(word) > 1:  # an abbreviation: HNP's, never "happen" from HAP
        return [(word, ("'s", "’s"))]
    low = word.lower()
    found: list[tuple[str, tuple[str, ...]]] = [(word, ENDINGS)]
    if len(low) < 2 or low[-1] in VOWELS or not low[-1].isalpha():
        return found
    single_short_vowel = low[-2] in VOWELS and (len(low) < 3 or low[-3] not in VOWELS)
    if single_short_vowel and low[-1] not in "wjx":
        found.append((word + word[-1], ("e", "en", "etje", "etjes")))
    if len(low) >= 3 and low[-2] in "aeou" and low[-2] == low[-3]:
        found.append((word[:-2] + word[-1], ("e", "en")))
    if low[-1] == "f":
        found.append((word[:-1] + "v", ("e", "en")))
    if low[-1] == "s" and low[-2] != "s":
        found.append((word[:-1] + "z", ("e", "en")))
    return found


def word_forms(word: str) -> set[str]:
    """Every form of one word that the pattern of that word matches, lower case."""
    forms = {word.lower()}
    forms.update((stem + ending).lower() for stem, endings in stems(word) for ending in endings)
    return forms


def _literal(text: str) -> str:
    """A literal phrase: any run of spaces matches any whitespace (a line break in a paragraph); a hyphen also
    matches a space or nothing (cauda-equinasyndroom, cauda equinasyndroom)."""
    parts = []
    for piece in re.split(r"(\s+|-)", text):
        if not piece:
            continue
        if piece == "-":
            parts.append(r"[-\s]?")
        elif piece.isspace():
            parts.append(r"\s+")
        else:
            parts.append(re.escape(piece))
    return "".join(parts)


def _inflected(text: str) -> str:
    last = _WORD.search(text)
    if last is None:
        return _literal(text)  # ends in a symbol: nothing to inflect
    head = _literal(text[: last.start()]) if last.start() else ""
    options = []
    for stem, endings in stems(last.group(0)):
        ending_group = "|".join(re.escape(e) for e in sorted(endings, key=len, reverse=True))
        optional = "?" if stem == last.group(0) else ""
        options.append(f"{re.escape(stem)}(?:{ending_group}){optional}")
    return head + "(?:" + "|".join(options) + ")"


def bounded(core: str, *, compounds: bool = False) -> str:
    """Whole words only; with `compounds`, also as part of a longer word (the match then covers the whole
    word). A hyphenated word counts as one word: 'lumbago-klachten' matches only where compounds are
    allowed."""
    if compounds:
        return rf"(?<![\w-])(?:\w[\w-]*?)?(?:{core})(?:[\w-]*\w)?(?!\w)"
    return rf"(?<!\w)(?<!\w-)(?:{core})(?!\w)(?!-\w)"


def is_abbreviation(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# Text every match of a phrase pattern contains (case-folded): a text without it cannot match, and a substring
# test is far cheaper than running the pattern (most prose blocks contain none of a termbase's variants).
_REQUIRED: dict[re.Pattern[str], str] = {}


def _required(text: str) -> str:
    """The first word of a phrase (matched literally), or for a one-word phrase its literal start plus the start
    all spellings of its stem share (syndroom, syndrom+en → "syndro")."""
    pieces = [piece for piece in re.split(r"\s+|-", text) if piece]
    if len(pieces) != 1:
        return pieces[0].casefold() if pieces else ""
    last = _WORD.search(pieces[0])
    if last is None:
        return pieces[0].casefold()
    shared = last.group(0).casefold()
    for stem, _ in stems(last.group(0)):
        while not stem.casefold().startswith(shared):
            shared = shared[:-1]
    return pieces[0][: last.start()].casefold() + shared


def required_text(pattern: re.Pattern[str]) -> str:
    """What `pattern` needs to find in a case-folded text ("" when unknown: an editor's own regex)."""
    return _REQUIRED.get(pattern, "")


@cache
def phrase_pattern(text: str, *, inflect: bool = True, compounds: bool = False) -> re.Pattern[str]:
    """The pattern of a literal phrase. Abbreviations match in capitals only: HAP is not "hap"."""
    text = text.strip()
    core = _inflected(text) if inflect else _literal(text)
    flags = 0 if is_abbreviation(text) else re.IGNORECASE
    pattern = re.compile(bounded(core, compounds=compounds), flags)
    _REQUIRED[pattern] = _required(text)
    return pattern


def regex_pattern(source: str, *, compounds: bool = False) -> re.Pattern[str]:
    """An editor's own regular expression, case-insensitive and bounded like a phrase. Raises re.error."""
    re.compile(source)  # report the editor's expression, not our wrapper, when it does not compile
    pattern = re.compile(bounded(source, compounds=compounds), re.IGNORECASE)
    _REQUIRED[pattern] = _regex_required(source)
    return pattern


def _regex_required(source: str) -> str:
    """The longest run of letters an editor's expression matches literally outside any group, class or
    quantifier ('(neem|houd)( \\w+){0,2} rust' → "rust"); "" when in doubt (inline flags, a top-level |)."""
    if "(?" in source:
        return ""
    runs, run, depth, i = [], "", 0, 0
    while i < len(source):
        char = source[i]
        following = source[i + 1] if i + 1 < len(source) else ""
        if char == "\\":
            runs.append(run)
            run, i = "", i + 2
            continue
        if char == "[":
            runs.append(run)
            run, i = "", _class_end(source, i)
            continue
        if char == "|" and depth == 0:
            return ""
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if depth == 0 and char.isalpha() and following not in ("?", "*", "{", "+"):
            run += char
        else:
            runs.append(run)
            run = ""
        i += 1
    runs.append(run)
    return max(runs, key=len).casefold()


def _class_end(source: str, start: int) -> int:
    """The index after the `]` that closes the character class opened at `start`."""
    i = start + 1
    if i < len(source) and source[i] == "^":
        i += 1
    if i < len(source) and source[i] == "]":  # a ] first in a class is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _first_lower(text: str) -> str:
    """Whitespace as one space, first letter in lower case: how forms are compared."""
    text = " ".join(text.split())
    return text[:1].lower() + text[1:]


def form_of(phrase: str, found: str) -> str | None:
    """Which form of the literal `phrase` the text `found` is: "base" (as written), "plural", or None for any
    other form (a diminutive, an adjective ending, a compound word, another spelling or other capitals).
    Only the first letter may differ in case: that is the sentence's business, not the word's."""
    head, space, last = " ".join(phrase.split()).rpartition(" ")
    forms = {
        "base": [phrase],
        "plural": [
            head + space + stem + ending
            for stem, endings in stems(last)
            for ending in endings
            if ending in PLURAL_ENDINGS
        ],
    }
    key = _first_lower(found)
    for form, candidates in forms.items():
        if any(_first_lower(candidate) == key for candidate in candidates):
            return form
    return None


def starts_sentence(text: str, offset: int) -> bool:
    """Whether the word at `offset` begins a sentence of `text` (masked prose, or a title)."""
    before = text[:offset].rstrip()
    return not before or before[-1] in ".!?"


def match_case(replacement: str, found: str, phrase: str, at_sentence_start: bool) -> str:
    """`replacement` capitalised like the `found` variant of `phrase`: a capital that belongs to the variant
    itself (HNP, a name) says nothing, so the sentence decides (HNP at the start of a sentence -> Hernia)."""
    capital = at_sentence_start if phrase[:1].isupper() else found[:1].isupper()
    if capital and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
