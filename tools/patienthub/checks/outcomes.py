"""outcomes.*: outcome numbers a patient can trust and compare (inspired by the IPDAS criteria).

Datasets: every outcome names its population, time frame and source; numbers are "X van de 100"; compared
groups share one time frame; a relative number never stands without the absolute ones. Keuzekaarten: every
option answers every question, and every number in a cell comes from a dataset. Pages: references to data
exist, and one page does not mix "%", "1 op x" and "X van de 100".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain import references
from patienthub.domain.model import Page, Site
from patienthub.domain.outcome_data import Dataset, Keuzekaart, Outcome, OutcomeLibrary, SourceInfo, Value
from patienthub.domain.outcome_html import number_text, whole
from patienthub.load.config import OutcomesConfig
from patienthub.text.markdown import blocks, plain

E, W = Severity.ERROR, Severity.WARNING
MISSING_SOURCE = Rule(
    "outcomes.missing-source",
    E,
    "Een uitkomst of keuzekaart noemt geen volledige bron (titel, jaar, adres, datum).",
)
MISSING_POPULATION = Rule(
    "outcomes.missing-population", E, "Een uitkomst zegt niet over welke mensen het gaat."
)
MISSING_TIME_FRAME = Rule("outcomes.missing-time-frame", E, "Een uitkomst zegt niet wanneer er gemeten is.")
DENOMINATOR = Rule(
    "outcomes.denominator", E, "Een getal staat niet als heel getal op de vaste noemer 'van de 100'."
)
COUNT_MISMATCH = Rule(
    "outcomes.count-mismatch", E, "Het getal van de 100 past niet bij het gemeten aantal (events/total)."
)
TIME_FRAME_MISMATCH = Rule(
    "outcomes.time-frame-mismatch", E, "Groepen worden vergeleken over verschillende tijden."
)
RELATIVE_ONLY = Rule(
    "outcomes.relative-only",
    E,
    "Een relatief getal (zoals een hazard ratio) staat er zonder de absolute getallen.",
)
OUT_OF_RANGE = Rule(
    "outcomes.out-of-range", E, "Een getal ligt buiten 0 tot 100, of meer mensen dan er gemeten zijn."
)
UNKNOWN_NAME = Rule(
    "outcomes.unknown-name", E, "Een uitkomst of keuzekaart noemt een groep of keuze die niet bestaat."
)
UNKNOWN_REFERENCE = Rule(
    "outcomes.unknown-reference", E, "Een verwijzing {{ … }} naar gegevens die niet bestaan."
)
REFERENCE_INDENTED = Rule(
    "outcomes.reference-indented",
    E,
    "Een verwijzing {{ … }} staat in een lijst of blok en kan daar niet getoond worden.",
)
MIXED_FORMATS = Rule(
    "outcomes.mixed-formats", W, "Een pagina gebruikt '%', '1 op x' en 'X van de 100' door elkaar."
)
NO_DATA = Rule("outcomes.no-data", W, "Een uitkomstpagina toont geen uitkomstgegevens.")
MISSING_ANSWER = Rule(
    "outcomes.missing-answer", E, "Een keuze op een keuzekaart heeft geen antwoord op een vraag."
)
UNSOURCED_NUMBER = Rule(
    "outcomes.unsourced-number", E, "Een keuzekaart noemt een getal dat in geen uitkomstbestand staat."
)
NO_SELF_CARE = Rule(
    "outcomes.no-self-care-option", E, "Een keuzekaart heeft geen keuze 'afwachten / zelf doen'."
)
MISSING_QUESTION = Rule(
    "outcomes.missing-question", W, "Een keuzekaart beantwoordt een van de vaste vragen niet."
)
RULES = (
    MISSING_SOURCE,
    MISSING_POPULATION,
    MISSING_TIME_FRAME,
    DENOMINATOR,
    COUNT_MISMATCH,
    TIME_FRAME_MISMATCH,
    RELATIVE_ONLY,
    OUT_OF_RANGE,
    UNKNOWN_NAME,
    UNKNOWN_REFERENCE,
    REFERENCE_INDENTED,
    MIXED_FORMATS,
    NO_DATA,
    MISSING_ANSWER,
    UNSOURCED_NUMBER,
    NO_SELF_CARE,
    MISSING_QUESTION,
)

# --- numbers as written in Dutch text -----------------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def numbers_in(text: str) -> list[tuple[str, Decimal]]:
    """Numbers written in Dutch ("2.470" is two thousand four hundred seventy, "1,97" has a decimal comma)."""
    found = []
    for match in _NUMBER.finditer(text):
        token = match.group()
        digits = token.replace(".", "") if _THOUSANDS.match(token) else token.replace(",", ".")
        try:
            found.append((token, Decimal(digits).normalize()))
        except ArithmeticError:
            continue  # "1.2.3" is not a number; nothing to compare
    return found


def dataset_numbers(dataset: Dataset) -> set[Decimal]:
    """The numbers a patient may meet in text derived from this dataset: values, counts, years, and the
    numbers in its descriptions (population, time frame). Relative measures and reported effects are not."""
    numbers = {Decimal(100)}
    texts = [dataset.title, dataset.population or "", *dataset.groups.values()]
    for outcome in dataset.outcomes.values():
        texts += [outcome.measure, outcome.says or "", outcome.population or "", outcome.time_frame or ""]
        texts += [outcome.text or "", outcome.why_no_numbers or ""]
        for value in outcome.values:
            numbers.update(
                Decimal(str(n)).normalize()
                for n in (value.per_100, value.events, value.total)
                if n is not None
            )
            numbers.update(Decimal(str(n)).normalize() for n in value.range or ())
            texts.append(value.time_frame or "")
    numbers.update(Decimal(s.year) for s in dataset.sources.values() if s.year)
    for text in texts:
        numbers.update(n for _, n in numbers_in(text))
    return numbers


# --- datasets -----------------------------------------------------------------------------------------------


def _source_findings(source: SourceInfo, path: str, where: str) -> Iterator[Finding]:
    missing = [
        name
        for name, value in (("year", source.year), ("url", source.url), ("retrieved", source.retrieved))
        if not value
    ]
    if missing:
        yield finding(
            MISSING_SOURCE,
            path,
            source.line,
            f"De bron {where}'{source.title}' mist {', '.join(missing)}.",
            "Vul jaar (year), adres (url) en de datum waarop u de cijfers overnam (retrieved) in.",
        )


def _percent(events: int, total: int) -> int:
    return int((Decimal(100) * events / total).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _value_findings(outcome: Outcome, value: Value, dataset: Dataset) -> Iterator[Finding]:
    path = dataset.path
    where = f"'{outcome.key}', groep '{value.group}'"
    if value.group not in dataset.groups:
        yield finding(
            UNKNOWN_NAME,
            path,
            value.line,
            f"Uitkomst {where}: de groep '{value.group}' staat niet onder groups.",
            f"Kies uit: {', '.join(dataset.groups)}.",
        )
    if value.events is not None and value.total is not None and value.events > value.total:
        yield finding(
            OUT_OF_RANGE,
            path,
            value.line,
            f"Uitkomst {where}: {value.events} mensen met de uitkomst, "
            f"maar er zijn er maar {value.total} gemeten.",
            "Controleer events en total in de bron.",
        )
    for number in (value.per_100, *(value.range or ())):
        if number is not None and not 0 <= number <= 100:
            yield finding(
                OUT_OF_RANGE,
                path,
                value.line,
                f"Uitkomst {where}: {number:g} ligt buiten 0 tot 100.",
                "Een getal van de 100 ligt altijd tussen 0 en 100. Controleer de bron.",
            )
    if value.range and value.range[0] > value.range[1]:
        yield finding(
            OUT_OF_RANGE,
            path,
            value.line,
            f"Uitkomst {where}: de onzekerheid begint bij {value.range[0]:g} "
            f"en eindigt lager, bij {value.range[1]:g}.",
            "Schrijf eerst het laagste en dan het hoogste getal.",
        )
    computed = _percent(value.events, value.total) if value.events is not None and value.total else None
    if value.per_100 is None:
        hint = (
            f" Uit {value.events} van {value.total} volgt per_100: {computed}."
            if computed is not None
            else ""
        )
        yield finding(
            DENOMINATOR,
            path,
            value.line,
            f"Uitkomst {where} heeft geen getal op de vaste noemer van 100.{hint}",
            "Zet elk getal als 'per_100: X' (X van de 100 mensen); zo zijn alle uitkomsten te vergelijken.",
        )
    elif value.per_100 != int(value.per_100):
        yield finding(
            DENOMINATOR,
            path,
            value.line,
            f"Uitkomst {where}: {value.per_100:g} van de 100 is geen heel aantal mensen.",
            "Rond af op een heel getal; gebruik approximate: true als de bron 'ongeveer' zegt.",
        )
    elif computed is not None and computed != value.per_100:
        yield finding(
            COUNT_MISMATCH,
            path,
            value.line,
            f"Uitkomst {where}: {value.events} van {value.total} is {computed} van de 100, "
            f"niet {value.per_100:g}.",
            "Controleer de getallen in de bron en zet per_100 op het afgeronde getal.",
        )


def _outcome_findings(outcome: Outcome, dataset: Dataset) -> Iterator[Finding]:
    path, line = dataset.path, outcome.line
    if outcome.source_key is None:
        yield finding(
            MISSING_SOURCE,
            path,
            line,
            f"De uitkomst '{outcome.key}' noemt geen bron.",
            f"Voeg 'source: …' toe met een sleutel uit sources ({', '.join(dataset.sources)}).",
        )
    elif outcome.source is None:
        yield finding(
            MISSING_SOURCE,
            path,
            dataset.file.line_of("outcomes", outcome.key, "source"),
            f"De uitkomst '{outcome.key}' noemt de bron '{outcome.source_key}', "
            "maar die staat niet onder sources.",
            f"Kies uit: {', '.join(dataset.sources)}, of voeg de bron toe.",
        )
    if not outcome.population:
        yield finding(
            MISSING_POPULATION,
            path,
            line,
            f"De uitkomst '{outcome.key}' zegt niet over welke mensen het gaat.",
            "Voeg 'population: …' toe (bij de uitkomst of bovenaan), bijvoorbeeld leeftijd en klachten.",
        )
    # A group measured at its own moment says so in its value; otherwise the outcome's time frame holds.
    frames = [v.time_frame or outcome.time_frame for v in outcome.values] or [outcome.time_frame]
    if any(frame is None for frame in frames):
        yield finding(
            MISSING_TIME_FRAME,
            path,
            line,
            f"De uitkomst '{outcome.key}' zegt niet wanneer er gemeten is.",
            "Voeg 'time_frame: …' toe, bijvoorbeeld '1 jaar na de start van de behandeling'.",
        )
    distinct = {" ".join(frame.casefold().split()) for frame in frames if frame}
    if len(distinct) > 1:
        yield finding(
            TIME_FRAME_MISMATCH,
            path,
            line,
            f"De uitkomst '{outcome.key}' vergelijkt groepen over verschillende tijden: "
            f"{', '.join(sorted(distinct))}.",
            "Vergelijk groepen alleen op hetzelfde moment; maak anders aparte uitkomsten.",
        )
    if outcome.relative is not None:
        absolute = [v for v in outcome.values if v.per_100 is not None]
        if not outcome.is_frequency or len(absolute) < 2 or len(absolute) < len(outcome.values):
            yield finding(
                RELATIVE_ONLY,
                path,
                dataset.file.line_of("outcomes", outcome.key, "relative"),
                f"De uitkomst '{outcome.key}' geeft een {outcome.relative.get('measure', 'relatief getal')} "
                "zonder de absolute getallen van elke groep.",
                "Geef voor elke groep 'per_100' (X van de 100 mensen), of laat het relatieve getal weg.",
            )
    for value in outcome.values:
        yield from _value_findings(outcome, value, dataset)


def dataset_findings(dataset: Dataset) -> Iterator[Finding]:
    for source in dataset.sources.values():
        yield from _source_findings(source, dataset.path, "")
    for outcome in dataset.outcomes.values():
        yield from _outcome_findings(outcome, dataset)


# --- keuzekaarten -------------------------------------------------------------------------------------------


def _question_key(text: str) -> str:
    return " ".join(text.casefold().rstrip("?").replace("’", "'").split())


def keuzekaart_findings(
    card: Keuzekaart, library: OutcomeLibrary, settings: OutcomesConfig
) -> Iterator[Finding]:
    path, f = card.path, card.file
    allowed: set[Decimal] = set()
    for name in card.datasets:
        dataset = library.datasets.get(name)
        if dataset is None:
            known = ", ".join(sorted(library.datasets)) or "(geen)"
            yield finding(
                UNKNOWN_REFERENCE,
                path,
                f.line_of("datasets"),
                f"De keuzekaart noemt het uitkomstbestand '{name}', maar dat bestaat niet.",
                f"Bekend zijn: {known}.",
            )
        elif dataset.valid:
            allowed |= dataset_numbers(dataset)
    # A dataset that failed validation has its own findings; the card's numbers are judged once it is fixed.
    judgeable = all(library.datasets[name].valid for name in card.datasets if name in library.datasets)
    if not any(option.self_care for option in card.options):
        yield finding(
            NO_SELF_CARE,
            path,
            f.line_of("options"),
            "Geen van de keuzes is 'afwachten / zelf doen'.",
            "Voeg die keuze toe en zet er 'self_care: true' bij; zo ziet de patiënt alle mogelijkheden.",
        )
    options = {option.key: option for option in card.options}
    for row in card.rows:
        for name in row.answers:
            if name not in options:
                yield finding(
                    UNKNOWN_NAME,
                    path,
                    row.answer_lines.get(name, row.line),
                    f"Bij '{row.question}' staat een antwoord voor '{name}', "
                    "maar die keuze staat niet onder options.",
                    f"Kies uit: {', '.join(options)}.",
                )
        for option in card.options:
            answer = row.answers.get(option.key)
            if answer is None or not answer.strip():
                yield finding(
                    MISSING_ANSWER,
                    path,
                    row.answer_lines.get(option.key, row.line),
                    f"'{option.label}' heeft geen antwoord op '{row.question}'.",
                    "Geef elke keuze een antwoord op elke vraag. Weet niemand het? Schrijf dat dan op.",
                )
    asked = {_question_key(row.question) for row in card.rows}
    for question in settings.questions:
        if _question_key(question) not in asked:
            yield finding(
                MISSING_QUESTION,
                path,
                f.line_of("rows"),
                f"De vraag '{question}' staat niet op de keuzekaart.",
                "Voeg de vraag toe, met een antwoord voor elke keuze.",
            )
    texts = [(card.for_whom, f.line_of("for_whom")), (card.not_for or "", f.line_of("not_for"))]
    for row in card.rows:
        texts += [
            (answer or "", row.answer_lines.get(name, row.line)) for name, answer in row.answers.items()
        ]
    for text, line in texts if judgeable else ():
        for token, number in numbers_in(text):
            if number not in allowed:
                yield finding(
                    UNSOURCED_NUMBER,
                    path,
                    line,
                    f"Het getal {token} staat in geen van de uitkomstbestanden van deze keuzekaart "
                    f"({', '.join(card.datasets)}).",
                    "Neem het getal met bron op in een uitkomstbestand, of haal het weg.",
                    excerpt=text,
                )
    for source in card.sources:
        yield from _source_findings(source, path, "")


def check_site(site: Site) -> Iterator[Finding]:
    library = site.outcomes
    if library is None:
        return
    for dataset in library.datasets.values():
        if dataset.valid:
            yield from dataset_findings(dataset)
    for card in library.keuzekaarten.values():
        if card.valid:
            yield from keuzekaart_findings(card, library, site.config.outcomes)


# --- pages --------------------------------------------------------------------------------------------------

PERCENT, ONE_IN, FREQUENCY = "%", "1 op x", "X van de 100"
_STYLES = (
    (ONE_IN, re.compile(r"\b(?:1|één|een)\s+op\s+(?:de\s+)?\d+", re.IGNORECASE)),
    (PERCENT, re.compile(r"\d\s*(?:%|procent\b)", re.IGNORECASE)),
    (FREQUENCY, re.compile(r"\b\d+\s+(?:van|op)\s+de\s+\d+", re.IGNORECASE)),
)


def styles_in(text: str) -> list[tuple[str, int]]:
    """Which ways of writing a chance a text uses, with the offset of each.

    '1 op de 3' counts once, as '1 op x', not also as 'X op de Y'."""
    found: list[tuple[str, int]] = []
    taken: list[range] = []
    for style, pattern in _STYLES:
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            taken.append(range(match.start(), match.end()))
            found.append((style, match.start()))
    return found


def _reference_texts(resolved: references.Resolved) -> Iterable[str]:
    for outcome in resolved.outcomes:
        if outcome.is_frequency:
            yield from (number_text(value) for value in outcome.values if whole(value.per_100) is not None)
        else:
            yield outcome.text or ""
            yield outcome.why_no_numbers or ""
    card = resolved.keuzekaart
    if card is not None:
        yield card.for_whom
        yield card.not_for or ""
        for row in card.rows:
            yield from (answer or "" for answer in row.answers.values())


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    first_seen: dict[str, int] = {}

    def note(text: str, line_at) -> None:
        for style, offset in styles_in(text):
            first_seen.setdefault(style, line_at(offset))

    for block in blocks(page.body, page.body_start_line):
        if block.is_prose:
            text = plain(block.text)  # keeps line breaks, so the line of an offset is still known
            note(
                text, lambda offset, b=block, t=text: b.lines[min(t.count("\n", 0, offset), len(b.lines) - 1)]
            )
    shows_outcomes = False
    for ref in references.find(page.body, page.body_start_line):
        resolved = references.resolve(ref, site.outcomes)
        if ref.indented:
            yield finding(
                REFERENCE_INDENTED,
                page.path,
                ref.line,
                f"De verwijzing '{ref.source}' staat ingesprongen (in een lijst of blok); "
                "daar kan hij niet getoond worden.",
                "Zet de verwijzing op een eigen regel, helemaal links, met lege regels erboven en eronder.",
            )
        if resolved.problem:
            yield finding(
                UNKNOWN_REFERENCE,
                page.path,
                ref.line,
                resolved.problem,
                "Controleer de naam; de bestanden staan in de mappen outcomes en keuzekaarten onder _data.",
                excerpt=ref.source,
            )
            continue
        shows_outcomes = shows_outcomes or ref.kind in (
            references.OUTCOMES,
            references.OUTCOME,
            references.KEUZEKAART,
        )
        for text in _reference_texts(resolved):
            note(text, lambda offset, r=ref: r.line)
    if len(first_seen) > 1:
        ordered = sorted(first_seen.items(), key=lambda item: item[1])
        used = ", ".join(f"'{style}' (regel {line})" for style, line in ordered)
        yield finding(
            MIXED_FORMATS,
            page.path,
            ordered[1][1],
            f"Deze pagina schrijft kansen op verschillende manieren: {used}.",
            "Schrijf alle uitkomsten als 'X van de 100 mensen'; zo kunnen lezers ze het best vergelijken.",
        )
    if page.meta.type == "outcomes" and not shows_outcomes:
        yield finding(
            NO_DATA,
            page.path,
            page.line_of("type"),
            "Dit is een uitkomstpagina, maar hij toont geen uitkomstgegevens.",
            "Voeg een regel '{{ uitkomsten: BESTAND }}' toe, of kies een ander type.",
        )


CHECK = Check("outcomes", RULES, page=check_page, site=check_site, site_cached=True)
