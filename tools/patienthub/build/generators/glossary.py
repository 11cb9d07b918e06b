"""The glossary page (woordenlijst.md): every termbase term with its B1 explanation, alphabetical, one anchor
per term (its key in terms.yml), so the tooltips on pages can link to it and partners can deep-link."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from html import escape
from itertools import groupby

from patienthub.build.generators.base import Output
from patienthub.domain.model import Site
from patienthub.domain.termbase import Term, Termbase

INTRO = """\
Hier leest u wat woorden over rugklachten betekenen.
De woorden staan op alfabet.
Zorgverleners gebruiken soms andere woorden.
Die staan er ook bij.
"""
# The explanations are not yet approved by an association of care providers; say so, as concept pages do.
NOT_REVIEWED = """\
<aside class="ph-notice ph-notice--concept" role="note" aria-label="Let op: concepttekst">
<p><strong>Let op: deze uitleg is nog niet goedgekeurd.</strong>
Een vereniging van zorgverleners moet deze woordenlijst nog controleren.</p>
</aside>
"""


def sort_key(text: str) -> str:
    """Alphabetical as a Dutch reader looks it up: accents and capitals do not count (röntgenfoto under R)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter(term: Term) -> str:
    first = sort_key(term.preferred)[:1].upper()
    return first if first.isalpha() else "#"


def _also(term: Term) -> list[str]:
    professional = (term.professional or "").casefold()
    return [text for text in term.avoid_texts if text.casefold() not in professional]


def _entry(term: Term) -> Iterator[str]:
    yield f'<dt id="{escape(term.key)}">{escape(term.preferred)}</dt>'
    yield "<dd>"
    yield f"<p>{escape(term.explanation)}</p>"
    if term.professional:
        yield f'<p class="ph-glossary__also">Zorgverleners zeggen: {escape(term.professional)}.</p>'
    if _also(term):
        yield f'<p class="ph-glossary__also">U leest soms ook: {escape(", ".join(_also(term)))}.</p>'
    if term.source:
        yield f'<p class="ph-glossary__source">Bron: {escape(term.source)}</p>'
    yield "</dd>"


def glossary_markdown(termbase: Termbase) -> str:
    terms = sorted(termbase.terms, key=lambda t: sort_key(t.preferred))
    groups = [(letter, list(group)) for letter, group in groupby(terms, key=_letter)]
    letters = " ".join(f'<a href="#{letter.lower()}">{letter}</a>' for letter, _ in groups)
    parts = [
        "---\ntitle: Woordenlijst\ndescription: Uitleg van woorden over rugklachten, in gewone taal.\n---\n",
        "# Woordenlijst\n",
        NOT_REVIEWED,
        INTRO,
        f'<nav class="ph-glossary-letters" aria-label="Letters">{letters}</nav>\n',
    ]
    for letter, group in groups:
        lines = "\n".join(line for term in group for line in _entry(term))
        parts.append(f'## {letter}\n\n<dl class="ph-glossary">\n{lines}\n</dl>\n')
    return "\n".join(parts)


def generate(site: Site) -> Iterable[Output]:
    if site.termbase.terms:
        yield Output(site.config.terminology.glossary_page, glossary_markdown(site.termbase))
