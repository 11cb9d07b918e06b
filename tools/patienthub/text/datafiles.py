"""Reading YAML data files (registries, termbase, datasets) with line numbers and the same safety rules
as front matter. A broken data file becomes findings at its path, never an exception."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from patienthub.core.findings import Finding, Severity
from patienthub.core.limits import limits, too_large
from patienthub.text.frontmatter import YamlPath, parse_yaml

T = TypeVar("T")


@dataclass(frozen=True)
class Registry(Generic[T]):
    """The usable entries of a registry file (key → entry) and what is wrong with the others."""

    entries: dict[str, T] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Keys that are in the file but whose entries failed validation: the file's own findings say why, so whatever
    # cites such a key is not blamed for it (and is judged again once the entry is fixed).
    broken: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the repository root
    data: Any
    lines: dict[YamlPath, int] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()

    def invalid_entry(self, line: int | None, problem: str, suggestion: str) -> Finding:
        """A registry entry that cannot be used: named, at its line, in Dutch."""
        name = self.path.rsplit("/", 1)[-1]
        return Finding(
            "schema.data-invalid", Severity.ERROR, self.path, line, f"Fout in {name}: {problem}.", suggestion
        )

    def line_of(self, *key: str | int) -> int | None:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_data_file(path: Path, root: Path, *, mapping: bool = True, required: bool = True) -> DataFile:
    rel = relative(path, root)
    try:
        raw = path.read_bytes()
        if len(raw) > limits().max_data_file_bytes:  # refused before parsing, as a page is
            return DataFile(rel, None, findings=(too_large(rel, len(raw), data=True),))
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except FileNotFoundError:
        if not required:
            return DataFile(rel, None)
        return DataFile(
            rel, None, findings=(_error(rel, None, "schema.data-missing", "Het bestand ontbreekt."),)
        )
    except (OSError, UnicodeDecodeError) as exc:
        return DataFile(
            rel, None, findings=(_error(rel, 1, "schema.encoding", f"Kan het bestand niet lezen: {exc}"),)
        )
    document = parse_yaml(text, mapping=mapping)
    findings = tuple(
        Finding(p.rule, Severity.ERROR, rel, p.line, p.message, p.suggestion) for p in document.problems
    )
    return DataFile(rel, document.data, document.lines, findings)


def _error(path: str, line: int | None, rule: str, message: str) -> Finding:
    return Finding(rule, Severity.ERROR, path, line, message)
