"""terminology.*: pages use the words of the termbase (content/_data/terms.yml), not the variants it avoids.

Matching is Dutch-aware (wordforms.py) and only looks at the author's own prose (textmask.py): never inside
code, URLs, link targets, blockquotes or quotation marks. The termbase itself is checked here too, examples
included."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..findings import Finding, Rule, Severity
from ..model import Page, Site
from ..phrases import Phrase
from ..termbase import EXAMPLE_FAILED, INVALID, STYLE, Term
from ..textmask import mask_prose, prose_texts
from ..wordforms import is_abbreviation
from .base import Check

AVOID = Rule(
    "terminology.avoid",
    Severity.WARNING,
    "Een woord dat we met patiënten niet gebruiken; de termenlijst noemt het woord dat we wel gebruiken.",
)
RULES = (AVOID, INVALID, STYLE, EXAMPLE_FAILED)
FRONT_MATTER_TEXTS = ("title", "description")


def _as_found(preferred: str, found: str) -> str:
    """The preferred term capitalised like the word it replaces (at the start of a sentence)."""
    if found[:1].isupper() and not is_abbreviation(found) and preferred[:1].islower():
        return preferred[:1].upper() + preferred[1:]
    return preferred


def avoid_finding(term: Term, phrase: Phrase, found: str, path: str, line: int | None, column: int | None):
    preferred = _as_found(term.preferred, found)
    return Finding(
        AVOID.id,
        term.severity_of(phrase),
        path,
        line,
        f"'{found}' is niet het woord dat we met patiënten gebruiken; schrijf '{preferred}' "
        f"(termenlijst: {term.key}).",
        f"Vervang '{found}' door '{preferred}'. Noemt u het woord bewust, bijvoorbeeld als "
        "'ook wel … genoemd'? Zet het dan tussen aanhalingstekens.",
        column=column,
        excerpt=found,
    )


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    termbase = site.termbase
    if not termbase.terms:
        return
    for key in FRONT_MATTER_TEXTS:
        value = page.frontmatter.data.get(key)
        if isinstance(value, str):
            for hit in termbase.avoided(mask_prose(value)):
                term, phrase = hit.item
                yield avoid_finding(
                    term, phrase, value[hit.start : hit.end], page.path, page.line_of(key), None
                )
    for prose in prose_texts(page.body, page.body_start_line):
        for hit in termbase.avoided(prose.text):
            term, phrase = hit.item
            line, column = prose.position(hit.start)
            yield avoid_finding(term, phrase, prose.block.text[hit.start : hit.end], page.path, line, column)


def check_site(site: Site) -> Iterator[Finding]:
    yield from site.termbase.findings
    # Key messages appear on pages word for word, so their words follow the termbase too.
    for message in site.advice.key_messages.values():
        for prose in prose_texts(message.text):
            for hit in site.termbase.avoided(prose.text):
                term, phrase = hit.item
                found = prose.block.text[hit.start : hit.end]
                yield avoid_finding(term, phrase, found, site.advice.key_messages_path, message.line, None)


def terms_used(page: Page, site: Site) -> list[str]:
    """Keys of the termbase terms a page uses, in order of first use."""
    keys: dict[str, None] = {}
    for prose in prose_texts(page.body, page.body_start_line):
        for hit in site.termbase.preferred(prose.text):
            keys.setdefault(hit.item.key)
    return list(keys)


def metrics(page: Page, site: Site) -> Mapping[str, Any]:
    return {"terms": terms_used(page, site)} if site.termbase.terms else {}


CHECK = Check("terminology", RULES, page=check_page, site=check_site, metrics=metrics)
