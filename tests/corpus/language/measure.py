"""Measure the Dutch language engine on this corpus and write RESULTS.md next to this file.

    .venv/bin/python tests/corpus/language/measure.py

The corpus (written for this project; see README.md here): plain Dutch texts (plain/), officialese paragraphs
(officialese/), hand-labelled sentences for the passive and nominalisation signals, and a torture text for the
sentence splitter. tests/test_readability.py checks that RESULTS.md is what this script writes now.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

from patienthub import dutch
from patienthub.checks.readability import rare_words
from patienthub.config import ReadabilityLimits
from patienthub.prose import extract

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


def labelled(name: str) -> list[tuple[str, str]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line and not line.startswith("#")]  # type: ignore[misc]


def sentence_score(name: str, label: str, finds, errors: list[str]) -> Score:
    tp = fp = fn = 0
    rows = labelled(name)
    for expected, text in rows:
        found = any(finds(s) for s in dutch.sentences(text))
        wanted = expected == label
        tp += found and wanted
        fp += found and not wanted
        fn += wanted and not found
        if found != wanted:
            errors.append(f"{name}: {'vals alarm' if found else 'gemist'}: {text}")
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


def splitting(errors: list[str]) -> Splitting:
    expected = found = right = sentences = exact = 0
    for lines in paragraphs((HERE / "splitter.txt").read_text(encoding="utf-8")):
        got = [s.text for s in extract(" ".join(lines)).sentences]
        want, have = word_ends(lines), word_ends(got)
        last = max(want)
        expected += len(want - {last})
        found += len(have - {last})
        right += len((want & have) - {last})
        sentences += len(lines)
        exact += sum(1 for line in lines if line in got)
        errors += [f"splitter.txt: verwacht “{line}”" for line in lines if line not in got]
    return Splitting(expected, found, right, sentences, exact)


def plain_texts() -> list[tuple[str, float, int, int]]:
    """Per plain text: its score, and the word-level findings on it (false alarms: officialese, rare words)."""
    rows = []
    for path in sorted((HERE / "plain").glob("*.md")):
        prose = extract(path.read_text(encoding="utf-8"))
        score = dutch.flesch_douma(prose.words, len(prose.running), prose.syllables)
        officialese = sum(len(dutch.officialese(s.sentence.text)) for s in prose.sentences)
        rare = len(list(rare_words(prose.sentences, RARE_ZIPF, frozenset())))
        rows.append((path.name, score, officialese, rare))
    return rows


def officialese_paragraphs() -> list[tuple[str, int, int, str]]:
    """Per officialese paragraph: its first words, its officialese and rare-word findings, and what they are."""
    rows = []
    for path in sorted((HERE / "officialese").glob("*.md")):
        prose = extract(path.read_text(encoding="utf-8"))
        for unit in prose.units:
            if unit.label:
                continue
            sentences = tuple(s for s in prose.sentences if s.unit is unit)
            words = [unit.text[h.start : h.end] for s in sentences for h in dutch.officialese(s.sentence.text)]
            rare = [r.word for r in rare_words(sentences, RARE_ZIPF, frozenset())]
            start = " ".join(unit.text.split()[:5]) + " …"
            rows.append((f"{path.name}: {start}", len(words), len(rare), ", ".join([*words, *rare])))
    return rows


def percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def results() -> str:
    errors: list[str] = []
    scores = [
        sentence_score("passive.tsv", "passive", lambda s: dutch.passive(s) is not None, errors),
        sentence_score("nominalisations.tsv", "heavy", lambda s: bool(dutch.nominalisations(s)), errors),
    ]
    split = splitting(errors)
    plain = plain_texts()
    official = officialese_paragraphs()
    lines = [
        "# Measured on the language corpus",
        "",
        "Written by `measure.py` (do not edit by hand); `tests/test_readability.py` fails when it is out of date.",
        "",
        "## Sentence-level findings",
        "",
        "| finding | labelled sentences | right alarms | false alarms | misses | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.total} | {s.true_positive} | {s.false_positive} | {s.false_negative} "
            f"| {percent(s.precision)} | {percent(s.recall)} |"
        )
    lines += [
        "",
        "## Sentence boundaries (splitter.txt)",
        "",
        "| boundaries inside paragraphs | found | right | precision | recall | sentences found exactly |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {split.expected} | {split.found} | {split.right} | {percent(split.right / split.found)} "
        f"| {percent(split.right / split.expected)} | {split.exact} of {split.sentences} "
        f"({percent(split.exact / split.sentences)}) |",
        "",
        f"## Plain texts (warning level {WARNING:.0f})",
        "",
        "| text | Flesch-Douma | officialese findings | rare words |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {score:.1f} | {o} | {r} |" for name, score, o, r in plain),
        "",
        "## Officialese paragraphs: word-level findings",
        "",
        "| paragraph | officialese | rare words | found |",
        "|---|---:|---:|---|",
        *(f"| {name} | {o} | {r} | {found} |" for name, o, r, found in official),
        "",
        "## Errors",
        "",
        *(f"- {error}" for error in errors),
        *([] if errors else ["None."]),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    text = results()
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    sys.stdout.write(text)
