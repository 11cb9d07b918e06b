"""External links: do the sites a page links to still answer? Network access, so only on request
(`patienthub links --external`, the nightly workflow), never in `check`, the build or the tests' default run.

Each URL is fetched once (HEAD, then GET when a server refuses HEAD), redirects are followed. 404 and 410 mean
the page is gone (error); time-outs, refusals and server errors may pass (warning).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from patienthub.checks.links import EXTERNAL_BROKEN, EXTERNAL_UNREACHABLE
from patienthub.core.findings import Finding, finding
from patienthub.domain import markup
from patienthub.domain.model import Page
from patienthub.load.config import LinksConfig

GONE = frozenset({404, 410})
USER_AGENT = "patienthub-linkcheck/1 (checks the links in patient information pages)"


@dataclass(frozen=True)
class ExternalLink:
    url: str
    path: str
    line: int | None


@dataclass(frozen=True)
class Outcome:
    status: int | None  # the final HTTP status, or None when no answer came
    error: str = ""


Fetch = Callable[[str], Outcome]


def collect(pages: Iterable[Page]) -> list[ExternalLink]:
    """Every http(s) link in the text of the pages and in their sources' `url`, with its line."""
    found = []
    for page in pages:
        for ref in markup.for_page(page).references:
            if ref.origin != "reference" and markup.scheme(ref.url) in ("http", "https"):
                found.append(ExternalLink(ref.url.strip(), page.path, ref.line))
        for index, source in enumerate(page.meta.sources):
            if source.url and markup.scheme(source.url) in ("http", "https"):
                found.append(
                    ExternalLink(source.url.strip(), page.path, page.line_of("sources", index, "url"))
                )
    return found


def fetch(url: str, timeout: float) -> Outcome:
    """HEAD, then GET if the server does not allow HEAD; redirects are followed by urllib."""
    last = Outcome(None, "geen antwoord")
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Outcome(response.status)
        except urllib.error.HTTPError as exc:
            last = Outcome(exc.code, exc.reason if isinstance(exc.reason, str) else "")
            if exc.code not in (403, 405, 501):  # servers that refuse HEAD answer one of these
                return last
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Outcome(None, str(reason) or type(exc).__name__)
    return last


def check(links: list[ExternalLink], config: LinksConfig, fetcher: Fetch | None = None) -> Iterator[Finding]:
    """Findings for links whose site is gone or does not answer. Each URL is fetched once, in parallel."""
    get = fetcher or (lambda url: fetch(url, config.external_timeout_seconds))
    urls = sorted({urldefrag(link.url).url for link in links if not ignored(link.url, config)})
    with ThreadPoolExecutor(max_workers=max(config.external_workers, 1)) as pool:
        outcomes = dict(zip(urls, pool.map(get, urls), strict=True))
    for link in links:
        outcome = outcomes.get(urldefrag(link.url).url)
        if outcome is None or (outcome.status is not None and outcome.status < 400):
            continue
        host = urlsplit(link.url).hostname or link.url
        if outcome.status in GONE:
            yield finding(
                EXTERNAL_BROKEN,
                link.path,
                link.line,
                f"De link naar {link.url} werkt niet meer: {host} zegt dat de pagina niet bestaat "
                f"({outcome.status}).",
                "Zoek het nieuwe adres op de site zelf, of haal de link weg.",
            )
        else:
            answer = f"antwoord {outcome.status}" if outcome.status else outcome.error
            yield finding(
                EXTERNAL_UNREACHABLE,
                link.path,
                link.line,
                f"{host} gaf geen goed antwoord op {link.url} ({answer}).",
                "Open de link zelf. Werkt hij, dan was de site even onbereikbaar; werkt hij niet, verbeter hem.",
            )


def ignored(url: str, config: LinksConfig) -> bool:
    return any(url.startswith(prefix) for prefix in config.external_ignore)
