"""The search page. Its search box is filled by Pagefind's UI (see overrides/assets/javascripts/patienthub.js);
`pagefind_ui` in its front matter makes overrides/main.html preload that UI, on every engine."""

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
pagefind_ui: true
---

# Zoeken

Typ een woord, bijvoorbeeld *hernia* of *bewegen*.

<div id="ph-search" class="ph-search" data-pagefind-ignore></div>

<noscript>
Zoeken werkt alleen als JavaScript aan staat.
Kies anders een onderwerp in het menu.
</noscript>
"""


def generate(site: Site) -> Iterator[Output]:
    yield Output(URI, PAGE)
