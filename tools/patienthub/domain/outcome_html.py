"""HTML for outcome blocks, keuzekaarten and the "3 goede vragen", built from the typed data (engine-neutral).

Every number a patient sees is "X van de 100 mensen", with who was measured, when, and the source with the
date it was taken over. Outcomes whose source gives no honest count are shown in words, saying why.
"""

from __future__ import annotations

from html import escape as _escape

from patienthub.core.dates import dutch_date
from patienthub.domain.outcome_data import Dataset, Keuzekaart, Outcome, SourceInfo, Value
from patienthub.text.iconarray import DENOMINATOR, defs, icon_array, legend_icon


def escape(text: str) -> str:
    """Text and attribute values alike: only what HTML needs escaped (an apostrophe stays readable)."""
    return _escape(text, quote=False).replace('"', "&quot;")


THREE_QUESTIONS = (
    "Wat zijn mijn mogelijkheden?",
    "Wat zijn de voor- en nadelen van die mogelijkheden?",
    "Wat betekent dat in mijn situatie?",
)
THREE_QUESTIONS_SOURCE = SourceInfo(
    title="Samen beslissen: 3 goede vragen. Patiëntenfederatie Nederland en Federatie Medisch Specialisten",
    url="https://3goedevragen.nl",
)


def whole(value: float | None) -> int | None:
    """The value as a whole number of 100, or None when it is not one (the check reports that)."""
    if (
        value is None
        or isinstance(value, bool)
        or float(value) != int(value)
        or not 0 <= value <= DENOMINATOR
    ):
        return None
    return int(value)


def number_text(value: Value) -> str:
    count = whole(value.per_100)
    return f"{'ongeveer ' if value.approximate else ''}{count} van de {DENOMINATOR} mensen"


def _source_html(source: SourceInfo | None) -> str:
    if source is None:
        return "Bron: onbekend."
    title = escape(source.title)
    if source.url:
        title = f'<a href="{escape(source.url)}">{title}</a>'
    year = f" ({source.year})" if source.year and str(source.year) not in source.title else ""
    retrieved = f" Geraadpleegd op {dutch_date(source.retrieved)}." if source.retrieved else ""
    return f"Bron: {title}{year}.{retrieved}"


def _meta(outcome: Outcome) -> str:
    lines = []
    if outcome.population:
        lines.append(f"Over wie: {escape(outcome.population)}")
    if outcome.time_frame:
        lines.append(f"Wanneer: {escape(outcome.time_frame)}")
    lines.append(_source_html(outcome.source))
    return f'<p class="ph-outcome__meta">{"<br>".join(lines)}</p>'


def draws_icons(outcome: Outcome) -> bool:
    """Whether `outcome_block` draws icon arrays for this outcome (and so needs the shared figures)."""
    return (
        outcome.is_frequency
        and bool(outcome.values)
        and all(whole(v.per_100) is not None for v in outcome.values)
    )


def outcome_block(outcome: Outcome, dataset: Dataset, with_defs: bool = True) -> str:
    """`with_defs`: include the shared figures the arrays draw from; once per page (an id is unique)."""
    if not outcome.is_frequency:
        return _words_block(outcome)
    shown = [v for v in outcome.values if whole(v.per_100) is not None]
    if len(shown) != len(outcome.values) or not shown:
        return notice(
            f"De uitkomst '{outcome.measure}' heeft getallen die niet kloppen en wordt niet getoond."
        )
    says = escape(outcome.says or "")
    arrays = []
    for value in shown:
        group = dataset.groups.get(value.group, value.group)
        label = f"{group}: {number_text(value)} {outcome.says}"
        arrays.append(
            '<div class="ph-iconarray">'
            f'<p class="ph-iconarray__label"><span class="ph-iconarray__group">{escape(group)}</span> '
            f'<span class="ph-iconarray__number">{escape(number_text(value))} {says}</span></p>'
            f"{icon_array(whole(value.per_100) or 0, label)}"
            "</div>"
        )
    legend = (
        f'<p class="ph-legend">{legend_icon(True)} = {says} '
        f'<span class="ph-legend__sep">·</span> {legend_icon(False)} = de anderen</p>'
    )
    return "\n".join(
        [
            '<figure class="ph-outcome">',
            f'<figcaption class="ph-outcome__caption">{escape(outcome.measure)}</figcaption>',
            f'<div class="ph-outcome__arrays">{defs() if with_defs else ""}{"".join(arrays)}</div>',
            legend,
            _table(outcome, shown, dataset),
            _meta(outcome),
            "</figure>",
        ]
    )


def _table(outcome: Outcome, values: list[Value], dataset: Dataset) -> str:
    with_range = any(v.range for v in values)
    with_total = any(v.total for v in values)
    head = [
        '<th scope="col">Groep</th>',
        f'<th scope="col">Van de {DENOMINATOR} mensen {escape(outcome.says or "")}</th>',
    ]
    if with_range:
        head.append('<th scope="col">Onzeker: tussen</th>')
    if with_total:
        head.append('<th scope="col">Aantal mensen in het onderzoek</th>')
    rows = []
    for value in values:
        cells = [
            f'<th scope="row">{escape(dataset.groups.get(value.group, value.group))}</th>',
            f"<td>{'ongeveer ' if value.approximate else ''}{whole(value.per_100)}</td>",
        ]
        if with_range:
            low, high = value.range or (None, None)
            cells.append(f"<td>{f'{low:g} en {high:g}' if value.range else '–'}</td>")
        if with_total:
            cells.append(f"<td>{value.total or '–'}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<table class="ph-outcome__table">'
        f"<caption>De getallen: {escape(outcome.measure)}</caption>"
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _words_block(outcome: Outcome) -> str:
    return "\n".join(
        [
            '<div class="ph-outcome ph-outcome--words">',
            f'<p class="ph-outcome__caption">{escape(outcome.measure)}</p>',
            f'<p class="ph-outcome__text">{escape(outcome.text or "")}</p>',
            f'<p class="ph-outcome__why"><strong>Waarom staat hier geen getal?</strong> '
            f"{escape(outcome.why_no_numbers or '')}</p>",
            _meta(outcome),
            "</div>",
        ]
    )


def three_questions() -> str:
    items = "".join(f"<li>{escape(q)}</li>" for q in THREE_QUESTIONS)
    return (
        # A section, not an aside: an aside inside <main> is a complementary landmark that is not top level.
        '<section class="ph-3vragen" aria-label="3 goede vragen">'
        '<p class="ph-3vragen__title"><strong>3 goede vragen</strong> '
        "voor het gesprek met uw zorgverlener</p>"
        f'<ol class="ph-3vragen__list">{items}</ol>'
        f'<p class="ph-3vragen__source">{_source_html(THREE_QUESTIONS_SOURCE)}</p>'
        "</section>"
    )


def keuzekaart_block(card: Keuzekaart, concept: bool) -> str:
    # No explicit table roles: on native table elements they are redundant (Nu Html Checker errors, issue 22).
    header = "".join(f'<th scope="col">{escape(option.label)}</th>' for option in card.options)
    rows = []
    for row in card.rows:
        cells = "".join(
            f'<td data-label="{escape(option.label)}">{escape(row.answers.get(option.key) or "")}</td>'
            for option in card.options
        )
        rows.append(f'<tr><th scope="row">{escape(row.question)}</th>{cells}</tr>')
    parts = [
        f'<section class="ph-keuzekaart" aria-label="Keuzekaart: {escape(card.title)}">',
        f'<h2 class="ph-keuzekaart__title">Keuzekaart: {escape(card.title)}</h2>',
        f'<p class="ph-keuzekaart__for"><strong>Voor wie?</strong> {escape(card.for_whom)}</p>',
    ]
    if card.not_for:
        parts.append(f'<p class="ph-keuzekaart__not-for"><strong>Let op:</strong> {escape(card.not_for)}</p>')
    if concept:
        parts.append(
            '<p class="ph-keuzekaart__status">Concept: een vereniging van zorgverleners '
            "heeft deze keuzekaart nog niet gecontroleerd.</p>"
        )
    sources = "".join(f"<li>{_source_html(s).removeprefix('Bron: ')}</li>" for s in card.sources)
    parts += [
        '<div class="ph-keuzekaart__wrap">',
        '<table class="ph-keuzekaart__table">',
        f"<caption>De keuzes naast elkaar: {escape(card.title)}</caption>",
        f'<thead><tr><th scope="col">Uw vraag</th>{header}</tr></thead>',
        f"<tbody>{''.join(rows)}</tbody>",
        "</table>",
        "</div>",
        three_questions(),
        f'<div class="ph-keuzekaart__sources"><h3 class="ph-keuzekaart__sources-title">Bronnen</h3><ul>{sources}</ul></div>',
        "</section>",
    ]
    return "\n".join(parts)


def notice(message: str) -> str:
    """Shown where a reference cannot be rendered: the build fails on the finding, and nothing vanishes."""
    return (
        '<p class="ph-notice ph-notice--missing" role="note">'
        f"<strong>Gegevens ontbreken.</strong> {escape(message)}</p>"
    )
