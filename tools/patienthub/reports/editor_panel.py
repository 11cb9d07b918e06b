"""The writer's panel shown on top of each page under `mkdocs serve` (never in the published site).

Engine-neutral: it turns a page's findings and metrics into one HTML fragment; the adapter decides where it goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from html import escape
from typing import Any

from patienthub.core.findings import Finding, Severity
from patienthub.text.dutch import number

PANEL_CLASS = "ph-editor-panel"
SHOWN_METRICS = {
    "flesch_douma": "Flesch-Douma",
    "avg_sentence_words": "woorden per zin",
    "long_sentences": "lange zinnen",
    "rare_words": "moeilijke woorden",
    "days_left": "dagen tot controle",
}


def _metric(value: Any) -> str:
    return number(value) if isinstance(value, float) else str(value)


def _rule(rule: str, link: Callable[[str], str] | None) -> str:
    code = f"<code>{escape(rule)}</code>"
    if link is None:
        return code
    title = "Uitleg over deze regel in de handleiding voor redacteuren"
    return f'<a href="{escape(link(rule), quote=True)}" title="{title}">{code}</a>'


def render(
    findings: Iterable[Finding], metrics: Mapping[str, Any], link: Callable[[str], str] | None = None
) -> str:
    """The panel; `link` gives the address of a rule's section in the editors' guide."""
    findings = sorted(findings, key=lambda f: (-f.severity.rank, f.line or 0))
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    numbers = "".join(
        f"<li><strong>{escape(_metric(metrics[key]))}</strong> {label}</li>"
        for key, label in SHOWN_METRICS.items()
        if metrics.get(key) is not None  # no date to count from is no number, not "None"
    )
    items = "".join(
        f'<li class="ph-editor-panel__finding ph-editor-panel__finding--{f.severity.value}"'
        f' data-excerpt="{escape(f.excerpt, quote=True)}">'
        f"<span>regel {f.line or '–'}</span> {_rule(f.rule, link)} {escape(f.message)}"
        + (f" <em>{escape(f.suggestion)}</em>" if f.suggestion else "")
        + "</li>"
        for f in findings
    )
    summary = (
        f"{counts[Severity.ERROR]} fouten, {counts[Severity.WARNING]} waarschuwingen, "
        f"{counts[Severity.SUGGESTION]} suggesties"
    )
    body = f"<ol>{items}</ol>" if items else "<p>Geen opmerkingen. Goed zo!</p>"
    return (
        f'<section class="{PANEL_CLASS}" aria-label="Controle van deze pagina (alleen zichtbaar tijdens het schrijven)">'
        f"<details{' open' if counts[Severity.ERROR] else ''}><summary>patienthub: {summary}</summary>"
        f'<ul class="ph-editor-panel__metrics">{numbers}</ul>{body}</details></section>'
    )
