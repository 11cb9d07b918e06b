"""The registry of guidelines and other publications pages rest on (content/_data/sources.yml).

A page cites an entry by `key`; when the registry says the current version is newer than the page's last review
(or than the version the page cites), `freshness.source-updated` asks for a new review. Publishers do not
always give a day: a version date may be a year ("2011"), a month ("2024-09") or a day (2021-12-06), and it is
compared at that precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.dates import format_date

from patienthub.core.dates import LOCALE, dutch_date
from patienthub.core.limits import year_in_range, year_range
from patienthub.text.datafiles import Registry, load_data_file
from patienthub.text.schemas import validate_entries

FILE_NAME = "sources.yml"
SCHEMA = "sources.schema.json"
_PARTIAL_DATE = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2}))?$")


@dataclass(frozen=True)
class VersionDate:
    """A date known to the day, the month or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> VersionDate | None:
        """The date, or None when it is no date or outside the years of data/limits.yml."""
        parsed = cls._parse(value)
        if parsed is None or not year_in_range(parsed.year):
            return None
        return parsed

    @classmethod
    def _parse(cls, value: Any) -> VersionDate | None:
        if isinstance(value, dt.datetime):
            return None
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            match = _PARTIAL_DATE.match(value)
            if match:
                month = int(match["month"]) if match["month"] else None
                if month is None or 1 <= month <= 12:
                    return cls(int(match["year"]), month)
                return None
            try:
                return cls._parse(dt.date.fromisoformat(value)) if len(value) == 10 else None
            except ValueError:
                return None
        return None

    def newer_than(self, day: dt.date) -> bool:
        """True when this version certainly came after `day` (a version in the same month or year does not)."""
        if self.month is None:
            return self.year > day.year
        if self.day is None:
            return (self.year, self.month) > (day.year, day.month)
        return dt.date(self.year, self.month, self.day) > day

    @property
    def dutch(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return format_date(dt.date(self.year, self.month, 1), format="MMMM y", locale=LOCALE)
        return dutch_date(dt.date(self.year, self.month, self.day))


@dataclass(frozen=True)
class Guideline:
    key: str
    title: str
    publisher: str
    url: str
    date: VersionDate  # date of the current version
    version: str | None = None
    line: int | None = None

    @property
    def current(self) -> str:
        """ "versie 2.1 van september 2024" or "de versie van 6 december 2021"."""
        if self.version:
            return f"versie {self.version} van {self.date.dutch}"
        return f"de versie van {self.date.dutch}"


def load(data_dir: Path, root: Path) -> Registry[Guideline]:
    """The registry is optional: without sources.yml no page can cite a key (review.unknown-source says so).
    The shape is checked by schemas/sources.schema.json; whether a date is a real one, here."""
    data_file = load_data_file(data_dir / FILE_NAME, root, required=False)
    if data_file.findings or not isinstance(data_file.data, dict):
        return Registry(findings=list(data_file.findings))  # parse_yaml reported a list or loose text
    findings, broken, _ = validate_entries(data_file.data, SCHEMA, data_file, data_file.path)
    registry: dict[str, Guideline] = {}
    for key, entry in data_file.data.items():
        if key in broken:
            continue
        date = VersionDate.parse(entry["date"])
        if date is None:
            findings.append(
                data_file.invalid_entry(
                    data_file.line_of(key, "date"),
                    f"bron '{key}': date moet een bestaande datum zijn (JJJJ-MM-DD, JJJJ-MM of JJJJ), met een "
                    f"jaar tussen {year_range()}, niet '{entry['date']}'",
                    "Neem de datum over van de uitgever, zo precies als die hem noemt.",
                )
            )
            broken |= {key}
            continue
        version = entry.get("version")
        registry[key] = Guideline(
            key=key,
            title=entry["title"],
            publisher=entry["publisher"],
            url=entry["url"],
            date=date,
            version=str(version) if version is not None else None,
            line=data_file.line_of(key),
        )
    return Registry(registry, findings, broken)
