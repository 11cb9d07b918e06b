"""The review dashboard for editors and reviewers: every page with its owner, review dates, readability and open
findings, most urgent first; one page per owning organisation as a filter that needs no JavaScript; and a static
SVG of the review workload per month. Not in the navigation, not in the search index, `noindex` for robots.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from babel.dates import format_date
from babel.numbers import format_decimal

from patienthub.build.generators.base import EDITOR_FRONT_MATTER, ROWS_PER_PAGE, Output, md, pager, part_uri
from patienthub.core.dates import LOCALE, dutch_date
from patienthub.core.findings import Finding, Severity
from patienthub.domain import workload
from patienthub.domain.model import Page, Site
from patienthub.domain.result import Result
from patienthub.domain.schedule import days_left, next_review
from patienthub.load import urls
from patienthub.publish.barchart import Bar
from patienthub.publish.barchart import render as render_chart

FOLDER = urls.DASHBOARD_FOLDER
INDEX = urls.DASHBOARD_INDEX
READABILITY_METRIC = "flesch_douma"
STATUS_NL = {"concept": "concept", "approved": "goedgekeurd"}
URGENCY_NL = ("nu", "binnenkort", "op schema")
ORDER = "de meest dringende eerst"  # how the rows of a dashboard split in parts are sorted


@dataclass(frozen=True)
class Row:
    page: Page
    findings: tuple[Finding, ...]
    days_left: int | None
    readability: float | None
    urgency: int  # index into URGENCY_NL

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def sort_key(self) -> tuple:
        days = self.days_left if self.days_left is not None else -(10**9)
        return (self.urgency, days, -self.errors, -self.warnings, self.page.path)


def _urgency(findings: Sequence[Finding], days: int | None) -> int:
    """0: act now (overdue, no review date, or an error); 1: soon (a freshness warning); 2: on schedule."""
    if days is None or days < 0 or any(f.severity is Severity.ERROR for f in findings):
        return 0
    if any(f.severity is Severity.WARNING and f.rule.startswith("freshness.") for f in findings):
        return 1
    return 2


def rows(site: Site, result: Result) -> list[Row]:
    """Every page of the site exactly once, most urgent first."""
    by_path: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_path.setdefault(f.path, []).append(f)
    out = []
    for report in result.pages:
        page = report.page
        findings = tuple(by_path.get(page.path, ()))
        days = days_left(page, site)
        score = report.metrics.get(READABILITY_METRIC)
        readability = float(score) if isinstance(score, int | float) and not isinstance(score, bool) else None
        out.append(Row(page, findings, days, readability, _urgency(findings, days)))
    return sorted(out, key=lambda row: row.sort_key)


def _owner(page: Page, site: Site) -> str:
    organisation = site.organisations.get(page.meta.owner or "")
    if organisation is not None:
        return md(organisation.short_name)
    return md(page.meta.owner) if page.meta.owner else "—"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _findings_cell(findings: Sequence[Finding]) -> str:
    if not findings:
        return "geen"
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    others = len(findings) - errors - warnings
    counts = [
        text
        for count, text in (
            (errors, f"**{_plural(errors, 'fout', 'fouten')}**"),
            (warnings, _plural(warnings, "waarschuwing", "waarschuwingen")),
            (others, _plural(others, "suggestie", "suggesties")),
        )
        if count
    ]
    rules = Counter(f.rule for f in findings)
    listed = ", ".join(f"`{rule}`" + (f" ×{n}" if n > 1 else "") for rule, n in sorted(rules.items()))
    return f"{', '.join(counts)}<br>{listed}"


def _days_cell(days: int | None) -> str:
    if days is None:
        return "—"
    return f"{days} (te laat)" if days < 0 else str(days)


def _table(selected: Iterable[Row], site: Site, here: str) -> list[str]:
    lines = [
        "| Urgentie | Pagina | Eigenaar | Status | Laatst gecontroleerd | Volgende controle | Dagen over "
        "| Leesbaarheid (Flesch-Douma) | Open bevindingen |",
        "|---|---|---|---|---|---|---:|---:|---|",
    ]
    for row in selected:
        page, meta = row.page, row.page.meta
        link = posixpath.relpath(page.src_uri, posixpath.dirname(here))
        due = next_review(page, site.config)
        score = (
            format_decimal(row.readability, format="0.0", locale=LOCALE)
            if row.readability is not None
            else "—"
        )
        cells = [
            URGENCY_NL[row.urgency],
            f"[{md(meta.title or page.path)}]({link})",
            _owner(page, site),
            STATUS_NL.get(meta.status or "", "—"),
            meta.last_reviewed.isoformat() if meta.last_reviewed else "—",
            due.isoformat() if due else "—",
            _days_cell(row.days_left),
            score,
            _findings_cell(row.findings),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _filter_line(site: Site, owners: Counter[str], current: str | None) -> str:
    items = ["**Alle eigenaars**" if current is None else "[Alle eigenaars](index.md)"]
    for key in sorted(owners, key=lambda k: site.organisations[k].short_name.lower()):
        label = f"{md(site.organisations[key].short_name)} ({owners[key]})"
        items.append(f"**{label}**" if key == current else f"[{label}](eigenaar-{key}.md)")
    return "Filter op eigenaar: " + " · ".join(items)


def _chart(site: Site, pages: Sequence[Page], name: str, whom: str) -> tuple[Output, list[str]]:
    load = workload.monthly(site, pages)
    bars = []
    for index, month in enumerate(load.months):
        label = format_date(month.month, "LLL", locale=LOCALE)
        sublabel = str(month.month.year) if index == 0 or month.month.month == 1 else ""
        spoken = format_date(month.month, "MMMM y", locale=LOCALE)
        description = f"{spoken}: {_plural(month.due, 'pagina', 'pagina’s')}"
        if month.overdue:
            description += f", plus {_plural(month.overdue, 'pagina', 'pagina’s')} die al te laat is"
        bars.append(Bar(label, sublabel, month.total, month.overdue, description))
    first, last = load.months[0].month, load.months[-1].month
    period = f"{format_date(first, 'MMMM y', locale=LOCALE)} tot en met {format_date(last, 'MMMM y', locale=LOCALE)}"
    title = f"Controles per maand {whom}, {period}"
    notes = []
    if load.months[0].overdue:
        notes.append(
            f"{_plural(load.months[0].overdue, 'pagina is', 'pagina’s zijn')} al te laat (eerste maand)"
        )
    if load.later:
        notes.append(f"{_plural(load.later, 'pagina', 'pagina’s')} pas later")
    if load.unplanned:
        notes.append(f"{_plural(load.unplanned, 'pagina', 'pagina’s')} zonder controledatum")
    description = "Aantal pagina’s waarvan de volgende controle in die maand valt." + (
        " " + "; ".join(notes).capitalize() + "." if notes else ""
    )
    svg = Output(f"{FOLDER}/{name}", render_chart(title, description, bars), in_nav=False)
    table = [
        f"![{md(title)}. {md(description)}]({name})",
        "",
        "<details><summary>De cijfers van de grafiek als tabel</summary>",
        '<table><thead><tr><th scope="col">Maand</th><th scope="col">Pagina’s</th>'
        '<th scope="col">Waarvan te laat</th></tr></thead><tbody>',
        *(
            f"<tr><td>{format_date(m.month, 'MMMM y', locale=LOCALE)}</td><td>{m.total}</td><td>{m.overdue}</td></tr>"
            for m in load.months
        ),
        "</tbody></table>",
        "</details>",
        "",
        description,
    ]
    return svg, table


def _summary(selected: Sequence[Row], site: Site) -> str:
    overdue = sum(1 for row in selected if row.days_left is not None and row.days_left < 0)
    soon = sum(
        1
        for row in selected
        if row.days_left is not None and 0 <= row.days_left <= site.config.freshness.due_soon_days
    )
    with_errors = sum(1 for row in selected if row.errors)
    return (
        f"Stand van {dutch_date(site.today)}: {_plural(len(selected), 'pagina', 'pagina’s')}, "
        f"{overdue} te laat, {soon} binnen {site.config.freshness.due_soon_days} dagen aan de beurt, "
        f"{with_errors} met fouten."
    )


# The evidence register's view (generators/evidence_view.py), one folder up.
EVIDENCE_LINK = "Het bewijs bij de tekst, per pagina de feiten en bij elk feit het citaat uit de bron: [bewijs](../bewijs/index.md)."
INTRO = (
    "Deze pagina is voor redacteuren en controleurs van de beroepsverenigingen, niet voor patiënten. "
    "Zoekmachines en de zoekfunctie van deze site slaan haar over. Bovenaan staat wat het eerst aandacht nodig "
    "heeft: te laat, zonder datum of met fouten (**nu**), dan een controle die binnenkort komt of een nieuwe "
    "versie van een richtlijn (**binnenkort**), dan de rest (**op schema**)."
)


def _page(
    site: Site,
    result: Result,
    selected: list[Row],
    uri: str,
    title: str,
    owners: Counter[str],
    current: str | None,
    chart: str,
) -> Iterator[Output]:
    pages = [row.page for row in selected]
    whom = "" if current is None else f"van {site.organisations[current].short_name}"
    svg, chart_lines = _chart(site, pages, chart, whom.strip() or "van alle pagina’s")
    chunks = [selected[i : i + ROWS_PER_PAGE] for i in range(0, len(selected), ROWS_PER_PAGE)] or [[]]
    uris = [uri] + [part_uri(uri, number) for number in range(2, len(chunks) + 1)]
    for number, (chunk, here) in enumerate(zip(chunks[1:], uris[1:], strict=True), 2):
        heading = f"{title} (deel {number} van {len(chunks)})"
        yield Output(
            here,
            "\n".join(
                [
                    EDITOR_FRONT_MATTER.format(title_yaml=json.dumps(heading, ensure_ascii=False))
                    + f"# {heading}",
                    "",
                    pager(uris, number, ORDER),
                    "",
                    *_table(chunk, site, here),
                    "",
                ]
            ),
            in_nav=False,
        )
    lines = [
        EDITOR_FRONT_MATTER.format(title_yaml=json.dumps(title, ensure_ascii=False)) + f"# {title}",
        "",
        INTRO,
        "",
        *([EVIDENCE_LINK, ""] if site.evidence is not None else []),
        _filter_line(site, owners, current),
        "",
        _summary(selected, site),
        "",
        *([pager(uris, 1, ORDER), ""] if len(chunks) > 1 else []),
        *_table(chunks[0], site, uri),
        "",
        "## Werklast in de komende 24 maanden",
        "",
        *chart_lines,
        "",
    ]
    if current is None:
        page_paths = {page.path for page in site.pages}
        other = [f for f in result.findings if f.path not in page_paths]
        if other:
            lines.extend(["## Bevindingen buiten de pagina's", ""])
            lines.extend(
                f"- `{f.path}`{f':{f.line}' if f.line else ''}: {f.severity.dutch} `{f.rule}` — {md(f.message)}"
                for f in other
            )
            lines.append("")
    yield Output(uri, "\n".join(lines), in_nav=False)
    yield svg


def generate(site: Site, result: Result) -> Iterator[Output]:
    """The dashboard of a finished check run (the build passes the run it gated on)."""
    all_rows = rows(site, result)
    owners = Counter(row.page.meta.owner for row in all_rows if row.page.meta.owner in site.organisations)
    yield from _page(site, result, all_rows, INDEX, "Controles van de pagina’s", owners, None, "werklast.svg")
    for key in owners:
        selected = [row for row in all_rows if row.page.meta.owner == key]
        name = site.organisations[key].short_name
        yield from _page(
            site,
            result,
            selected,
            f"{FOLDER}/eigenaar-{key}.md",
            f"Controles: pagina’s van {name}",
            owners,
            key,
            f"werklast-{key}.svg",
        )
