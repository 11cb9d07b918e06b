"""The evidence beside the text, for reviewers: per page the facts it cites, and once per fact the exact quote, the
publication and the date it was read (from content/_data/evidence/). Each quote is shown once, not under every page
that cites it: with the quotes repeated per page the view was 1.8 MB of HTML for 1,000 pages citing about two facts
each (and took 0.8 s to render on every build). Like the dashboard: not in the navigation, not in the search index,
`noindex` for robots. Split in parts of ROWS_PER_PAGE pages, like the dashboard; each part shows the quotes of the
facts its pages cite.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator

from patienthub.build.generators.base import EDITOR_FRONT_MATTER, ROWS_PER_PAGE, Output, md, pager, part_uri
from patienthub.domain.evidence import FRONT_MATTER_KEY, Fact
from patienthub.domain.model import Page, Site
from patienthub.load import urls

URI = urls.EVIDENCE_VIEW
ORDER = "op titel van de pagina"  # how the pages of a view split in parts are sorted
TITLE = "Het bewijs bij de tekst"
INTRO = (
    "Deze pagina is voor redacteuren en controleurs, niet voor patiënten. Eerst staan per pagina de feiten waarop "
    "de tekst steunt. Daaronder staat elk feit één keer: het letterlijke citaat, de publicatie en de datum waarop "
    "het citaat gelezen is. De feiten staan in `content/_data/evidence/`; een pagina noemt ze bovenaan onder "
    "`evidence:`."
)


def _cited(page: Page) -> list[str]:
    raw = page.frontmatter.data.get(FRONT_MATTER_KEY) if isinstance(page.frontmatter.data, dict) else None
    return [key for key in raw if isinstance(key, str)] if isinstance(raw, list) else []


def _code(key: str) -> str:
    """A fact key as code, or as escaped text when it could break out of a code span or a table cell: keys come
    from pages and data files, and one hostile key would otherwise withhold the whole view from the build."""
    return md(key) if any(char in key for char in "`|<>&\\\n") else f"`{key}`"


def _source(fact: Fact) -> str:
    pub = fact.publication
    title = md(pub.title or "(geen titel)")
    cell = f"[{title}]({pub.address})" if pub.address else title
    if pub.year:
        cell += f" ({pub.year})"
    if fact.where:
        cell += f"; {md(fact.where)}"
    return cell


def _fact_row(fact: Fact) -> str:
    quote = md(" ".join(fact.quote.split())) if fact.quote else "**geen citaat**"
    read = fact.read.isoformat() if fact.read else "**onbekend**"
    return f"| {_code(fact.key)} | “{quote}” | {_source(fact)} | {read} |"


def _fact_rows(keys: list[str], site: Site) -> Iterator[str]:
    register = site.evidence
    datasets = site.outcomes.datasets if site.outcomes else {}
    for key in keys:
        if register is not None and key in register.facts:
            yield _fact_row(register.facts[key])
        elif key in datasets:
            raw = (datasets[key].file.data or {}).get("outcomes") or {}
            cited = sorted(
                {k for entry in raw.values() if isinstance(entry, dict) for k in entry.get("evidence") or []}
            )
            yield f"| {_code(key)} | uitkomstbestand; steunt op: {', '.join(map(_code, cited)) or '—'} | | |"
        else:
            yield f"| {_code(key)} | **staat niet in het register** | | |"


def _tables(pages: list[Page], site: Site, here: str) -> list[str]:
    lines = ["## Per pagina", "", "| Pagina | Feiten |", "|---|---|"]
    for page in pages:
        link = posixpath.relpath(page.src_uri, posixpath.dirname(here))
        facts = ", ".join(map(_code, _cited(page)))
        lines.append(f"| [{md(page.meta.title or page.path)}]({link}) | {facts} |")
    keys = sorted({key for page in pages for key in _cited(page)})
    lines += ["", "## De feiten", "", "| Feit | Citaat | Bron | Gelezen |", "|---|---|---|---|"]
    return [*lines, *_fact_rows(keys, site), ""]


def generate(site: Site) -> Iterator[Output]:
    if site.evidence is None:
        return
    pages = sorted(
        (page for page in site.pages if _cited(page)), key=lambda p: (p.meta.title or p.path).casefold()
    )
    uncited = sorted(page.meta.title or page.path for page in site.pages if not _cited(page))
    chunks = [pages[i : i + ROWS_PER_PAGE] for i in range(0, len(pages), ROWS_PER_PAGE)] or [[]]
    uris = [URI] + [part_uri(URI, number) for number in range(2, len(chunks) + 1)]
    for number, (chunk, here) in enumerate(zip(chunks, uris, strict=True), 1):
        title = TITLE if number == 1 else f"{TITLE} (deel {number} van {len(chunks)})"
        lines = [
            EDITOR_FRONT_MATTER.format(title_yaml=json.dumps(title, ensure_ascii=False)) + f"# {title}",
            "",
        ]
        if number == 1:
            lines += [INTRO, ""]
        if len(chunks) > 1:
            lines += [pager(uris, number, ORDER), ""]
        if chunk:
            lines += _tables(chunk, site, here)
        if number == 1 and uncited:
            lines += ["## Pagina's zonder feiten", "", *(f"- {md(name)}" for name in uncited), ""]
        yield Output(here, "\n".join(lines), in_nav=False)
