"""Dates as a Dutch reader expects them ("12 maart 2026"), formatted by Babel, never by hand."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

LOCALE = "nl_NL"


def dutch_date(day: dt.date) -> str:
    return format_date(day, format="long", locale=LOCALE)


def parse_iso(text: str) -> dt.date:
    """Parse YYYY-MM-DD strictly (used for --today and --date)."""
    if len(text) != 10:
        raise ValueError(text)
    return dt.date.fromisoformat(text)
