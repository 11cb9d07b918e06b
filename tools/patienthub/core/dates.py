"""Dates as a Dutch reader expects them ("12 maart 2026"), formatted by Babel, never by hand; and the date a run
judges by."""

from __future__ import annotations

import datetime as dt
import os

LOCALE = "nl_NL"
# Runs are reproducible when the date is fixed (tests, re-building an old release). `patienthub check`, `build`,
# the MkDocs plugin and the Markdown extension all read it, so a check and the build after it judge by one date
# (and share the cache).
TODAY_VARIABLE = "PATIENTHUB_TODAY"


def dutch_date(day: dt.date) -> str:
    from babel.dates import format_date  # Babel loads its locale data: only when a date is shown

    return format_date(day, format="long", locale=LOCALE)


def parse_iso(text: str) -> dt.date:
    """Parse YYYY-MM-DD strictly (used for --today and --date)."""
    if len(text) != 10:
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def run_date() -> dt.date:
    """The date in PATIENTHUB_TODAY, else today. ValueError with a Dutch message when it is not a date."""
    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return dt.date.today()
    try:
        return parse_iso(value)
    except ValueError:
        raise ValueError(f"{TODAY_VARIABLE}={value!r} is geen datum in de vorm JJJJ-MM-DD") from None
