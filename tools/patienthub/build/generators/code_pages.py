"""Code pages that list several pages: `code/<system>/<code>/` when more than one page carries a code.

A code that only one page carries is a redirect (generators/redirects.py). The list is a themed Markdown page,
so a patient who arrives from a GP system sees the familiar site; the primary page comes first.
"""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.build.generators.base import Output
from patienthub.domain.model import Site
from patienthub.load import urls

INTRO = """\
Uw huisarts of zorgverlener stuurde u hierheen met de code {label}.
Bij deze code horen meer pagina's.
Kies de pagina die het best bij uw klachten past.
"""


def generate(site: Site) -> Iterator[Output]:
    for entry in urls.code_index(site):
        if len(entry.pages) < 2:
            continue
        source = f"{entry.url}index.md"
        lines = [
            "---",
            f'title: "Informatie bij {entry.label}"',
            "search:",
            "  exclude: true",
            "---",
            "",
            "# Informatie bij uw klacht",
            "",
            INTRO.format(label=entry.label),
        ]
        for page in entry.pages:
            link = urls.relative(entry.url, page.src_uri)
            title = _plain(page.meta.title or page.url)
            start = "**Begin hier:** " if page in entry.primaries else ""
            description = f" — {_plain(page.meta.description)}" if page.meta.description else ""
            lines.append(f"- {start}[{title}]({link}){description}")
        yield Output(source, "\n".join(lines) + "\n")


def _plain(text: str) -> str:
    """Front-matter text as literal Markdown: characters that would start a link or emphasis are escaped."""
    for char in "\\[]*_`<":
        text = text.replace(char, "\\" + char)
    return text
