"""schema.org JSON-LD for every HTML page, and what "last reviewed" means for each kind of page.

A content page is a `MedicalWebPage` with its own review date and only the organisations that really reviewed
it. A generated page (a code list, a redirect, the 404 page, another generator's page) was never reviewed by
anyone: it carries no `reviewedBy`, and its `lastReviewed` is the OLDEST review date of the content pages it
shows or leads to (all content pages when it cannot say), so it never claims to be fresher than its content.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from patienthub.domain import codes
from patienthub.domain.model import Page, Site
from patienthub.domain.organisations import Organisation
from patienthub.load import urls

CONTEXT = "https://schema.org"
AUDIENCE = {"@type": "MedicalAudience", "audienceType": "Patient"}


def oldest_review(pages: Iterable[Page]) -> dt.date | None:
    dates = [page.meta.last_reviewed for page in pages if page.meta.last_reviewed]
    return min(dates) if dates else None


def _organisation(org: Organisation) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": org.name, "alternateName": org.short_name}
    if org.website:
        found["url"] = org.website
    return found


def _website(site: Site) -> dict[str, Any]:
    return {"@type": "WebSite", "name": site.project.site_name, "url": urls.absolute(site, "")}


def page_document(page: Page, site: Site) -> dict[str, Any]:
    meta = page.meta
    address = urls.absolute(site, page.url)
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "@id": address,
        "url": address,
        "name": meta.title,
        "description": meta.description,
        "inLanguage": "nl",
        "audience": AUDIENCE,
        "isPartOf": _website(site),
        "creativeWorkStatus": meta.status,
        "lastReviewed": meta.last_reviewed.isoformat() if meta.last_reviewed else None,
    }
    owner = site.organisations.get(meta.owner or "")
    if owner and not meta.is_concept:  # an association has not agreed to maintain a concept text
        doc["maintainer"] = _organisation(owner)
    reviewers = [site.organisations[key] for key in meta.reviewed_by if key in site.organisations]
    if reviewers:
        doc["reviewedBy"] = [_organisation(org) for org in reviewers]
    about = [
        {
            "@type": "MedicalCondition",
            "code": {"@type": "MedicalCode", "codeValue": item.code, "codingSystem": label},
        }
        for item in codes.page_codes(page)
        if item.code and (label := codes.SYSTEMS[item.system].label)
    ]
    if about:
        doc["about"] = about
    citations = [_citation(source) for source in meta.sources]
    if citations:
        doc["citation"] = citations
    return {key: value for key, value in doc.items() if value is not None}


def _citation(source: Any) -> dict[str, Any]:
    found = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        found["url"] = source.url
    if source.version:
        found["version"] = source.version
    if source.date:
        found["datePublished"] = source.date.isoformat()
    return found


def generated_document(
    site: Site, url: str, name: str, shows: Sequence[Page] | None, kind: str = "WebPage"
) -> dict[str, Any]:
    """A page nobody reviewed. `shows`: the content pages it presents or leads to; None = unknown (all)."""
    pages = site.pages if shows is None else shows
    reviewed = oldest_review(pages)
    doc: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": kind,
        "url": urls.absolute(site, url),
        "name": name,
        "inLanguage": "nl",
        "audience": AUDIENCE,
        "isPartOf": _website(site),
        "lastReviewed": reviewed.isoformat() if reviewed else None,
    }
    if shows is not None:
        doc["significantLink"] = [urls.absolute(site, page.url) for page in shows]
    return {key: value for key, value in doc.items() if value is not None}


def document_for(site: Site, url: str, name: str) -> dict[str, Any]:
    """The JSON-LD of whatever HTML page the engine renders at `url` with the theme."""
    page = site.by_url.get(url)
    if page is not None:
        return page_document(page, site)
    for entry in urls.code_index(site):
        if url in (entry.url, f"{entry.url}index.html"):  # its folder, or its file without directory URLs
            return generated_document(site, url, name, entry.pages, "CollectionPage")
    return generated_document(site, url, name, None)


def last_reviewed_for(site: Site, url: str) -> str | None:
    """The date a sitemap gives as lastmod: the same "last reviewed" the page's JSON-LD states."""
    return document_for(site, url, "").get("lastReviewed")


def to_script(doc: Mapping[str, Any]) -> str:
    """JSON for an inline `<script type="application/ld+json">` data block: `<`, `>` and `&` are escaped, so
    no text from a page can close the element. Data blocks are never executed, so a Content-Security-Policy
    without 'unsafe-inline' scripts allows them."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def script_element(doc: Mapping[str, Any]) -> str:
    return f'<script type="application/ld+json">{to_script(doc)}</script>'
