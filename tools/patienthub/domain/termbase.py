"""The termbase: the one list of words we use with patients (content/_data/terms.yml).

Each entry names the preferred patient term, the variants to avoid, a B1 explanation for the glossary and the
tooltips, optional professional term, codes and source, and examples that must or must not be flagged. The
termbase tests itself: `patienthub check` runs every example, and so does the test suite.

    names:                       # proper names (guideline titles): never flagged, whatever their words
      - NHG-Standaard Aspecifieke lagerugpijn
    terms:
      hernia:                    # the key is the anchor in the glossary: /woordenlijst/#hernia
        preferred: hernia
        avoid:
          - {text: HNP, fix: {base: hernia, plural: hernia's}}   # `patienthub fix` may replace these forms
          - {text: hernia nuclei pulposi, fix: true}             # true: the variant as written -> preferred
          - discushernia                                         # no fix: reported, never replaced
        explanation: Een tussenwervelschijf puilt uit. ...
        professional: hernia nuclei pulposi (HNP)
        codes: {icd10: [M51.1]}
        source: Thuisarts.nl, Hernia in de rug; NHG-Standaard Lumbosacraal radiculair syndroom (2015)
        severity: warning        # error | warning | suggestion (default: warning)
        compounds: false         # variants also match inside compound words (HNP-operatie)
        examples:
          flag: [Op de MRI was een HNP te zien.]
          pass: [Op de MRI was een hernia te zien.]

Automatic replacement is an explicit opt-in per variant, because a replacement must be right in every sentence
(article, meaning, grammar): `fix: {base: …, plural: …}` names what the variant as written and its plural become;
a form without a replacement (a diminutive, an adjective ending, a compound word) is never replaced. A variant
without `fix` ("aspecifiek": no noun fits every sentence) is only reported.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.codes import SYSTEMS, canonical
from patienthub.text import dutch
from patienthub.text.datafiles import load_data_file
from patienthub.text.phrases import EntryReader, Example, Fix, Hit, Phrase, Searches, find_all
from patienthub.text.schemas import validate_entries
from patienthub.text.textmask import mask_prose, prose_texts
from patienthub.text.wordforms import form_of, match_case, phrase_pattern, required_text, word_forms

DEFAULT_FILE = "terms.yml"
SCHEMA = "terms.schema.json"
MAX_EXPLANATION_SENTENCES = 2
MAX_SENTENCE_WORDS = 15

INVALID = Rule(
    "terminology.termbase-invalid",
    Severity.ERROR,
    "Een term in de termenlijst is onvolledig of klopt niet (zoals een ongeldige reguliere expressie).",
)
STYLE = Rule(
    "terminology.termbase-style",
    Severity.WARNING,
    "De uitleg van een term is te lang voor B1 (meer dan 2 zinnen of een zin van meer dan 15 woorden).",
)
UNSOURCED = Rule(
    "terminology.termbase-unsourced",
    Severity.WARNING,
    "Een term in de termenlijst noemt geen bron (source) voor zijn uitleg.",
)
EXAMPLE_FAILED = Rule(
    "terminology.example-failed",
    Severity.ERROR,
    "Een voorbeeld in de termenlijst geeft niet de uitkomst die erbij staat.",
)


@dataclass(frozen=True)
class Term:
    key: str
    preferred: str
    explanation: str
    avoid: tuple[Phrase, ...] = ()
    professional: str | None = None
    codes: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str | None = None
    severity: Severity = Severity.WARNING
    examples: tuple[Example, ...] = ()
    line: int | None = None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """How the preferred term is recognised in text (for tooltips, search synonyms)."""
        return phrase_pattern(self.preferred)

    @property
    def avoid_texts(self) -> list[str]:
        """The variants as words a person can read: literals and labelled regexes."""
        return [phrase.text for phrase in self.avoid if phrase.text]

    def severity_of(self, phrase: Phrase) -> Severity:
        return phrase.severity or self.severity

    def replacement(self, phrase: Phrase, found: str, at_sentence_start: bool) -> str | None:
        """What `patienthub fix` writes for `found` (a match of `phrase`), or None when this form may not be
        replaced automatically. Capitals follow the sentence; a curly apostrophe stays curly."""
        fix = phrase.fix
        if fix is None:
            return None
        form = form_of(phrase.text, found)
        target = fix.base if form == "base" else fix.plural if form == "plural" else None
        if not target:
            return None
        if "’" in found:
            target = target.replace("'", "’")
        return match_case(target, found, phrase.text, at_sentence_start)

    def suggested(self, phrase: Phrase, found: str, at_sentence_start: bool) -> str:
        """The word to write instead of `found`: its automatic replacement, else the preferred term."""
        return self.replacement(phrase, found, at_sentence_start) or match_case(
            self.preferred, found, phrase.text, at_sentence_start
        )


@dataclass(frozen=True)
class Termbase:
    terms: tuple[Term, ...] = ()
    names: tuple[str, ...] = ()  # proper names in which nothing is flagged
    path: str = ""
    findings: tuple[Finding, ...] = ()  # problems of the file itself (reported by the terminology check)

    @cached_property
    def by_key(self) -> dict[str, Term]:
        return {term.key: term for term in self.terms}

    @cached_property
    def _names(self) -> list[re.Pattern[str]]:
        return [phrase_pattern(name, inflect=False) for name in self.names]

    def without_names(self, text: str) -> str:
        folded = text.casefold()
        for pattern in self._names:
            if required_text(pattern) in folded:
                text = pattern.sub(lambda m: " " * len(m.group(0)), text)
        return text

    @cached_property
    def _avoid_searches(self) -> Searches[tuple[Term, Phrase]]:
        return Searches((phrase.pattern, (term, phrase)) for term in self.terms for phrase in term.avoid)

    @cached_property
    def _preferred_searches(self) -> Searches[Term]:
        return Searches((term.pattern, term) for term in self.terms)

    def avoided(self, text: str) -> list[Hit[tuple[Term, Phrase]]]:
        """Avoided variants in prose that is already masked (see textmask)."""
        return find_all(self.without_names(text), self._avoid_searches)

    def preferred(self, text: str) -> list[Hit[Term]]:
        """Uses of preferred terms in masked prose."""
        return find_all(text, self._preferred_searches)

    def avoided_in_markdown(self, markdown: str) -> list[Hit[tuple[Term, Phrase]]]:
        """Avoided variants in a piece of Markdown (an example sentence, a key message); offsets are per
        block."""
        return [hit for prose in prose_texts(markdown) for hit in self.avoided(prose.text)]

    def explained_words(self) -> frozenset[str]:
        """Lower-case words and phrases the glossary explains, in every form the matcher accepts, so the
        readability check does not call them rare. Literal avoided variants too: the terminology check already
        names the word to use instead, and a second warning about the same word would only be noise."""
        words: set[str] = set()
        for term in self.terms:
            words.add(term.preferred.lower())
            for word in re.findall(r"\w+", term.preferred):
                words |= word_forms(word)
            for phrase in term.avoid:
                if not phrase.regex and phrase.text:
                    words.add(phrase.text.lower())
                    if re.fullmatch(r"\w+", phrase.text):
                        words |= word_forms(phrase.text)
        return frozenset(words)

    def export(self) -> list[dict[str, Any]]:
        """The termbase for partners (`patienthub terms --format json`, api/v1/terms.json)."""
        return [
            {
                "preferred": term.preferred,
                "avoid": term.avoid_texts,
                "explanation": term.explanation,
                "codes": {system: list(codes) for system, codes in term.codes.items()},
            }
            for term in self.terms
        ]


def example_holds(termbase: Termbase, term: Term, example: Example) -> bool:
    flagged = any(hit.item[0] is term for hit in termbase.avoided_in_markdown(example.text))
    return flagged == example.flag


def example_findings(termbase: Termbase) -> list[Finding]:
    found = []
    for term in termbase.terms:
        for example in term.examples:
            if example_holds(termbase, term, example):
                continue
            expected = "afgekeurd moeten worden" if example.flag else "goedgekeurd moeten worden"
            found.append(
                finding(
                    EXAMPLE_FAILED,
                    termbase.path,
                    example.line,
                    f"Term '{term.key}': het voorbeeld \"{example.text}\" had {expected}, "
                    "maar dat gebeurt niet.",
                    "Pas de varianten (avoid) of het voorbeeld aan, zodat ze bij elkaar passen.",
                )
            )
    return found


class _Reader(EntryReader):
    reads_fix = True
    preferred = ""  # of the entry being read: what `fix: true` stands for

    def term(self, key: str, entry: Mapping[str, Any]) -> Term | None:
        path = ("terms", key)
        name = f"Term '{key}'"
        preferred = self.text(entry, path, "preferred", name, required=True)
        explanation = self.text(entry, path, "explanation", name, required=True)
        if preferred is None or explanation is None:
            return None
        self.preferred = preferred
        compounds = self.flag(entry.get("compounds"), (*path, "compounds"), name, False)
        avoid = self.phrases(entry.get("avoid"), (*path, "avoid"), name, compounds=compounds)
        examples = self.examples(entry.get("examples"), (*path, "examples"), name)
        if avoid and not any(example.flag for example in examples):
            self.problem(
                path,
                f"{name} heeft varianten (avoid) maar geen voorbeeld dat afgekeurd moet worden.",
                "Zet onder examples: flag: een zin met een variant, "
                "en onder pass: dezelfde zin met de voorkeursterm.",
            )
        self._style(explanation, (*path, "explanation"), name)
        source = self.text(entry, path, "source", name, required=False)
        if source is None:
            self.findings.append(
                finding(
                    UNSOURCED,
                    self.data_file.path,
                    self.line(*path),
                    f"{name} noemt geen bron: de uitleg verschijnt in de woordenlijst zonder bron.",
                    "Zet onder source: de richtlijn of publicatie waarop woord en uitleg steunen (titel en jaar). "
                    "Vindt u geen bron? Laat de uitleg dan controleren voordat de term blijft.",
                )
            )
        return Term(
            key=key,
            preferred=preferred,
            explanation=explanation,
            avoid=tuple(avoid),
            professional=self.text(entry, path, "professional", name, required=False),
            codes=self._codes(entry.get("codes"), (*path, "codes"), name),
            source=source,
            severity=self.severity(entry.get("severity"), (*path, "severity"), name) or Severity.WARNING,
            examples=tuple(examples),
            line=self.line(*path),
        )

    def phrase_fix(self, value: Any, path: tuple[str | int, ...], name: str) -> Fix | None:
        if value is None or value is False:
            return None
        if value is True:
            return Fix(base=self.preferred)
        spec = self.mapping(value, path, f"{name}: fix")
        if spec is None:
            return None
        base = self.text(spec, path, "base", f"{name}: fix", required=False)
        plural = self.text(spec, path, "plural", f"{name}: fix", required=False)
        if base is None and plural is None:
            self.problem(
                path, f"{name}: 'fix' noemt geen vervanging.", "Schrijf fix: true, of base: en plural:."
            )
            return None
        return Fix(base, plural)

    def _codes(self, value: Any, path: tuple[str | int, ...], name: str) -> Mapping[str, tuple[str, ...]]:
        if value is None:
            return {}
        spec = self.mapping(value, path, f"{name}: codes")
        found: dict[str, tuple[str, ...]] = {}
        for system, codes in (spec or {}).items():
            if system not in SYSTEMS:
                self.problem(
                    (*path, system),
                    f"{name}: onbekend codesysteem '{system}'.",
                    f"Kies uit {', '.join(SYSTEMS)}.",
                )
                continue
            valid = []
            items = [str(code) for code in codes] if isinstance(codes, list) else codes
            for code, _ in self.strings(items, (*path, system), f"{name}: codes.{system}"):
                spelled = canonical(system, code)
                if spelled is None:
                    self.problem(
                        (*path, system),
                        f"{name}: '{code}' is geen geldige {SYSTEMS[system].label}-code.",
                        f"Bijvoorbeeld: {SYSTEMS[system].example}.",
                    )
                else:
                    valid.append(spelled)
            found[system] = tuple(valid)
        return found

    def _style(self, explanation: str, path: tuple[str | int, ...], name: str) -> None:
        sentences = dutch.sentences(explanation)
        longest = max((s.word_count for s in sentences), default=0)
        if len(sentences) > MAX_EXPLANATION_SENTENCES or longest > MAX_SENTENCE_WORDS:
            self.findings.append(
                finding(
                    STYLE,
                    self.data_file.path,
                    self.line(*path),
                    f"{name}: de uitleg heeft {len(sentences)} zin(nen); de langste heeft {longest} woorden.",
                    f"Leg uit in hoogstens {MAX_EXPLANATION_SENTENCES} zinnen van hoogstens "
                    f"{MAX_SENTENCE_WORDS} woorden.",
                )
            )


def _conflicts(reader: _Reader, terms: list[Term]) -> list[Term]:
    """A variant that is another entry's preferred term (or would flag it) makes the termbase contradict
    itself: report it and drop the variant. The same preferred term twice is reported too."""
    seen: dict[str, str] = {}
    for term in terms:
        other = seen.setdefault(term.preferred.lower(), term.key)
        if other != term.key:
            reader.problem(
                ("terms", term.key, "preferred"),
                f"Term '{term.key}': de voorkeursterm '{term.preferred}' staat ook bij term '{other}'.",
                "Voeg de twee termen samen.",
            )
    cleaned = []
    for term in terms:
        kept = []
        for phrase in term.avoid:
            clash = next((t for t in terms if phrase.pattern.search(mask_prose(t.preferred))), None)
            if clash is None:
                kept.append(phrase)
                continue
            reader.problem(
                ("terms", term.key, "avoid"),
                f"Term '{term.key}': de variant '{phrase.shown}' is ook (een deel van) de voorkeursterm "
                f"'{clash.preferred}' van term '{clash.key}'.",
                "Haal de variant weg, of maak hem preciezer, zodat de voorkeursterm nooit wordt afgekeurd.",
                line=phrase.line,
            )
        cleaned.append(dataclasses.replace(term, avoid=tuple(kept)) if len(kept) < len(term.avoid) else term)
    return _unsafe_fixes(reader, cleaned)


def _unsafe_fixes(reader: _Reader, terms: list[Term]) -> list[Term]:
    """A replacement that is itself an avoided variant would be reported (and replaced) again: report it and
    drop that fix, so `patienthub fix` always ends in a page the check accepts."""
    probe = Termbase(tuple(terms))
    cleaned = []
    for term in terms:
        avoid = []
        for phrase in term.avoid:
            targets = [t for t in (phrase.fix.base, phrase.fix.plural) if t] if phrase.fix else []
            bad = next((t for t in targets if probe.avoided(mask_prose(t))), None)
            if bad is not None:
                reader.problem(
                    ("terms", term.key, "avoid"),
                    f"Term '{term.key}': de vervanging '{bad}' van '{phrase.text}' staat zelf in de termenlijst "
                    "als woord om te vermijden.",
                    "Kies als vervanging de voorkeursterm of een vorm ervan.",
                    line=phrase.line,
                )
                phrase = dataclasses.replace(phrase, fix=None)
            avoid.append(phrase)
        cleaned.append(dataclasses.replace(term, avoid=tuple(avoid)))
    return cleaned


def load(data_dir: Path, root: Path, file_name: str | None) -> Termbase:
    """Read and validate the termbase. Without a configured file name, no terms.yml means no termbase."""
    data_file = load_data_file(data_dir / (file_name or DEFAULT_FILE), root, required=file_name is not None)
    if data_file.data is None or data_file.findings:
        return Termbase(path=data_file.path, findings=data_file.findings)
    # The shape is the schema's (one validation for every data file); the reader checks what it means.
    shape, broken, whole_file = validate_entries(
        data_file.data, SCHEMA, data_file, data_file.path, ("terms",)
    )
    if whole_file:
        return Termbase(path=data_file.path, findings=tuple(shape))
    reader = _Reader(data_file, INVALID, "de termenlijst", skip=broken)
    top = data_file.data
    names = tuple(text for text, _ in reader.strings(top.get("names"), ("names",), "names"))
    terms = _conflicts(reader, reader.entries(top.get("terms"), ("terms",), reader.term))
    termbase = Termbase(tuple(terms), names, data_file.path)
    findings = (*shape, *reader.findings, *example_findings(termbase))
    return Termbase(tuple(terms), names, data_file.path, findings)
