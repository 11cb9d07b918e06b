"""Files the build adds to the site from the site alone (glossary, search page, API, feed, redirects, ...).

A generator is a pure function `(site) -> Iterable[Output]`; a new one is one module plus one line here. These sit
below the checks, so the checks judge what they write (links to the glossary, the HTML of every generated page).
The review dashboard needs the check run's Result: it is a `publish` generator (`patienthub.publish.RESULT_REGISTRY`).
Any engine adapter can write these outputs: the MkDocs plugin adds them as generated files, so `.md` outputs are
rendered with the theme and everything else is copied as it is.
"""

from __future__ import annotations

from functools import lru_cache

from patienthub.build.generators import (
    api,
    code_pages,
    evidence_view,
    feed,
    glossary,
    redirects,
    search_page,
    terms_api,
    web_editor,
)
from patienthub.build.generators.base import Generator, Output, ResultGenerator
from patienthub.domain.model import Site

# Generators that write Markdown pages, which the engine renders with the theme: `check` renders and judges them
# like a content page (checks/html.py).
PAGES: tuple[Generator, ...] = (
    search_page.generate,
    code_pages.generate,
    evidence_view.generate,
    glossary.generate,
)
# Generators that write only data files and finished files (JSON, the feed, redirect pages, the web editor's
# folder), never a Markdown page (tests/test_generators.py holds them to that).
FILES: tuple[Generator, ...] = (
    redirects.generate,
    api.generate,
    feed.generate,
    terms_api.generate,
    web_editor.generate,
)
REGISTRY: tuple[Generator, ...] = PAGES + FILES


@lru_cache(maxsize=1)
def _made(site: Site) -> dict[Generator, tuple[Output, ...]]:
    """Each generator's outputs for one site object, made once per run when first asked for: the links check, the
    HTML check and the engine adapter read the same outputs (a site does not change)."""
    return {}


def _outputs_of(site: Site, chosen: tuple[Generator, ...]) -> tuple[Output, ...]:
    made = _made(site)
    for generate in chosen:
        if generate not in made:
            made[generate] = tuple(generate(site))
    return tuple(output for generate in chosen for output in made[generate])


def outputs(site: Site) -> tuple[Output, ...]:
    """Every generator's outputs."""
    return _outputs_of(site, REGISTRY)


def pages(site: Site) -> tuple[Output, ...]:
    """The outputs of the PAGES generators only."""
    return _outputs_of(site, PAGES)


__all__ = ["FILES", "PAGES", "REGISTRY", "Generator", "Output", "ResultGenerator", "outputs", "pages"]
