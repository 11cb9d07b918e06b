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


# segno spends most of a page's build time choosing the best mask (3.6 of 4 ms): kept between builds, and made
# ahead on the other cores while the engine renders pages.
qr_svg = memo.persistent(QR_TABLE, build_only=True)(_qr_code)


class QrCodes:
    """The QR codes of every content page not made before, made by worker processes (`parallel.Prefetch`) while
    the pages are rendered one by one; `ready(url)` before a page's view waits only for that page's batch.
    1,000 new pages: about 4 s of CPU, which the build used to wait for before its first page."""

    def __init__(self, site: Site, workers: int) -> None:
        self._site = site
        self._table = memo.table(QR_TABLE)
        addresses = dict.fromkeys(urls.absolute(site, page.url) for page in site.pages)
        missing = [address for address in addresses if (address,) not in self._table]
        self._made = parallel.Prefetch(_qr_code, missing, workers)

    def ready(self, url: str) -> None:
        page = self._site.by_url.get(url)
        if page is not None:
            address = urls.absolute(self._site, page.url)
            if (address,) not in self._table:
                self._table[(address,)] = self._made.get(address)

    def finish(self) -> None:
        """Every code into the memo table (the cache keeps them), then the workers stop."""
        for address, svg in self._made.finish():
            self._table[(address,)] = svg

    def stop(self) -> None:
        self._made.stop()


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
