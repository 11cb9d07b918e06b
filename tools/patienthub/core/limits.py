"""Limits that make "check passes => build passes" true: what `check` accepts, MkDocs and Python-Markdown can
build in linear time, and every value can be written into HTML, XML and JSON.

The numbers are data (data/limits.yml). Every scan here is linear in the text and runs before anything parses
it: a page over a limit is refused (loader.py), never handed to a renderer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from patienthub.core import packagedata
from patienthub.core.findings import Finding, Severity


@dataclass(frozen=True)
class Limits:
    max_page_bytes: int
    max_data_file_bytes: int
    earliest_year: int
    latest_year: int
    max_review_interval_months: int
    max_due_soon_days: int
    max_nesting: int
    max_unclosed_brackets: int
    max_bracket_depth: int
    max_unclosed_tags: int
    max_backtick_run: int


@cache
def limits() -> Limits:
    raw = packagedata.yaml_file("limits.yml")
    names = {f.name for f in dataclasses.fields(Limits)}
    if set(raw) != names or not all(type(v) is int and v > 0 for v in raw.values()):
        raise ValueError(f"data/limits.yml: expected positive integers for exactly {sorted(names)}")
    return Limits(**raw)


def too_large(path: str, size: int, data: bool = False) -> Finding:
    """A page (or data file) over its size limit, refused before it is read."""
    limit = limits().max_data_file_bytes if data else limits().max_page_bytes
    return Finding(
        "schema.too-large",
        Severity.ERROR,
        path,
        1,
        f"Dit bestand is {_megabytes(size)} groot; het maximum is {_megabytes(limit)}. Het wordt niet gelezen.",
        "Splits de tekst over meer bestanden, of haal ingeplakte gegevens weg.",
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def year_in_range(year: int) -> bool:
    return limits().earliest_year <= year <= limits().latest_year


def date_in_range(day: dt.date) -> bool:
    return year_in_range(day.year)


def year_range() -> str:
    return f"{limits().earliest_year} en {limits().latest_year}"


# Code points that XML 1.0 forbids or that are control characters (C0 except tab and line feed, DEL, C1),
# lone surrogates (a YAML escape can make one) and the non-characters U+FDD0-U+FDEF, U+FFFE, U+FFFF: they make feed.xml
# malformed, and nobody types them on purpose.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def control_name(char: str) -> str:
    """How a finding names an invisible character: U+001B."""
    return f"U+{ord(char):04X}"


@dataclass(frozen=True)
class Excess:
    """A place where the text goes over a limit."""

    rule: str  # schema.nesting, schema.unclosed, schema.backtick-run
    line: int  # 1-based, in the text given
    message: str
    suggestion: str


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MARKER = re.compile(r"\s*(?:>|[-*+](?=\s)|\d{1,9}[.)](?=\s))")
# [^<>]: a search stops at the next '<', so a line of 20,000 '<a ' stays linear.
_HTML_BLOCK_OPEN = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^<>]*\bmarkdown\b", re.IGNORECASE)
_HTML_CLOSE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
_BRACKETS = re.compile(r"\\.|\[|\]\(?")
_TAG_START = re.compile(r"<[A-Za-z!/?]")
_BACKTICKS = re.compile(r"`+")


def _depth(line: str) -> int:
    """Lists and quotes a line sits in: indentation (4 columns a level, as Python-Markdown counts) plus the
    markers that open a level on the line itself ('> - 1. x' is three)."""
    stripped = line.lstrip(" \t")
    indent = len(line[: len(line) - len(stripped)].expandtabs(4))
    markers = 0
    position = 0
    while match := _MARKER.match(stripped, position):
        if match.end() == position:
            break
        markers += 1
        position = match.end()
    return indent // 4 + markers


def excesses(text: str, first_line: int = 1) -> Iterator[Excess]:
    """The places where `text` (a page body) goes over the nesting, bracket and backtick limits; at most one
    finding per rule, at its first place."""
    lim = limits()
    seen: set[str] = set()

    def once(excess: Excess) -> Iterator[Excess]:
        if excess.rule not in seen:
            seen.add(excess.rule)
            yield excess

    html_open: list[str] = []  # tags with `markdown` (md_in_html) still open
    block: list[tuple[int, str]] = []
    fence: str | None = None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        number = first_line + index
        for run in _BACKTICKS.finditer(line):
            if len(run.group()) > lim.max_backtick_run:
                yield from once(
                    Excess(
                        "schema.backtick-run",
                        number,
                        f"Hier staan {len(run.group())} backticks (`) achter elkaar; "
                        f"het maximum is {lim.max_backtick_run}.",
                        "Haal de backticks weg; voor tekst voor patiënten zijn ze niet nodig.",
                    )
                )
                break
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)[:3]
            yield from _block(block, lim, once)
            block = []
            continue
        depth = _depth(line)
        if "markdown" in line.lower():
            html_open.extend(match.group(1).lower() for match in _HTML_BLOCK_OPEN.finditer(line))
        for match in _HTML_CLOSE.finditer(line) if html_open else ():
            tag = match.group(1).lower()
            if tag in html_open:
                del html_open[len(html_open) - 1 - html_open[::-1].index(tag) :]
        if depth + len(html_open) > lim.max_nesting:
            yield from once(
                Excess(
                    "schema.nesting",
                    number,
                    f"Hier staan meer dan {lim.max_nesting} lijsten, citaten of blokken in elkaar "
                    f"({depth + len(html_open)} niveaus).",
                    "Maak de opbouw platter: een lijst in een lijst is genoeg voor een patiënt.",
                )
            )
        if line.strip():
            block.append((number, line))
        else:
            yield from _block(block, lim, once)
            block = []
    yield from _block(block, lim, once)


def _block(block: list[tuple[int, str]], lim: Limits, once) -> Iterator[Excess]:
    """Brackets and tags in one block of text (lines between blank lines), where Python-Markdown searches."""
    if not block:
        return
    text = "\n".join(line for _, line in block)
    starts = [0]
    for _, line in block:
        starts.append(starts[-1] + len(line) + 1)

    def line_at(offset: int) -> int:
        low, high = 0, len(block) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return block[low][0]

    open_brackets: list[int] = []
    open_destinations: list[int] = []  # '](' whose ')' is not found yet
    deepest = 0
    too_deep_at: int | None = None
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token == "[":
            open_brackets.append(match.start())
            if len(open_brackets) > deepest:
                deepest = len(open_brackets)
                if deepest > lim.max_bracket_depth and too_deep_at is None:
                    too_deep_at = match.start()
        elif token.startswith("]") and open_brackets:
            open_brackets.pop()
            if token == "](":
                open_destinations.append(match.start())
    if too_deep_at is not None:
        yield from once(
            Excess(
                "schema.nesting",
                line_at(too_deep_at),
                f"Hier staan meer dan {lim.max_bracket_depth} haken '[' in elkaar.",
                "Haal de extra haken weg of zet er een \\ voor: \\[.",
            )
        )
    last_paren = text.rfind(")")
    unclosed_destinations = [o for o in open_destinations if o > last_paren]
    unclosed = sorted(open_brackets + unclosed_destinations)
    if len(unclosed) > lim.max_unclosed_brackets:
        yield from once(
            Excess(
                "schema.unclosed",
                line_at(unclosed[0]),
                f"Dit stuk tekst heeft {len(unclosed)} haken '[' of '](' die niet sluiten; "
                f"het maximum is {lim.max_unclosed_brackets}.",
                "Sluit elke '[' met ']' en elke '](' met ')', of zet er een \\ voor: \\[.",
            )
        )
    last_close = text.rfind(">")
    tags = [m.start() for m in _TAG_START.finditer(text, last_close + 1)]
    if len(tags) > lim.max_unclosed_tags:
        yield from once(
            Excess(
                "schema.unclosed",
                line_at(tags[0]),
                f"Dit stuk tekst heeft {len(tags)} tags '<' die niet sluiten met '>'; "
                f"het maximum is {lim.max_unclosed_tags}.",
                "Sluit elke tag met '>', of schrijf &lt; voor een los teken '<'.",
            )
        )
