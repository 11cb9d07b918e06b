"""When a page must be checked again: calendar arithmetic on review dates. Pure; used by the freshness check,
the generated pages (dashboard, API), the review stamp and the reports alike."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from patienthub.domain.model import Page, Site
    from patienthub.load.config import Config


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(page: Page, config: Config) -> dt.date | None:
    if page.meta.next_review is not None:
        return page.meta.next_review
    if page.meta.last_reviewed is None:
        return None
    return add_months(page.meta.last_reviewed, config.freshness.review_interval_months)


def days_left(page: Page, site: Site) -> int | None:
    due = next_review(page, site.config)
    return None if due is None else (due - site.today).days
