"""What a page offers for sharing and printing: its canonical address, short link, QR code and JSON-LD.

Engine-neutral, like present.py: the MkDocs plugin passes a HubView to the templates as `patienthub_hub`.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno

from . import jsonld, urls
from .model import Site


@dataclass(frozen=True)
class HubView:
    jsonld: str  # a complete <script type="application/ld+json"> element
    canonical_url: str | None = None  # content pages only
    short_url: str | None = None
    qr_svg: str | None = None  # inline SVG of the canonical address, for paper


def qr_svg(address: str) -> str:
    """An SVG QR code, sized by CSS (no width/height), with the quiet zone scanners need on paper."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(
        omitsize=True, border=4, svgclass="ph-qr", lineclass=None, light="#fff", dark="#000"
    )


def hub_view(site: Site, url: str, name: str) -> HubView:
    script = jsonld.script_element(jsonld.document_for(site, url, name))
    page = site.by_url.get(url)
    if page is None:
        return HubView(script)
    address = urls.absolute(site, page.url)
    slug = urls.short_slug(page)
    short = urls.absolute(site, f"{urls.SHORT_PREFIX}{slug}/") if slug else None
    return HubView(script, address, short, qr_svg(address))
