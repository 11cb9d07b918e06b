"""Files the build adds to the site from the core model (glossary, dashboard, feeds, redirects, ...).

A generator is a pure function `(site) -> Iterable[Output]`; a new one is one module plus one line here. The
review dashboard also shows the findings: it is given the check run's Result (`(site, result)`), so no generator
runs the checks and the checks can ask the others for their outputs (links to the glossary).
Any engine adapter can write these outputs: the MkDocs plugin adds them as generated files, so `.md` outputs are
rendered with the theme and everything else is copied as it is.
"""

from __future__ import annotations

from . import api, code_pages, dashboard, evidence_view, feed, glossary, redirects, search_page, terms_api
from .base import Generator, Output, ResultGenerator

REGISTRY: tuple[Generator, ...] = (
    search_page.generate,
    redirects.generate,
    code_pages.generate,
    api.generate,
    feed.generate,
    evidence_view.generate,
    glossary.generate,
    terms_api.generate,
)
# Generators of a check run's outcome: (site, result) -> outputs.
RESULT_REGISTRY: tuple[ResultGenerator, ...] = (dashboard.generate,)

__all__ = ["REGISTRY", "RESULT_REGISTRY", "Generator", "Output", "ResultGenerator"]
