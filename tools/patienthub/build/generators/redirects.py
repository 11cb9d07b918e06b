"""Redirect pages for old addresses (`aliases`), short links (`p/<slug>/`) and code spellings.

Plain HTML, not themed: a meta refresh, a canonical link to the new address and a visible link in Dutch for
when the refresh does not work. No script, so a strict Content-Security-Policy allows them. Links are
relative, so they work under any sub-path; the canonical link is absolute.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from patienthub.build import csp, jsonld
from patienthub.build.generators.base import Output
from patienthub.domain.model import Site
from patienthub.load import urls

TEMPLATE = """\
<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={href}">
{script}
</head>
<body>
<main>
<h1>{title}</h1>
{moved}<p>U gaat nu naar de pagina <a href="{href}">{title}</a>.</p>
<p>Gaat dat niet vanzelf? Klik dan op de link.</p>
</main>
</body>
</html>
"""
MOVED = "<p>Deze pagina heeft een nieuw adres. Past u uw bladwijzer aan?</p>\n"


def generate(site: Site) -> Iterator[Output]:
    written: set[str] = set()
    policy = escape(csp.policy(site.config.html))  # the site's own policy: these pages have no script at all
    code_lists = {entry.url: entry for entry in urls.code_index(site) if len(entry.pages) > 1}
    for redirect in urls.redirects(site):
        if redirect.source in written or redirect.source == redirect.target:
            continue  # conflicts and loops are findings of the hub check; write the first claim only
        written.add(redirect.source)
        target_page = site.by_url.get(redirect.target)
        if target_page is not None:
            title = target_page.meta.title or target_page.url
            shows = [target_page]
        else:
            entry = code_lists[redirect.target]
            title = f"Informatie bij {entry.label}"
            shows = list(entry.pages)
        doc = jsonld.generated_document(site, redirect.source, title, shows)
        html = TEMPLATE.format(
            policy=policy,
            title=escape(title),
            canonical=escape(urls.absolute(site, redirect.target)),
            href=escape(urls.relative(redirect.source, redirect.target)),
            script=jsonld.script_element(doc),
            moved=MOVED if redirect.kind == "alias" else "",
        )
        yield Output(urls.output_path(redirect.source), html)
