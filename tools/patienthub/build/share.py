"""What a page offers for sharing and printing: its canonical address, short link, QR code and JSON-LD.

Engine-neutral, like present.py: the MkDocs plugin passes a HubView to the templates as `patienthub_hub`.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from patienthub.build import jsonld
from patienthub.core import memo, parallel
from patienthub.domain.model import Site
from patienthub.load import urls


@dataclass(frozen=True)
class HubView:
    # The two values that are markup are made here, from escaped data, and marked as such: the templates
    # escape everything else (autoescape), so nothing from a page or a data file reaches the HTML unescaped.
    jsonld: Markup  # a complete <script type="application/ld+json"> element
    canonical_url: str | None = None  # content pages only
    short_url: str | None = None
    qr_svg: Markup | None = None  # inline SVG of the canonical address, for paper


QR_TABLE = "share.qr-svg"


def _qr_code(address: str) -> str:
    """An SVG QR code, sized by CSS (no width/height), with the quiet zone scanners need on paper."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(
        omitsize=True, border=4, svgclass="ph-qr", lineclass=None, light="#fff", dark="#000"
    )


# segno spends most of a page's build time choosing the best mask: kept between builds, made ahead on every core.
qr_svg = memo.persistent(QR_TABLE, build_only=True)(_qr_code)


def prepare_qr_codes(site: Site, jobs: int) -> None:
    """Make the QR code of every content page not made before, on `jobs` processes, before the pages are
    rendered one by one."""
    table = memo.table(QR_TABLE)
    missing = [a for a in dict.fromkeys(urls.absolute(site, p.url) for p in site.pages) if (a,) not in table]
    for address, svg in zip(missing, parallel.fork_map(_qr_code, missing, jobs), strict=True):
        table[(address,)] = svg


def hub_view(site: Site, url: str, name: str) -> HubView:
    script = Markup(
        jsonld.script_element(jsonld.document_for(site, url, name))
    )  # JSON escaped by jsonld.to_script
    page = site.by_url.get(url)
    if page is None:
        return HubView(script)
    address = urls.absolute(site, page.url)
    slug = urls.short_slug(page)
    short = urls.absolute(site, f"{urls.SHORT_PREFIX}{slug}/") if slug else None
    return HubView(script, address, short, Markup(qr_svg(address)))  # segno writes no text
