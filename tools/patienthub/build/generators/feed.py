"""`feed.xml`: an Atom feed (RFC 4287) of pages by review date, newest first: partners see what to refresh.

Each review is its own entry (the id carries the review date), with the page's `change_note` as summary. The
feed's `updated` is the newest review date, so the file only changes when a review does.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from patienthub.build.generators.base import Output
from patienthub.build.present import checked_by_association
from patienthub.core.dates import dutch_date
from patienthub.domain.model import Page, Site
from patienthub.load import urls

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def summary(page: Page, site: Site) -> str:
    assert page.meta.last_reviewed is not None
    # A concept no association has checked was checked by the editors only: the feed claims no expert check.
    by = " door de redactie" if page.meta.is_concept and not checked_by_association(page, site) else ""
    text = page.meta.change_note or f"Gecontroleerd{by} op {dutch_date(page.meta.last_reviewed)}."
    if page.meta.is_concept:
        text += " Let op: nog niet goedgekeurd door een vereniging van zorgverleners."
    return text


# Characters XML 1.0 does not allow. `check` refuses them in every text (schema.control-character); this keeps
# the feed well-formed should one ever get through, as a second line of defence.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _NOT_XML.sub("", v) for k, v in attrs.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def render(site: Site) -> str:
    # A page without a review date has a schema error that stops the build; it has no place in a review feed.
    reviewed = [page for page in site.pages if page.meta.last_reviewed is not None]
    reviewed.sort(
        key=lambda p: (-(p.meta.last_reviewed or dt.date.min).toordinal(), p.meta.title or "", p.url)
    )
    name = site.project.site_name or "patienthub"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "nl"})
    _add(feed, "id", urls.absolute(site, urls.FEED))
    _add(feed, "title", f"{name}: gecontroleerde pagina's")
    _add(feed, "subtitle", "Pagina's op volgorde van de laatste controle. De nieuwste staat bovenaan.")
    newest = reviewed[0].meta.last_reviewed if reviewed else site.today
    assert newest is not None
    _add(feed, "updated", timestamp(newest))
    _add(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(site, urls.FEED))
    _add(feed, "link", rel="alternate", type="text/html", href=urls.absolute(site, ""))
    author = _add(feed, "author")
    _add(author, "name", name)
    _add(feed, "generator", "patienthub")
    for page in reviewed:
        day = page.meta.last_reviewed
        assert day is not None
        address = urls.absolute(site, page.url)
        entry = _add(feed, "entry")
        _add(entry, "id", f"{address}#controle-{day.isoformat()}")
        _add(entry, "title", page.meta.title or page.url)
        _add(entry, "updated", timestamp(day))
        _add(entry, "link", rel="alternate", type="text/html", href=address)
        # Only an approved text is the owner's; a concept is still the editors' own work.
        owner = None if page.meta.is_concept else site.organisations.get(page.meta.owner or "")
        _add(_add(entry, "author"), "name", owner.name if owner else site.project.site_name or "patienthub")
        _add(entry, "summary", summary(page, site), type="text")
        if page.meta.type:
            _add(entry, "category", term=page.meta.type)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def generate(site: Site) -> Iterator[Output]:
    yield Output(urls.FEED, render(site))
