"""The evidence register (content/_data/evidence/): per publication, the exact passages our facts rest on.

One YAML file per publication: `publication` (title, year, url or doi) and `facts`, each with the quoted passage
or table cell, where it stands and the date it was read. Pages (front matter `evidence:`) and outcome datasets
(`evidence:` on an outcome) cite facts by key. The shape is checked here with a JSON Schema; whether every fact
has a quote and a source, and every number a patient reads has a fact, is checked by checks/evidence.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from patienthub.core import packagedata
from patienthub.core.findings import Finding, Severity
from patienthub.text.datafiles import DataFile, load_data_file
from patienthub.text.schemas import validate_data

SCHEMA = "evidence.schema.json"
FOLDER = "evidence"

# A number as written in Dutch text; a digit glued to a letter ("A4", "3e", "L5") is no claim of ours.
_NUMBER = re.compile(r"(?<![^\W\d_])(?:\d[\d.,]*\d|\d)(?![^\W\d_])")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_WORD = re.compile(r"[^\W\d_]+")

FRONT_MATTER_KEY = "evidence"  # pages and outcomes cite facts under this key


def numbers_in(text: str) -> list[tuple[str, Decimal, int]]:
    """Numbers in Dutch text with their offset: "2.740" is two thousand seven hundred forty, "1,97" a decimal."""
    found = []
    for match in _NUMBER.finditer(text):
        token = match.group().rstrip(".,")
        digits = token.replace(".", "") if _THOUSANDS.match(token) else token.replace(",", ".")
        try:
            found.append((token, Decimal(digits).normalize(), match.start()))
        except ArithmeticError:
            continue  # "1.2.3" is not one number; nothing to compare
    return found


@dataclass(frozen=True)
class Words:
    """Word lists of the evidence rules (tools/patienthub/data/evidence.yml)."""

    always_allowed: frozenset[Decimal]
    number_words: Mapping[str, Decimal]

    def quoted_numbers(self, quote: str) -> set[Decimal]:
        """The numbers a quote states, in digits or in words ("drie tot vier weken", "de helft")."""
        numbers = {number for _, number, _ in numbers_in(quote)}
        for word in _WORD.findall(quote.casefold()):
            if word in self.number_words:
                numbers.add(self.number_words[word])
        return numbers


@cache
def words() -> Words:
    data = packagedata.yaml_file("evidence.yml")
    return Words(
        always_allowed=frozenset(Decimal(str(item["number"])).normalize() for item in data["always_allowed"]),
        number_words={word: Decimal(str(n)).normalize() for word, n in data["number_words"].items()},
    )


@dataclass(frozen=True)
class Publication:
    title: str | None
    year: int | None
    url: str | None
    doi: str | None
    line: int | None
    undated: str | None = None  # why there is no year: the publisher gives none (never a guessed year)

    @property
    def address(self) -> str | None:
        return self.url or (f"https://doi.org/{self.doi}" if self.doi else None)


@dataclass(frozen=True)
class Fact:
    key: str
    path: str  # the register file, relative to the repository root
    line: int | None
    publication: Publication
    quote: str
    where: str | None
    read: dt.date | None
    via: str | None
    numbers: tuple[Decimal, ...]
    numbers_line: int | None
    says: str | None = None

    def allowed_numbers(self) -> set[Decimal]:
        """The numbers a patient may read on this fact: those it lists, those its quote states, its year."""
        allowed = set(self.numbers) | {n for _, n, _ in numbers_in(self.quote)}
        if self.publication.year:
            allowed.add(Decimal(self.publication.year))
        return allowed


@dataclass(frozen=True)
class Register:
    facts: Mapping[str, Fact] = field(default_factory=dict)
    files: tuple[DataFile, ...] = ()
    findings: tuple[Finding, ...] = ()  # reading and schema problems of the files
    # Keys of facts in files that failed validation: known to exist, not usable until the file is fixed.
    broken: frozenset[str] = frozenset()

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts.values())


def load(data_dir: Path, root: Path) -> Register | None:
    """None when the project keeps no register (no evidence folder): then the evidence rules do not apply."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return None
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())
    facts: dict[str, Fact] = {}
    files: list[DataFile] = []
    findings: list[Finding] = []
    broken: set[str] = set()
    for path in paths:
        data_file = load_data_file(path, root)
        problems = list(data_file.findings)
        if not problems:
            problems = validate_data(data_file.data, SCHEMA, data_file, data_file.path)
        findings.extend(problems)
        if problems:
            raw_facts = data_file.data.get("facts") if isinstance(data_file.data, dict) else None
            broken |= set(map(str, raw_facts)) if isinstance(raw_facts, dict) else set()
            continue
        files.append(data_file)
        for fact in _facts(data_file):
            if fact.key in facts:
                first = facts[fact.key]
                findings.append(
                    Finding(
                        "evidence.duplicate-fact",
                        Severity.ERROR,
                        fact.path,
                        fact.line,
                        f"Het feit '{fact.key}' staat ook in {first.path} (regel {first.line}).",
                        "Geef elk feit een eigen sleutel; een pagina moet weten welk citaat zij bedoelt.",
                    )
                )
                continue
            facts[fact.key] = fact
    return Register(facts, tuple(files), tuple(findings), frozenset(broken))


def _facts(f: DataFile) -> Iterator[Fact]:
    """Build from a file that matched the schema, so shapes and types are known to be right."""
    raw_pub: Mapping[str, Any] = f.data.get("publication") or {}
    publication = Publication(
        title=raw_pub.get("title"),
        year=raw_pub.get("year"),
        url=raw_pub.get("url"),
        doi=raw_pub.get("doi"),
        undated=raw_pub.get("undated"),
        line=f.line_of("publication") if "publication" in f.data else 1,
    )
    for key, raw in f.data["facts"].items():
        raw = raw or {}
        read = raw.get("read")
        yield Fact(
            key=key,
            path=f.path,
            line=f.line_of("facts", key),
            publication=publication,
            quote=(raw.get("quote") or "").strip(),
            where=raw.get("where"),
            read=read if isinstance(read, dt.date) else None,
            via=raw.get("via"),
            numbers=tuple(Decimal(str(n)).normalize() for n in raw.get("numbers") or ()),
            numbers_line=f.line_of("facts", key, "numbers"),
            says=raw.get("says"),
        )
