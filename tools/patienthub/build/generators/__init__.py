"""Files the build adds to the site from the site alone (glossary, search page, API, feed, redirects, ...).

A generator is a pure function `(site) -> Iterable[Output]`; a new one is one module plus one line here. These sit
below the checks, so the checks judge what they write (links to the glossary, the HTML of every generated page).
The review dashboard needs the check run's Result: it is a `publish` generator (`patienthub.publish.RESULT_REGISTRY`).
Any engine adapter can write these outputs: the MkDocs plugin adds them as generated files, so `.md` outputs are
rendered with the theme and everything else is copied as it is.
"""

from __future__ import annotations

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

REGISTRY: tuple[Generator, ...] = (
    search_page.generate,
    redirects.generate,
    code_pages.generate,
    api.generate,
    feed.generate,
    evidence_view.generate,
    glossary.generate,
    terms_api.generate,
    web_editor.generate,
)

__all__ = ["REGISTRY", "Generator", "Output", "ResultGenerator"]
