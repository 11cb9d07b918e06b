"""Outcome datasets and keuzekaarten: YAML files in the data folder, read into typed, engine-neutral objects.

A dataset (content/_data/outcomes/<key>.yml) holds the outcomes of one intervention or comparison, every
number on the fixed denominator of 100 with population, time frame and source. A keuzekaart
(content/_data/keuzekaarten/<key>.yml) holds options in columns and the patient's questions in rows.
The shape is checked here with JSON Schemas (schema.* findings); what the numbers mean is checked by the
outcomes check (outcomes.* findings).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from patienthub.core.findings import Finding
from patienthub.text.datafiles import DataFile, load_data_file
from patienthub.text.schemas import validate_data

DATASET_SCHEMA = "outcomes.schema.json"
KEUZEKAART_SCHEMA = "keuzekaart.schema.json"
SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class SourceInfo:
    title: str
    year: int | None = None
    url: str | None = None
    retrieved: dt.date | None = None
    via: str | None = None
    key: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Value:
    group: str
    line: int | None
    per_100: float | None = None
    events: int | None = None
    total: int | None = None
    range: tuple[float, float] | None = None
    approximate: bool = False
    time_frame: str | None = None


@dataclass(frozen=True)
class Outcome:
    key: str
    dataset: str
    line: int | None
    measure: str
    kind: str  # "frequency" (numbers of 100, icon arrays) or "words" (no honest count exists)
    says: str | None
    population: str | None  # the outcome's own, else the dataset's
    time_frame: str | None
    source: SourceInfo | None
    source_key: str | None
    values: tuple[Value, ...] = ()
    relative: Mapping[str, Any] | None = None
    text: str | None = None
    why_no_numbers: str | None = None
    reported_effect: str | None = None

    @property
    def is_frequency(self) -> bool:
        return self.kind == "frequency"


@dataclass(frozen=True)
class Dataset:
    key: str
    file: DataFile
    valid: bool  # False when the file could not be read or does not match the schema (schema.* says why)
    title: str = ""
    population: str | None = None
    groups: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, SourceInfo] = field(default_factory=dict)
    outcomes: Mapping[str, Outcome] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.file.path


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    self_care: bool
    line: int | None


@dataclass(frozen=True)
class Row:
    question: str
    answers: Mapping[str, str | None]
    line: int | None
    answer_lines: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Keuzekaart:
    key: str
    file: DataFile
    valid: bool
    title: str = ""
    for_whom: str = ""
    not_for: str | None = None
    datasets: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    sources: tuple[SourceInfo, ...] = ()

    @property
    def path(self) -> str:
        return self.file.path


@dataclass(frozen=True)
class OutcomeLibrary:
    datasets: Mapping[str, Dataset] = field(default_factory=dict)
    keuzekaarten: Mapping[str, Keuzekaart] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()  # reading and schema problems of the files

    def outcome(self, dataset: str, key: str) -> Outcome | None:
        found = self.datasets.get(dataset)
        return found.outcomes.get(key) if found else None

    def patient_texts(self) -> Iterator[PatientText]:
        """Every text of the (readable) data files that a patient reads on a page, at its file line: outcome
        blocks and keuzekaarten reach the pages through {{ }} references, not through the page body."""
        for dataset in self.datasets.values():
            if dataset.valid:
                yield from _texts(dataset.file, _DATASET_TEXTS)
        for card in self.keuzekaarten.values():
            if card.valid:
                yield from _texts(card.file, _KEUZEKAART_TEXTS)


@dataclass(frozen=True)
class PatientText:
    path: str
    line: int | None
    text: str


# Where patients' text sits in a data file: a path of keys, "*" for every key (or item) at that level.
_DATASET_TEXTS = (
    ("title",),
    ("population",),
    ("groups", "*"),
    *(
        ("outcomes", "*", name)
        for name in ("measure", "says", "population", "time_frame", "text", "why_no_numbers")
    ),
    ("outcomes", "*", "values", "*", "time_frame"),
)
_KEUZEKAART_TEXTS = (
    ("title",),
    ("for_whom",),
    ("not_for",),
    ("options", "*", "label"),
    ("rows", "*", "question"),
    ("rows", "*", "answers", "*"),
)


def _texts(f: DataFile, shapes: tuple[tuple[str, ...], ...]) -> Iterator[PatientText]:
    def walk(value: Any, shape: tuple[str, ...], at: tuple[str | int, ...]) -> Iterator[PatientText]:
        if not shape:
            if isinstance(value, str) and value.strip():
                yield PatientText(f.path, f.line_of(*at), value)
            return
        head, rest = shape[0], shape[1:]
        if head != "*":
            if isinstance(value, Mapping) and head in value:
                yield from walk(value[head], rest, (*at, head))
        elif isinstance(value, Mapping):
            for key, item in value.items():
                yield from walk(item, rest, (*at, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, rest, (*at, index))

    for shape in shapes:
        yield from walk(f.data, shape, ())


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())


def load(data_dir: Path, root: Path, datasets_dir: str, keuzekaarten_dir: str) -> OutcomeLibrary:
    findings: list[Finding] = []
    datasets: dict[str, Dataset] = {}
    for path in _files(data_dir / datasets_dir):
        data_file = load_data_file(path, root)
        problems = list(data_file.findings)
        if not problems:
            problems = validate_data(data_file.data, DATASET_SCHEMA, data_file, data_file.path)
        findings.extend(problems)
        datasets[path.stem] = (
            _dataset(path.stem, data_file) if not problems else Dataset(path.stem, data_file, False)
        )
    keuzekaarten: dict[str, Keuzekaart] = {}
    for path in _files(data_dir / keuzekaarten_dir):
        data_file = load_data_file(path, root)
        problems = list(data_file.findings)
        if not problems:
            problems = validate_data(data_file.data, KEUZEKAART_SCHEMA, data_file, data_file.path)
        findings.extend(problems)
        card = _keuzekaart(path.stem, data_file) if not problems else Keuzekaart(path.stem, data_file, False)
        keuzekaarten[path.stem] = card
    return OutcomeLibrary(datasets, keuzekaarten, tuple(findings))


def _source(raw: Mapping[str, Any], line: int | None, key: str | None = None) -> SourceInfo:
    retrieved = raw.get("retrieved")
    return SourceInfo(
        title=raw["title"],
        year=raw.get("year"),
        url=raw.get("url"),
        retrieved=retrieved if isinstance(retrieved, dt.date) else None,
        via=raw.get("via"),
        key=key,
        line=line,
    )


def _dataset(key: str, f: DataFile) -> Dataset:
    """Build from a file that matched the schema, so shapes and types are known to be right."""
    data = f.data
    sources = {name: _source(raw, f.line_of("sources", name), name) for name, raw in data["sources"].items()}
    population = data.get("population")
    outcomes = {}
    for name, raw in data["outcomes"].items():
        source_key = raw.get("source")
        values = tuple(
            Value(
                group=group,
                line=f.line_of("outcomes", name, "values", group),
                per_100=item.get("per_100"),
                events=item.get("events"),
                total=item.get("total"),
                range=tuple(item["range"]) if "range" in item else None,
                approximate=bool(item.get("approximate", False)),
                time_frame=item.get("time_frame"),
            )
            for group, item in (raw.get("values") or {}).items()
        )
        outcomes[name] = Outcome(
            key=name,
            dataset=key,
            line=f.line_of("outcomes", name),
            measure=raw["measure"],
            kind=raw.get("kind", "frequency"),
            says=raw.get("says"),
            population=raw.get("population") or population,
            time_frame=raw.get("time_frame"),
            source=sources.get(source_key) if source_key else None,
            source_key=source_key,
            values=values,
            relative=raw.get("relative"),
            text=raw.get("text"),
            why_no_numbers=raw.get("why_no_numbers"),
            reported_effect=raw.get("reported_effect"),
        )
    return Dataset(key, f, True, data["title"], population, dict(data["groups"]), sources, outcomes)


def _keuzekaart(key: str, f: DataFile) -> Keuzekaart:
    data = f.data
    options = tuple(
        Option(name, raw["label"], bool(raw.get("self_care", False)), f.line_of("options", name))
        for name, raw in data["options"].items()
    )
    rows = tuple(
        Row(
            question=raw["question"],
            answers=dict(raw["answers"]),
            line=f.line_of("rows", index),
            answer_lines={name: f.line_of("rows", index, "answers", name) for name in raw["answers"]},
        )
        for index, raw in enumerate(data["rows"])
    )
    sources = tuple(_source(raw, f.line_of("sources", index)) for index, raw in enumerate(data["sources"]))
    return Keuzekaart(
        key=key,
        file=f,
        valid=True,
        title=data["title"],
        for_whom=data["for_whom"],
        not_for=data.get("not_for"),
        datasets=tuple(data["datasets"]),
        options=options,
        rows=rows,
        sources=sources,
    )
