"""`api/v1/pages.json`: every content page with its review data, and its JSON Schema published next to it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from patienthub.build.generators.base import Output
from patienthub.domain import codes
from patienthub.domain.model import Page, Site
from patienthub.domain.organisations import Organisation
from patienthub.domain.schedule import next_review
from patienthub.load import urls

SCHEMA_FILE = "pages.schema.json"


def schema_text() -> str:
    return resources.files("patienthub").joinpath("schemas", SCHEMA_FILE).read_text(encoding="utf-8")


def _organisation(key: str, site: Site) -> dict[str, Any]:
    org: Organisation | None = site.organisations.get(key)
    if org is None:  # an unknown owner is a schema finding; the entry still says which key was given
        return {"id": key, "name": key}
    return {"id": key, "name": org.name, "short_name": org.short_name, "website": org.website}


def page_entry(page: Page, site: Site) -> dict[str, Any]:
    meta = page.meta
    due = next_review(page, site.config)
    slug = urls.short_slug(page)
    page_codes: dict[str, list[dict[str, Any]]] = {}
    for item in codes.page_codes(page):
        if item.code and all(c["code"] != item.code for c in page_codes.get(item.system, [])):
            page_codes.setdefault(item.system, []).append(
                {
                    "code": item.code,
                    "primary": item.primary,
                    "code_url": urls.absolute(site, codes.code_url(item.system, item.code)),
                }
            )
    return {
        "url": urls.absolute(site, page.url),
        "path": page.url,
        "short_url": urls.absolute(site, f"{urls.SHORT_PREFIX}{slug}/") if slug else None,
        "title": meta.title,
        "description": meta.description,
        "type": meta.type,
        "owner": _organisation(meta.owner, site) if meta.owner else None,
        "reviewed_by": [_organisation(key, site) for key in meta.reviewed_by],
        "last_reviewed": meta.last_reviewed.isoformat() if meta.last_reviewed else None,
        "next_review": due.isoformat() if due else None,
        "status": meta.status,
        "change_note": meta.change_note,
        "codes": page_codes,
        "aliases": [
            urls.absolute(site, url)
            for a in meta.aliases
            if (url := urls.alias_url(a, site.project.use_directory_urls)) is not None
        ],
        "sources": [
            {
                "title": source.title,
                "url": source.url,
                "version": source.version,
                "date": source.date.isoformat() if source.date else None,
            }
            for source in meta.sources
        ],
    }


def document(site: Site) -> dict[str, Any]:
    reviewed = [page.meta.last_reviewed for page in site.pages if page.meta.last_reviewed]
    return {
        "version": 1,
        "site_url": urls.absolute(site, ""),
        "updated": max(reviewed).isoformat() if reviewed else None,
        "pages": [page_entry(page, site) for page in sorted(site.pages, key=lambda p: p.url)],
    }


def generate(site: Site) -> Iterator[Output]:
    yield Output(urls.PAGES_API, json.dumps(document(site), ensure_ascii=False, indent=2) + "\n")
    yield Output(urls.PAGES_SCHEMA, schema_text())
