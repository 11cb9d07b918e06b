"""The search page. Its search box and results are drawn by overrides/assets/javascripts/patienthub-search.js on
Pagefind's search API; `site_search` in its front matter makes overrides/main.html load that module, on every
engine. Without JavaScript the page says so (the <noscript> inside the box)."""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.build.generators.base import Output
from patienthub.domain.model import Site
from patienthub.load import urls

URI = urls.SEARCH_PAGE

PAGE = """\
---
title: Zoeken
description: Zoek in alle informatie over klachten van de lage rug.
site_search: true
---

# Zoeken

Typ een woord, bijvoorbeeld *hernia* of *bewegen*.

<div id="ph-search" class="ph-search" data-pagefind-ignore>
<noscript>
Zoeken werkt alleen als JavaScript aan staat.
Kies anders een onderwerp in het menu.
</noscript>
</div>
"""


def generate(site: Site) -> Iterator[Output]:
    yield Output(URI, PAGE)
