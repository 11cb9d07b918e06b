"""Words patients search with: per page, the lay variants (the avoided words) of the termbase terms it uses.

A page says "uitstralende pijn in het been"; a patient types "ischias". Site search can index these variants
as synonyms of the page, so the patient still finds it."""

from __future__ import annotations

from patienthub.domain.model import Page, Site
from patienthub.text.textmask import mask_prose, prose_texts


def lay_variants(page: Page, site: Site) -> tuple[str, ...]:
    """The avoided variants of every term the page uses (title included), in order of first use."""
    texts = [mask_prose(page.meta.title or "")] + [prose.text for prose in prose_texts(page.body)]
    return _variants(texts, site)


def title_lay_variants(page: Page, site: Site) -> tuple[str, ...]:
    """The avoided variants of the term that is the page's whole title: the page is about it, so search ranks
    it first. Many pages mention "lage rugpijn", some in their title ("Oefentherapie bij lage rugpijn die
    blijft"); a patient who types "lumbago" should land on the page called "Lage rugpijn", whatever its length."""
    title = mask_prose(page.meta.title or "").strip().rstrip(".?!").strip()
    found: dict[str, None] = {}
    for hit in site.termbase.preferred(title):
        if hit.start == 0 and hit.end == len(title):
            for variant in hit.item.avoid_texts:
                found.setdefault(variant)
    return tuple(found)


def _variants(texts: list[str], site: Site) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for text in texts:
        for hit in site.termbase.preferred(text):
            for variant in hit.item.avoid_texts:
                found.setdefault(variant)
    return tuple(found)
