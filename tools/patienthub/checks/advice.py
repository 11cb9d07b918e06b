"""advice.*: one advice everywhere. Advice that contradicts the Dutch guidelines (content/_data/advice.yml) is
an error citing the guideline; a page that includes a key message (`[[kernboodschap: naam]]`) must name one
that exists in content/_data/kernboodschappen.yml."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from patienthub.checks.base import Check
from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.domain.advice import (
    EXAMPLE_FAILED,
    KEY_MESSAGES_INVALID,
    RULES_INVALID,
    AdviceRule,
    references,
)
from patienthub.domain.model import Page, Site
from patienthub.text.textmask import prose_texts

CONTRADICTS = Rule(
    "advice.contradicts-guideline",
    Severity.ERROR,
    "Een advies dat ingaat tegen de Nederlandse richtlijnen, zoals bedrust of altijd een foto of MRI.",
)
UNKNOWN_KEY_MESSAGE = Rule(
    "advice.key-message-unknown",
    Severity.ERROR,
    "De pagina verwijst naar een kernboodschap die niet bestaat.",
)
RULES = (CONTRADICTS, UNKNOWN_KEY_MESSAGE, RULES_INVALID, KEY_MESSAGES_INVALID, EXAMPLE_FAILED)


def contradiction(rule: AdviceRule, found: str, path: str, line: int | None, column: int | None) -> Finding:
    return Finding(
        CONTRADICTS.id,
        rule.severity,
        path,
        line,
        f"'{found}': {rule.message}",
        rule.suggestion,
        column=column,
        excerpt=found,
    )


def check_page(page: Page, site: Site) -> Iterator[Finding]:
    book = site.advice
    for prose in prose_texts(page.body, page.body_start_line):
        for hit in book.contradictions(prose.text):
            line, column = prose.position(hit.start)
            yield contradiction(hit.item, prose.block.text[hit.start : hit.end], page.path, line, column)
    known = sorted(book.key_messages)
    for ref in references(page.body, page.body_start_line):
        if ref.key in book.key_messages or ref.key in book.broken_key_messages:
            continue  # a broken entry has its own finding in the key messages file
        close = difflib.get_close_matches(ref.key, known, n=1)
        if close:
            hint = f"Bedoelt u '{close[0]}'? Schrijf [[kernboodschap: {close[0]}]]."
        elif known:
            hint = f"Bestaande kernboodschappen: {', '.join(known)}."
        else:
            hint = "Er zijn nog geen kernboodschappen; leg ze vast in content/_data/kernboodschappen.yml."
        name = f"'{ref.key}'" if ref.key else "zonder naam"
        yield finding(
            UNKNOWN_KEY_MESSAGE,
            page.path,
            ref.line,
            f"De pagina verwijst naar kernboodschap {name}, maar die bestaat niet.",
            hint,
            column=ref.column,
        )


def check_site(site: Site) -> Iterator[Finding]:
    book = site.advice
    yield from book.findings
    for message in book.key_messages.values():
        for prose in prose_texts(message.text):
            for hit in book.contradictions(prose.text):
                found = prose.block.text[hit.start : hit.end]
                yield contradiction(hit.item, found, book.key_messages_path, message.line, None)


CHECK = Check("advice", RULES, page=check_page, site=check_site, site_cached=True)
