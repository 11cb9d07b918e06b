"""Review workload: how many pages fall due for review in each coming month.

Pages already overdue are work for the current month; pages without a review date cannot be planned and are
counted apart (their schema finding says why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from patienthub.domain.model import Page, Site
from patienthub.domain.schedule import add_months, next_review

MONTHS = 24


@dataclass(frozen=True)
class MonthLoad:
    month: dt.date  # first day of the month
    due: int  # pages whose next review falls in this month
    overdue: int = 0  # pages already overdue, counted in the current month only

    @property
    def total(self) -> int:
        return self.due + self.overdue


@dataclass(frozen=True)
class Workload:
    months: tuple[MonthLoad, ...]
    unplanned: int  # pages without a review date
    later: int  # pages due after the last month shown


def monthly(site: Site, pages: Iterable[Page] | None = None, months: int = MONTHS) -> Workload:
    first = site.today.replace(day=1)
    starts = [add_months(first, i) for i in range(months)]
    due = [0] * months
    overdue = unplanned = later = 0
    for page in site.pages if pages is None else pages:
        day = next_review(page, site.config)
        if day is None:
            unplanned += 1
        elif day < site.today:
            overdue += 1
        else:
            index = (day.year - first.year) * 12 + day.month - first.month
            if index < months:
                due[index] += 1
            else:
                later += 1
    loads = tuple(
        MonthLoad(start, count, overdue if i == 0 else 0)
        for i, (start, count) in enumerate(zip(starts, due, strict=True))
    )
    return Workload(loads, unplanned, later)
