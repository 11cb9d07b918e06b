"""What a page shows a patient about itself: review dates, owner, reviewers, concept status.

Engine-neutral: the MkDocs plugin passes this to the templates, and any future engine can do the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from patienthub.core.dates import dutch_date
from patienthub.domain.model import Page, Site
from patienthub.domain.organisations import Organisation
from patienthub.domain.schedule import next_review
from patienthub.domain.synonyms import lay_variants, title_lay_variants

if TYPE_CHECKING:
    from patienthub.load.cache import Cache


@dataclass(frozen=True)
class PageView:
    last_reviewed: str | None  # "12 maart 2026"
    last_reviewed_iso: str | None
    next_review: str | None
    next_review_iso: str | None
    owner: Organisation | None
    reviewers: tuple[Organisation, ...]
    concept: bool
    # Whether an organisation that may approve (a professional or patients' association) has checked the page:
    # the editors' own check, or an insurer's, is no expert check and never reads as one.
    checked_by_association: bool
    overdue: bool
    # Lay words patients search with for the terms this page uses ("ischias" for "uitstralende pijn in het been").
    search_synonyms: tuple[str, ...] = ()
    # The lay words of the terms in the title: indexed with a high weight, so the page about a term ranks first.
    search_title_synonyms: tuple[str, ...] = ()


def checked_by_association(page: Page, site: Site) -> bool:
    return any(site.organisations[key].approves for key in page.meta.reviewed_by if key in site.organisations)


def page_view(page: Page, site: Site, cache: Cache | None = None) -> PageView:
    if cache is not None:  # reads the page, the configuration, the data files and the date only
        return cache.derived(site, page, "page_view", "", lambda: page_view(page, site), build=True)
    meta = page.meta
    due = next_review(page, site.config)
    return PageView(
        last_reviewed=dutch_date(meta.last_reviewed) if meta.last_reviewed else None,
        last_reviewed_iso=meta.last_reviewed.isoformat() if meta.last_reviewed else None,
        next_review=dutch_date(due) if due else None,
        next_review_iso=due.isoformat() if due else None,
        owner=site.organisations.get(meta.owner or ""),
        reviewers=tuple(site.organisations[key] for key in meta.reviewed_by if key in site.organisations),
        concept=meta.is_concept,
        checked_by_association=checked_by_association(page, site),
        overdue=due is not None and site.today > due,
        search_synonyms=lay_variants(page, site),
        search_title_synonyms=title_lay_variants(page, site),
    )
