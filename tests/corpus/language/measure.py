"""Measure the Dutch language engine on this corpus and write RESULTS.md next to this file.

    .venv/bin/python tests/corpus/language/measure.py

The corpus (written for this project; see README.md here): plain Dutch texts (plain/), officialese paragraphs
(officialese/), hand-labelled sentences for the passive and nominalisation signals, and a torture text for the
sentence splitter. heldout/ has the same kinds of text, written after the rules were fixed and never used to
change them. tests/test_readability.py checks that RESULTS.md is what this script writes now.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

from patienthub.domain.readability import rare_words
from patienthub.load.config import ReadabilityLimits
from patienthub.text import dutch
from patienthub.text.prose import extract

HERE = Path(__file__).resolve().parent
RARE_ZIPF = ReadabilityLimits().rare_word_zipf
WARNING = ReadabilityLimits().flesch_douma_warning


@dataclass(frozen=True)
class Score:
    """Precision and recall of one yes/no finding against hand labels."""

    name: str
    true_positive: int
    false_positive: int
    false_negative: int
    total: int

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


def labelled(path: Path) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def sentence_score(folder: Path, name: str, label: str, finds, errors: list[str]) -> Score | None:
    if not (folder / name).exists():
        return None
    tp = fp = fn = 0
    rows = labelled(folder / name)
    for expected, text in rows:
        found = any(finds(s) for s in dutch.sentences(text))
        wanted = expected == label
        tp += found and wanted
        fp += found and not wanted
        fn += wanted and not found
        if found != wanted:
            errors.append(f"{where(folder, name)}: {'false alarm' if found else 'missed'}: {text}")
    return Score(name, tp, fp, fn, len(rows))


def paragraphs(text: str) -> list[list[str]]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    groups = [list(group) for blank, group in itertools.groupby(lines, key=lambda line: not line.strip())]
    return [group for group in groups if group[0].strip()]


def word_ends(sentences: list[str]) -> set[int]:
    """Sentence boundaries as word positions: after how many words of the paragraph a sentence ends."""
    counts = [sum(1 for t in dutch.tokens(s) if t.is_word) for s in sentences]
    return set(itertools.accumulate(counts))


@dataclass(frozen=True)
class Splitting:
    expected: int  # boundaries inside paragraphs (the end of a paragraph is always one)
    found: int
    right: int
    sentences: int
    exact: int


def where(folder: Path, name: str) -> str:
    return str((folder / name).relative_to(HERE))


def splitting(folder: Path, errors: list[str]) -> Splitting:
    expected = found = right = sentences = exact = 0
    for lines in paragraphs((folder / "splitter.txt").read_text(encoding="utf-8")):
        got = [s.text for s in extract(" ".join(lines)).sentences]
        want, have = word_ends(lines), word_ends(got)
        last = max(want)
        expected += len(want - {last})
        found += len(have - {last})
        right += len((want & have) - {last})
        sentences += len(lines)
        exact += sum(1 for line in lines if line in got)
        errors += [f"{where(folder, 'splitter.txt')}: expected “{line}”" for line in lines if line not in got]
    return Splitting(expected, found, right, sentences, exact)


def plain_texts(folder: Path) -> list[tuple[str, float, int, int]]:
    """Per plain text: its score, and the word-level findings on it (false alarms: officialese, rare words)."""
    rows = []
    for path in sorted((folder / "plain").glob("*.md")):
        prose = extract(path.read_text(encoding="utf-8"))
        score = dutch.flesch_douma(prose.words, len(prose.running), prose.syllables)
        officialese = sum(len(dutch.officialese(s.sentence.text)) for s in prose.sentences)
        rare = len(list(rare_words(prose.sentences, RARE_ZIPF, frozenset())))
        rows.append((where(folder, f"plain/{path.name}"), score, officialese, rare))
    return rows


def officialese_paragraphs(folder: Path) -> list[tuple[str, int, int, str]]:
    """Per officialese paragraph: its first words, its officialese and rare-word findings, and what they are."""
    rows = []
    for path in sorted((folder / "officialese").glob("*.md")):
        prose = extract(path.read_text(encoding="utf-8"))
        for unit in prose.units:
            if unit.label:
                continue
            sentences = tuple(s for s in prose.sentences if s.unit is unit)
            words = [
                " ".join(s.sentence.text[h.start : h.end].split())
                for s in sentences
                for h in dutch.officialese(s.sentence.text)
            ]
            rare = [r.word for r in rare_words(sentences, RARE_ZIPF, frozenset())]
            start = " ".join(unit.text.split()[:5]) + " …"
            name = where(folder, f"officialese/{path.name}")
            rows.append((f"{name}: {start}", len(words), len(rare), ", ".join([*words, *rare])))
    return rows


def percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def section(title: str, folder: Path) -> list[str]:
    errors: list[str] = []
    scores = [
        sentence_score(folder, "passive.tsv", "passive", lambda s: dutch.passive(s) is not None, errors),
        sentence_score(
            folder, "nominalisations.tsv", "heavy", lambda s: bool(dutch.nominalisations(s)), errors
        ),
    ]
    split = splitting(folder, errors)
    lines = [
        f"## {title}",
        "",
        "### Sentence-level findings",
        "",
        "| finding | labelled sentences | right alarms | false alarms | misses | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        if s is None:
            continue
        lines.append(
            f"| {where(folder, s.name)} | {s.total} | {s.true_positive} | {s.false_positive} "
            f"| {s.false_negative} | {percent(s.precision)} | {percent(s.recall)} |"
        )
    lines += [
        "",
        "### Sentence boundaries",
        "",
        "| text | boundaries inside paragraphs | found | right | precision | recall | sentences found exactly |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| {where(folder, 'splitter.txt')} | {split.expected} | {split.found} | {split.right} "
        f"| {percent(split.right / split.found)} | {percent(split.right / split.expected)} "
        f"| {split.exact} of {split.sentences} ({percent(split.exact / split.sentences)}) |",
        "",
        f"### Plain texts (warning level {WARNING:.0f})",
        "",
        "| text | Flesch-Douma | officialese findings | rare words |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {score:.1f} | {o} | {r} |" for name, score, o, r in plain_texts(folder)),
        "",
        "### Officialese paragraphs: word-level findings",
        "",
        "| paragraph | officialese | rare words | found |",
        "|---|---:|---:|---|",
        *(f"| {name} | {o} | {r} | {found} |" for name, o, r, found in officialese_paragraphs(folder)),
        "",
        "### Errors",
        "",
        *(f"- {error}" for error in errors),
        *([] if errors else ["None."]),
        "",
    ]
    return lines


def results() -> str:
    lines = [
        "# Measured on the language corpus",
        "",
        "Written by `measure.py` (do not edit by hand); `tests/test_readability.py` fails when it is out of date.",
        "The development set was written while the rules were made, so it flatters them; the held-out set was",
        "written after they were fixed and was not used to change them.",
        "",
        *section("Development set", HERE),
        *section("Held-out set", HERE / "heldout"),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    text = results()
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
