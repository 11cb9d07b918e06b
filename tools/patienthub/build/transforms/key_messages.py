"""Include key messages (kernboodschappen) where a page references them: `[[kernboodschap: blijf-bewegen]]`.
The text comes from content/_data/kernboodschappen.yml, so the same advice reads the same on every page."""

from __future__ import annotations

from patienthub.domain.advice import include
from patienthub.domain.model import Page, Site


def include_key_messages(markdown: str, page: Page, site: Site) -> str:
    return include(markdown, site.advice.key_messages)
