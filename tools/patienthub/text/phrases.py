"""What the termbase and the advice rules share: phrases to look for, self-test examples, and reading entries
of a data file into them with Dutch problems at the right line.

A phrase is written by an editor as a literal (`lumbago`) or as a mapping: `{text: lumbago, compounds: true,
inflect: false, severity: error}` or `{regex: 'ischias(klacht|pijn)\\w*', label: ischiasklachten}`. Literals
match Dutch-aware (see wordforms.py); a regex matches as written, case-insensitive, as whole words. A reader may
allow more keys per phrase (the termbase allows `fix`, see termbase.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from patienthub.core.findings import Finding, Rule, Severity
from patienthub.text.datafiles import DataFile
from patienthub.text.wordforms import phrase_pattern, regex_pattern, required_text

SEVERITIES = {s.value: s for s in Severity}

T = TypeVar("T")


@dataclass(frozen=True)
class Fix:
    """What `patienthub fix` may write for a variant, per form of the variant; None: that form is not replaced
    automatically."""

    base: str | None = None  # for the variant as written (HNP -> hernia)
    plural: str | None = None  # for its plural (HNP's -> hernia's, rode vlaggen -> alarmsignalen)


@dataclass(frozen=True)
class Phrase:
    text: str  # the literal, or the label of a regex ("" when a regex has none)
    pattern: re.Pattern[str]
    line: int | None
    regex: bool = False
    severity: Severity | None = None  # overrides the entry's severity
    fix: Fix | None = None  # an explicit opt-in to automatic replacement (termbase variants only)

    @property
    def shown(self) -> str:
        return self.text or self.pattern.pattern


@dataclass(frozen=True)
class Example:
    text: str
    flag: bool  # True: must be flagged; False: must not be flagged
    line: int | None


@dataclass(frozen=True)
class Hit(Generic[T]):
    start: int
    end: int
    item: T


class Searches(Generic[T]):
    """Patterns looked for together, each with what it stands for. Built once and used for many texts: each
    pattern keeps the text every match contains, so a text without it is passed over by a substring test
    instead of a run of the pattern (most prose contains none of the termbase's variants)."""

    def __init__(self, searches: Iterable[tuple[re.Pattern[str], T]]) -> None:
        self.entries = [(required_text(pattern), pattern, item) for pattern, item in searches]

    def __iter__(self) -> Iterator[tuple[re.Pattern[str], T]]:
        return ((pattern, item) for _, pattern, item in self.entries)

    def within(self, folded: str) -> Searches[T]:
        """The patterns that can match somewhere in `folded` (a casefolded text): to search its parts with."""
        narrowed: Searches[T] = Searches(())
        narrowed.entries = [entry for entry in self.entries if entry[0] in folded]
        return narrowed


def find_all(text: str, searches: Searches[T] | Iterable[tuple[re.Pattern[str], T]]) -> list[Hit[T]]:
    """Every match of every pattern, without overlaps: where two overlap, the one that starts first and then
    the longest wins ("aspecifieke lage rugpijn" beats "aspecifiek"; "lumbago met uitstraling" beats
    "lumbago")."""
    prepared = searches if isinstance(searches, Searches) else Searches(searches)
    folded = text.casefold()
    hits = [
        Hit(m.start(), m.end(), item)
        for needle, pattern, item in prepared.entries
        if needle in folded
        for m in pattern.finditer(text)
    ]
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit[T]] = []
    for hit in hits:
        if hit.end > hit.start and (not kept or hit.start >= kept[-1].end):
            kept.append(hit)
    return kept


class EntryReader:
    """Reads the entries of one data file, collecting problems (with file line and entry name) as findings."""

    reads_fix = False  # whether a phrase may say how `patienthub fix` replaces it (the termbase's may)

    def __init__(
        self, data_file: DataFile, rule: Rule, what: str, skip: frozenset[str] = frozenset()
    ) -> None:
        self.data_file = data_file
        # Entries the schema refused (schemas/*.schema.json, validated before the reader runs): reported there,
        # not read here. The schema checks every key and type; the reader checks what the values mean.
        self.skip = skip
        self.problem_rule = rule
        self.what = what  # "de termenlijst", used in messages
        self.findings: list[Finding] = []

    def line(self, *path: str | int) -> int | None:
        return self.data_file.line_of(*path)

    def problem(
        self, path: tuple[str | int, ...], message: str, suggestion: str = "", *, line: int | None = None
    ) -> None:
        """Report a problem at the line of `path` in the data file (or at `line` when it is known)."""
        self.findings.append(
            Finding(
                self.problem_rule.id,
                self.problem_rule.severity,
                self.data_file.path,
                line or self.line(*path),
                message,
                suggestion,
            )
        )

    def mapping(self, value: Any, path: tuple[str | int, ...], name: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.problem(path, f"{name} in {self.what} moet sleutels met waarden hebben.")
        return None

    def text(
        self, entry: Mapping[str, Any], path: tuple[str | int, ...], key: str, name: str, *, required: bool
    ):
        value = entry.get(key)
        if value is None:
            if required:
                self.problem(path, f"{name} mist '{key}'.", f"Vul '{key}:' in.")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem((*path, key), f"{name}: '{key}' moet tekst zijn.")
            return None
        return value.strip()

    def flag(self, value: Any, path: tuple[str | int, ...], name: str, default: bool) -> bool:
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        self.problem(path, f"{name}: verwacht true of false, niet {value!r}.")
        return default

    def severity(self, value: Any, path: tuple[str | int, ...], name: str) -> Severity | None:
        if value is None:
            return None
        if value in SEVERITIES:
            return SEVERITIES[value]
        self.problem(path, f"{name}: ernst '{value}' bestaat niet.", f"Kies uit {', '.join(SEVERITIES)}.")
        return None

    def strings(self, value: Any, path: tuple[str | int, ...], name: str) -> list[tuple[str, int | None]]:
        """A list of texts (a single text is accepted as a list of one), with the line of each."""
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            self.problem(path, f"{name}: verwacht een lijst met teksten.")
            return []
        found = []
        for index, item in enumerate(items):
            where = (*path, index) if not isinstance(value, str) else path
            if isinstance(item, str) and item.strip():
                found.append((item.strip(), self.line(*where)))
            else:
                self.problem(where, f"{name}: item {index + 1} moet tekst zijn.")
        return found

    def phrases(
        self, value: Any, path: tuple[str | int, ...], name: str, *, compounds: bool, inflect: bool = True
    ) -> list[Phrase]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"{name}: verwacht een lijst (elke regel begint met '- ').")
            return []
        found = []
        for index, item in enumerate(value):
            phrase = self._phrase(item, (*path, index), f"{name}, item {index + 1}", compounds, inflect)
            if phrase is not None:
                found.append(phrase)
        return found

    def _phrase(self, item: Any, path: tuple[str | int, ...], name: str, compounds: bool, inflect: bool):
        if isinstance(item, str) and item.strip():
            return Phrase(
                item.strip(),
                phrase_pattern(item.strip(), inflect=inflect, compounds=compounds),
                self.line(*path),
            )
        spec = self.mapping(item, path, name)
        if spec is None:
            return None
        compounds = self.flag(spec.get("compounds"), (*path, "compounds"), name, compounds)
        severity = self.severity(spec.get("severity"), (*path, "severity"), name)
        fix = self.phrase_fix(spec.get("fix"), (*path, "fix"), name) if self.reads_fix else None
        if "regex" in spec:
            if fix is not None:
                self.problem(
                    (*path, "fix"),
                    f"{name}: 'fix' kan alleen bij een variant als tekst, niet bij een reguliere expressie.",
                    "Haal 'fix' weg, of schrijf de vormen die vervangen mogen worden als aparte tekst-varianten.",
                )
            source = spec["regex"]
            if not isinstance(source, str) or not source.strip():
                self.problem((*path, "regex"), f"{name}: 'regex' moet tekst zijn.")
                return None
            try:
                pattern = regex_pattern(source, compounds=compounds)
            except re.error as exc:
                self.problem(
                    (*path, "regex"),
                    f"{name}: de reguliere expressie '{source}' is ongeldig ({exc}).",
                    "Controleer haakjes en backslashes; zet de expressie tussen enkele aanhalingstekens.",
                )
                return None
            label = spec.get("label") if isinstance(spec.get("label"), str) else ""
            return Phrase(label.strip(), pattern, self.line(*path, "regex"), regex=True, severity=severity)
        text = self.text(spec, path, "text", name, required=True)
        if text is None:
            return None
        inflect = self.flag(spec.get("inflect"), (*path, "inflect"), name, inflect)
        if fix is not None and fix.plural and not inflect:
            self.problem(
                (*path, "fix"),
                f"{name}: 'fix' noemt een meervoud, maar met 'inflect: false' wordt het meervoud nooit gevonden.",
                "Haal 'plural' weg of zet 'inflect' weer aan.",
            )
            fix = Fix(base=fix.base) if fix.base else None
        pattern = phrase_pattern(text, inflect=inflect, compounds=compounds)
        return Phrase(text, pattern, self.line(*path, "text"), severity=severity, fix=fix)

    def phrase_fix(self, value: Any, path: tuple[str | int, ...], name: str) -> Fix | None:
        """Read the `fix` of a phrase; only readers with `reads_fix` call this."""
        return None

    def examples(self, value: Any, path: tuple[str | int, ...], name: str) -> list[Example]:
        if value is None:
            return []
        spec = self.mapping(value, path, f"{name}: examples")
        if spec is None:
            return []
        found = []
        for key, flag in (("flag", True), ("pass", False)):
            for text, line in self.strings(spec.get(key), (*path, key), f"{name}: examples.{key}"):
                found.append(Example(text, flag, line))
        return found

    def entries(
        self, value: Any, path: tuple[str | int, ...], read: Callable[[str, Mapping[str, Any]], T | None]
    ) -> list[T]:
        """Read a mapping of named entries; a broken entry is reported and left out, the others count."""
        if value is None:
            return []
        entries = self.mapping(value, path, f"'{path[-1]}'" if path else "Het bestand")
        if entries is None:
            return []
        found = []
        for key, entry in entries.items():
            if str(key) in self.skip:
                continue
            spec = self.mapping(entry, (*path, key), f"'{key}'")
            if spec is not None:
                item = read(str(key), spec)
                if item is not None:
                    found.append(item)
        return found
