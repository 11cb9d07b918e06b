"""The readability report: every page sorted by Flesch-Douma score (hardest first) with its worst sentences.

Text for the terminal; Markdown for a pull-request comment or a GitHub job summary ($GITHUB_STEP_SUMMARY).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from patienthub.core.findings import Severity
from patienthub.domain.model import Page
from patienthub.domain.readability import Analysis, analyse
from patienthub.domain.result import Result
from patienthub.engine.filters import exemption
from patienthub.text.dutch import number
from patienthub.text.prose import ProseSentence

FAMILY = "readability"
EXPLAIN = "Hoger is makkelijker; Flesch-Douma 60-70 is gewone tekst, 70-80 vrij makkelijk, 80-90 makkelijk."


@dataclass(frozen=True)
class Row:
    page: Page
    analysis: Analysis
    errors: int
    warnings: int
    exempt: str | None  # the page's reason for being exempt from all readability rules

    @property
    def score(self) -> float | None:
        return self.analysis.flesch_douma

    def hardest(self, count: int) -> list[ProseSentence]:
        """The sentences that pull the score down most, for pages that score below the warning level."""
        score, limits = self.score, self.analysis.limits
        if score is None or score >= limits.flesch_douma_warning:
            return []
        return [sentence for sentence, _ in self.analysis.worst(count)]

    @property
    def status(self) -> str:
        if self.exempt:
            return "vrijgesteld"
        if self.errors:
            return "fout"
        return "waarschuwing" if self.warnings else "goed"


def rows(result: Result) -> list[Row]:
    """One row per checked page, hardest first; pages without prose last."""
    out = []
    for report in result.pages:
        page = report.page
        mine = [f for f in result.for_path(page.path) if f.rule.split(".", 1)[0] == FAMILY]
        out.append(
            Row(
                page,
                analyse(page, result.site),
                sum(1 for f in mine if f.severity is Severity.ERROR),
                sum(1 for f in mine if f.severity is Severity.WARNING),
                exemption(page, FAMILY),
            )
        )
    out.sort(key=lambda r: (r.score is None, r.score if r.score is not None else 0.0, r.page.path))
    return out


def _pages(count: int) -> str:
    return f"{count} pagina" if count == 1 else f"{count} pagina’s"


def _score(value: float | None) -> str:
    return "—" if value is None else number(value)


def _sentence(sentence: ProseSentence, width: int = 0) -> str:
    text = sentence.text
    if width and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f"regel {sentence.line} ({sentence.words} woorden): “{text}”"


def _exemptions(row: Row) -> list[str]:
    return [f"{rule}: {reason}" for rule, reason in sorted(row.page.meta.exempt.items())]


def as_text(result: Result, worst: int) -> str:
    table = rows(result)
    columns = ("score", "Brouwer", "woorden", "zinnen", "lettergr.", "w/zin", "lang", "zeldz.")
    widths = (6, 7, 7, 6, 9, 5, 4, 6)
    header = " ".join(f"{name:>{width}}" for name, width in zip(columns, widths, strict=True)) + "  pagina"
    lines = [f"Leesbaarheid van {_pages(len(table))}, moeilijkste eerst. {EXPLAIN}", "", header]
    for row in table:
        a = row.analysis
        per_sentence = number(a.words / len(a.running)) if a.running else "—"
        counts = (
            f"{a.words:>7} {len(a.running):>6} {a.syllables:>9} {per_sentence:>5} {len(a.long_sentences):>4}"
        )
        lines.append(
            f"{_score(row.score):>6} {_score(a.brouwer):>7} {counts} {len(a.rare_words):>6}  "
            f"{row.page.path} ({row.status})"
        )
    for row in table:
        hardest = row.hardest(worst)
        notes = _exemptions(row)
        if not hardest and not notes:
            continue
        lines += ["", f"{row.page.path} — {row.page.meta.title or ''} ({_score(row.score)})"]
        lines += [f"  vrijgesteld: {note}" for note in notes]
        lines += [f"  {_sentence(s, 140)}" for s in hardest]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(result: Result, worst: int) -> str:
    table = rows(result)
    lines = [
        "## Leesbaarheid",
        "",
        f"{_pages(len(table)).capitalize()}, moeilijkste eerst. {EXPLAIN}",
        "",
        "| Pagina | Status | Flesch-Douma | Brouwer | Woorden | Zinnen | Lettergrepen | Woorden per zin "
        "| Lange zinnen | Zeldzame woorden |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in table:
        a = row.analysis
        per_sentence = number(a.words / len(a.running)) if a.running else "—"
        title = _cell(row.page.meta.title or row.page.path)
        counts = (
            f"{a.words} | {len(a.running)} | {a.syllables} | {per_sentence} | {len(a.long_sentences)} "
            f"| {len(a.rare_words)}"
        )
        scores = f"{_score(row.score)} | {_score(a.brouwer)}"
        lines.append(f"| {title}<br>`{row.page.path}` | {row.status} | {scores} | {counts} |")
    details = []
    for row in table:
        hardest = row.hardest(worst)
        notes = _exemptions(row)
        if not hardest and not notes:
            continue
        details += ["", f"<details><summary><code>{row.page.path}</code> ({_score(row.score)})</summary>", ""]
        details += [f"- vrijgesteld — {_cell(note)}" for note in notes]
        details += [f"- {_cell(_sentence(s))}" for s in hardest]
        details += ["", "</details>"]
    if details:
        lines += ["", "### Zinnen die de score het meest omlaag halen", *details]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Result, int], str]] = {"text": as_text, "markdown": as_markdown}
