"""The reviewer's view of a change: for each changed page, the findings and metrics before → after.

Pure: it compares two engine Results (the base revision and the working tree, checked by the same core) and
renders Markdown for a GitHub job summary or a pull-request comment. Findings are matched by rule and message,
so a finding that only moved to another line is neither new nor fixed. New findings on changed lines come first:
those are the ones the author of the change introduced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from patienthub.core.findings import Finding, Severity
from patienthub.domain.result import Result
from patienthub.reports.editor_panel import SHOWN_METRICS
from patienthub.text.dutch import number

METRIC_NAMES_NL = SHOWN_METRICS | {
    "next_review": "volgende controle",
    "terms": "woorden uit de termenlijst",
    "words": "woorden",
    "sentences": "zinnen",
    "syllables": "lettergrepen",
    "brouwer": "Brouwer",
}
KIND_NL = {"added": "nieuw", "changed": "gewijzigd", "removed": "verwijderd", "affected": "niet gewijzigd"}


@dataclass(frozen=True)
class MetricDelta:
    name: str
    before: Any
    after: Any

    @staticmethod
    def _number(value: Any) -> float | None:
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None

    @property
    def delta(self) -> float | None:
        before, after = self._number(self.before), self._number(self.after)
        return None if before is None or after is None else after - before

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True)
class PageChange:
    path: str
    title: str
    kind: str  # added | changed | removed | affected (file unchanged, findings changed by a registry)
    new: tuple[Finding, ...]  # changed lines first
    fixed: tuple[Finding, ...]
    before: Mapping[Severity, int]
    after: Mapping[Severity, int]
    metrics: tuple[MetricDelta, ...]
    changed_lines: frozenset[int] = field(default_factory=frozenset)

    def on_changed_line(self, f: Finding) -> bool:
        return f.line is not None and f.line in self.changed_lines


@dataclass(frozen=True)
class Comparison:
    base: str  # how the base revision is named in the report
    pages: tuple[PageChange, ...]
    other_new: tuple[Finding, ...]  # findings outside pages (registries, CODEOWNERS) that are new
    other_fixed: tuple[Finding, ...]


def _identity(f: Finding) -> tuple[str, str, str]:
    return (f.path, f.rule, f.message)


def _difference(left: Iterable[Finding], right: Iterable[Finding]) -> list[Finding]:
    """Findings in `left` that `right` does not have (as a multiset: two equal findings need two matches)."""
    remaining = Counter(_identity(f) for f in right)
    out = []
    for f in left:
        if remaining[_identity(f)]:
            remaining[_identity(f)] -= 1
        else:
            out.append(f)
    return out


def _counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    counter = Counter(f.severity for f in findings)
    return {severity: counter.get(severity, 0) for severity in Severity}


def _metrics(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[MetricDelta, ...]:
    names = list(after) + [name for name in before if name not in after]
    return tuple(MetricDelta(name, before.get(name), after.get(name)) for name in names)


def compare(
    before: Result | None,
    after: Result,
    changed_paths: Collection[str],
    changed_lines: Mapping[str, frozenset[int]],
    base: str,
) -> Comparison:
    """`changed_paths` are project-relative paths of changed files; pages among them are reported in full, other
    pages only when their findings changed (a registry or CODEOWNERS change can affect them)."""
    before_pages = {report.page.path: report for report in before.pages} if before else {}
    after_pages = {report.page.path: report for report in after.pages}
    before_findings = before.findings if before else ()
    by_path_before: dict[str, list[Finding]] = {}
    by_path_after: dict[str, list[Finding]] = {}
    for f in before_findings:
        by_path_before.setdefault(f.path, []).append(f)
    for f in after.findings:
        by_path_after.setdefault(f.path, []).append(f)
    pages = []
    for path in sorted(set(before_pages) | set(after_pages)):
        old, new = by_path_before.get(path, []), by_path_after.get(path, [])
        added, fixed = _difference(new, old), _difference(old, new)
        if path not in before_pages:
            kind = "added"
        elif path not in after_pages:
            kind = "removed"
        elif path in changed_paths:
            kind = "changed"
        elif added or fixed:
            kind = "affected"
        else:
            continue
        lines = changed_lines.get(path, frozenset())
        added.sort(key=lambda f: (not (f.line is not None and f.line in lines), -f.severity.rank, f.sort_key))
        report = after_pages.get(path) or before_pages[path]
        old_metrics = before_pages[path].metrics if path in before_pages else {}
        new_metrics = after_pages[path].metrics if path in after_pages else {}
        pages.append(
            PageChange(
                path=path,
                title=report.page.meta.title or path,
                kind=kind,
                new=tuple(added),
                fixed=tuple(fixed),
                before=_counts(old),
                after=_counts(new),
                metrics=_metrics(old_metrics, new_metrics),
                changed_lines=lines,
            )
        )
    page_paths = set(before_pages) | set(after_pages)
    other_before = [f for f in before_findings if f.path not in page_paths]
    other_after = [f for f in after.findings if f.path not in page_paths]
    pages.sort(key=lambda change: (change.kind == "affected", change.path))
    return Comparison(
        base,
        tuple(pages),
        tuple(_difference(other_after, other_before)),
        tuple(_difference(other_before, other_after)),
    )


# --- Markdown -------------------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else number(value)


def _metric_name(name: str) -> str:
    """Dutch for the editor, with the key of `check --format json` for whoever compares the two."""
    label = METRIC_NAMES_NL.get(name)
    return f"{label} (`{_cell(name)}`)" if label else f"`{_cell(name)}`"


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ("−" if value < 0 else "") + _number(abs(value))
    # A list (the termbase keys a page uses) reads as words for a reviewer, not as a Python repr.
    if isinstance(value, list | tuple):
        return _cell(", ".join(map(str, value))) or "—"
    return _cell(str(value))


def _signed(delta: float | None) -> str:
    if delta is None:
        return ""
    if delta == 0:
        return "0"
    return ("+" if delta > 0 else "−") + _number(abs(delta))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _arrow(before: int, after: int) -> str:
    if before == after:
        return str(after)
    return f"{before} → {after} ({_signed(after - before)})"


def _finding_line(f: Finding, change: PageChange | None = None, prefix: str = "") -> str:
    where = f"regel {f.line}" if f.line else "hele bestand"
    if change is not None and change.on_changed_line(f):
        where += ", gewijzigde regel"
    suggestion = f" *{_cell(f.suggestion)}*" if f.suggestion else ""
    return f"- {prefix}**{f.severity.dutch}** `{f.rule}` ({where}): {_cell(f.message)}{suggestion}"


def _totals(pages: Iterable[PageChange], severity: Severity) -> tuple[int, int]:
    pages = list(pages)
    return sum(p.before[severity] for p in pages), sum(p.after[severity] for p in pages)


def markdown(comparison: Comparison) -> str:
    direct = [p for p in comparison.pages if p.kind != "affected"]
    affected = [p for p in comparison.pages if p.kind == "affected"]
    out = ["## patienthub: wat verandert er voor de lezer?", ""]
    if not comparison.pages and not comparison.other_new and not comparison.other_fixed:
        out += [f"Geen pagina’s gewijzigd ten opzichte van `{comparison.base}`.", ""]
        return "\n".join(out)
    errors, warnings = _totals(comparison.pages, Severity.ERROR), _totals(comparison.pages, Severity.WARNING)
    out += [
        f"Vergeleken met `{comparison.base}`: {_plural(len(direct), 'gewijzigde pagina', 'gewijzigde pagina’s')}"
        + (
            f", {_plural(len(affected), 'andere pagina', 'andere pagina’s')} met andere bevindingen"
            if affected
            else ""
        )
        + f". Fouten {_arrow(*errors)}, waarschuwingen {_arrow(*warnings)}.",
        "",
        "| Pagina | Wijziging | Fouten | Waarschuwingen | Nieuw | Opgelost |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for p in comparison.pages:
        out.append(
            f"| {_cell(p.title)} (`{_cell(p.path)}`) | {KIND_NL[p.kind]} "
            f"| {_arrow(p.before[Severity.ERROR], p.after[Severity.ERROR])} "
            f"| {_arrow(p.before[Severity.WARNING], p.after[Severity.WARNING])} | {len(p.new)} | {len(p.fixed)} |"
        )
    out.append("")
    for p in comparison.pages:
        out += [f"### {_cell(p.title)} (`{_cell(p.path)}`, {KIND_NL[p.kind]})", ""]
        if p.new:
            out += ["**Nieuwe bevindingen** (eerst die op gewijzigde regels)", ""]
            out += [_finding_line(f, p) for f in p.new]
            out.append("")
        if p.fixed:
            out += ["**Opgelost**", ""]
            out += [_finding_line(f) for f in p.fixed]
            out.append("")
        if not p.new and not p.fixed:
            out += ["Geen nieuwe of opgeloste bevindingen.", ""]
        if p.metrics and (p.kind != "affected" or any(m.changed for m in p.metrics)):
            out += ["| Meting | Voor | Na | Verschil |", "|---|---:|---:|---:|"]
            for m in p.metrics:
                out.append(
                    f"| {_metric_name(m.name)} | {_value(m.before)} | {_value(m.after)} | {_signed(m.delta)} |"
                )
            out.append("")
    if comparison.other_new or comparison.other_fixed:
        out += ["### Registers en instellingen", ""]
        out += [_finding_line(f, prefix=f"nieuw: `{f.path}` ") for f in comparison.other_new]
        out += [_finding_line(f, prefix=f"opgelost: `{f.path}` ") for f in comparison.other_fixed]
        out.append("")
    return "\n".join(out)
