"""terminology.*: pages use the words of the termbase (content/_data/terms.yml), not the variants it avoids.

Matching is Dutch-aware (wordforms.py) and only looks at the author's own prose (textmask.py): never inside
code, URLs, link targets, blockquotes or quotation marks. The termbase itself is checked here too, examples
included."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity
from patienthub.domain.model import Page, Site
from patienthub.domain.termbase import EXAMPLE_FAILED, INVALID, STYLE, UNSOURCED, Term
from patienthub.text.phrases import Phrase
from patienthub.text.textmask import line_starts, mask_prose, prose_texts
from patienthub.text.wordforms import starts_sentence

AVOID = Rule(
    "terminology.avoid",
    Severity.WARNING,
    "Een woord dat we met patiënten niet gebruiken; de termenlijst noemt het woord dat we wel gebruiken.",
)
RULES = (AVOID, INVALID, STYLE, UNSOURCED, EXAMPLE_FAILED)
FRONT_MATTER_TEXTS = ("title", "description")


def avoid_finding(
    term: Term,
    phrase: Phrase,
    found: str,
    path: str,
    line: int | None,
    column: int | None,
    at_sentence_start: bool = False,
    in_page: bool = True,  # a page, which `patienthub fix` edits (not a key message in its data file)
) -> Finding:
    preferred = term.suggested(phrase, found, at_sentence_start)
    automatic = in_page and term.replacement(phrase, found, at_sentence_start) is not None
    return Finding(
        AVOID.id,
        term.severity_of(phrase),
        path,
        line,
        f"'{found}' is niet het woord dat we met patiënten gebruiken; schrijf '{preferred}' "
        f"(termenlijst: {term.key}).",
        f"Vervang '{found}' door '{preferred}'"
        + (" (dat kan automatisch: patienthub fix --write)." if automatic else ".")
        + " Noemt u het woord bewust, bijvoorbeeld als 'ook wel … genoemd'? Zet het dan tussen aanhalingstekens.",
        column=column,
        excerpt=found,
    )


@dataclass(frozen=True)
class Occurrence:
    """An avoided variant on a page: the finding, and where and how `patienthub fix` may replace it."""

    finding: Finding
    replacement: str | None  # None: the termbase does not allow an automatic replacement of this form
    start: int  # offsets of the variant: in page.text, or in the front-matter value named by `field`
    end: int
    field: str | None = None  # "title" or "description"; None for the body


def occurrences(page: Page, site: Site) -> Iterator[Occurrence]:
    termbase = site.termbase
    if not termbase.terms:
        return
    for key in FRONT_MATTER_TEXTS:
        value = page.frontmatter.data.get(key)
        if isinstance(value, str):
            masked = mask_prose(value)
            for hit in termbase.avoided(masked):
                term, phrase = hit.item
                found = value[hit.start : hit.end]
                first = starts_sentence(masked, hit.start)
                line = page.line_of(key)
                yield Occurrence(
                    avoid_finding(term, phrase, found, page.path, line, None, first),
                    term.replacement(phrase, found, first),
                    hit.start,
                    hit.end,
                    key,
                )
    starts = line_starts(page.text)
    for prose in prose_texts(page.body, page.body_start_line):
        for hit in termbase.avoided(prose.text):
            term, phrase = hit.item
            found = prose.block.text[hit.start : hit.end]
            first = starts_sentence(prose.text, hit.start)
            line, column = prose.position(hit.start)
            last_line, last_column = prose.position(hit.end - 1)
            yield Occurrence(
                avoid_finding(term, phrase, found, page.path, line, column, first),
                term.replacement(phrase, found, first),
                starts[line - 1] + column - 1,
                starts[last_line - 1] + last_column,
            )


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    for occurrence in occurrences(page, site):
        yield occurrence.finding


def check_site(site: Site) -> Iterator[Finding]:
    yield from site.termbase.findings
    # Key messages appear on pages word for word, so their words follow the termbase too.
    for message in site.advice.key_messages.values():
        for prose in prose_texts(message.text):
            for hit in site.termbase.avoided(prose.text):
                term, phrase = hit.item
                found = prose.block.text[hit.start : hit.end]
                first = starts_sentence(prose.text, hit.start)
                path = site.advice.key_messages_path
                yield avoid_finding(term, phrase, found, path, message.line, None, first, in_page=False)


def terms_used(page: Page, site: Site) -> list[str]:
    """Keys of the termbase terms a page uses, in order of first use."""
    keys: dict[str, None] = {}
    for prose in prose_texts(page.body, page.body_start_line):
        for hit in site.termbase.preferred(prose.text):
            keys.setdefault(hit.item.key)
    return list(keys)


def metrics(page: Page, site: Site) -> Mapping[str, Any]:
    return {"terms": terms_used(page, site)} if site.termbase.terms else {}


CHECK = Check("terminology", RULES, page=check_page, site=check_site, metrics=metrics, site_cached=True)
