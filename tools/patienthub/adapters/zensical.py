"""Building the hub with Zensical, which runs no MkDocs plugin: the plugin's work done around the engine.

Before the build, a staging copy: the docs with every generated Markdown page written in (glossary, search page,
code pages, dashboard), and a configuration that is mkdocs.yml with the staged docs, an absolute theme folder
and the render stage as a Markdown extension (`markdown_extension.py`). After the build, over the finished
site: the generated files that are no page (API, feed, short-link redirects), each page's navigation compacted and
its Content-Security-Policy and JSON-LD, the HTML policy's judgement of each page, the sitemap's review dates, the
Pagefind index, the theme's CSS trimmed to what the pages use and the precompressed copies. What this does not
(yet) give is listed in docs/engines.md.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from patienthub import publish
from patienthub.adapters.mkdocs_plugin import WITHHELD_DOCUMENT
from patienthub.build import csp, generators, jsonld, share, web_editor
from patienthub.build.generators.base import Output
from patienthub.core import compact
from patienthub.core.errors import ConfigError
from patienthub.domain.model import Site
from patienthub.domain.result import Result
from patienthub.load.config import Project
from patienthub.publish import afterbuild
from patienthub.text import htmlpolicy

EXTENSION = "patienthub.adapters.markdown_extension"
STAGED_CONFIG = "zensical.yml"


def _read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (`INHERIT:`, `!ENV` resolved)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as stream:
        raw = yaml_load(stream)
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_file}: verwacht sleutels met waarden bovenaan")
    return raw


def outputs(site: Site, result: Result) -> list[Output]:
    return [
        *generators.outputs(site),
        *(output for generate in publish.RESULT_REGISTRY for output in generate(site, result)),
    ]


def _is_page(output: Output) -> bool:
    return output.uri.endswith(".md")


def stage(config_file: Path, project: Project, site: Site, result: Result, work: Path) -> Path:
    """Write the staging copy into `work`; returns its configuration file."""
    raw = _read_config(config_file)
    docs = work / "docs"
    shutil.copytree(project.docs_dir, docs, symlinks=False)
    for output in outputs(site, result):
        if _is_page(output):
            target = docs / output.uri
            target.parent.mkdir(parents=True, exist_ok=True)
            content = output.content
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    theme = dict(raw.get("theme") or {})
    # Zensical's own look ("modern") fails axe's contrast rule; "classic" is Material's look, which
    # overrides/assets/stylesheets/ are written for.
    theme.setdefault("variant", "classic")
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((config_file.parent / theme["custom_dir"]).resolve())
    extensions = [e for e in raw.get("markdown_extensions") or [] if e != EXTENSION]
    extensions.append(
        {EXTENSION: {"config_file": str(config_file), "overrides": theme.get("custom_dir") or "overrides"}}
    )
    plugins = [
        p
        for p in raw.get("plugins") or []
        if p != "patienthub" and not (isinstance(p, dict) and "patienthub" in p)
    ]
    # Zensical turns its own search on unless told otherwise; MkDocs has it only when `plugins` lists it. Not
    # listed (the hub's search is Pagefind): off, or every page would load its index and worker (45 KB gzip).
    if not any(p == "search" or (isinstance(p, dict) and "search" in p) for p in plugins):
        plugins.append({"search": {"enabled": False}})
    staged = {
        **{k: v for k, v in raw.items() if k != "INHERIT"},
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "markdown_extensions": extensions,
        "plugins": plugins,
    }
    target = work / STAGED_CONFIG
    target.write_text(yaml.safe_dump(staged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def command(python: str, staged_config: Path) -> list[str]:
    return [python, "-m", "zensical", "build", "--strict", "--config-file", str(staged_config)]


def titles_file(work: Path) -> Path:
    """Where the Markdown extension notes each rendered page's URL and title (markdown_extension.py)."""
    return work / "titles.jsonl"


def finish(work: Path, site_dir: Path, site: Site, result: Result) -> list[str]:
    """Move the built site to `site_dir` and publish over it what the MkDocs plugin adds after its build.
    Returns what is wrong with a finished page (Dutch): such a page is withheld, as the plugin withholds it."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.copytree(work / "site", site_dir)
    copied: set[str] = set()
    for output in outputs(site, result):
        if not _is_page(output):
            target = site_dir / output.uri
            target.parent.mkdir(parents=True, exist_ok=True)
            content = output.content
            target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
            copied.add(output.uri)
    if web_editor.available(site.project):  # Decap CMS's JavaScript, into the web editor's folder only
        for path in web_editor.vendor_files(site.project):
            shutil.copyfile(path, site_dir / web_editor.FOLDER / path.name)
    titles = {"404.html": "Pagina niet gevonden"}
    if titles_file(work).is_file():
        for line in titles_file(work).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            titles[record["url"]] = record["title"]
    problems: list[str] = []
    for path in sorted(site_dir.rglob("*.html")):
        uri = path.relative_to(site_dir).as_posix()
        if uri not in copied:  # a page the engine rendered, not a generated redirect
            url = uri[: -len("index.html")] if uri.endswith("index.html") and uri != "404.html" else uri
            built = compact.navigation(without_lone_palette(path.read_text(encoding="utf-8")))
            page, found = publish_page(built, site, url, titles.get(url))
            path.write_text(page, encoding="utf-8")
            if found:
                problems.append(
                    f"{uri}: de gebouwde pagina is niet veilig en is niet gepubliceerd: {'; '.join(found)}"
                )
    _sitemap(site_dir / "sitemap.xml", site)
    afterbuild.run(site_dir)  # Pagefind, the theme's CSS trimmed (slimcss), the compressed copies
    return problems


def publish_page(html: str, site: Site, url: str, title: str | None) -> tuple[str, list[str]]:
    """A finished page with its head completed, judged whole by the HTML policy as the plugin judges a page:
    (the page, []) or (a minimal safe page, the problems)."""
    html = _head(html, site, url, title)
    problems = htmlpolicy.inspect_document(html)
    return (WITHHELD_DOCUMENT, problems) if problems else (html, [])


# Zensical makes a single palette (a mapping in mkdocs.yml) a list of one and writes the palette switch for it: a
# form with one radio button and no label, hidden from screen readers yet reached with Tab (axe: aria-hidden-focus).
# Material writes no switch for a single palette.
_PALETTE_FORM = re.compile(
    r'<form class="md-header__option" data-md-component="palette">(?:(?!</form>).)*</form>\s*', re.S
)


def without_lone_palette(html: str) -> str:
    """The page without a palette switch that has nothing to switch (no option with a toggle label)."""
    return _PALETTE_FORM.sub(lambda form: form.group() if "<label" in form.group() else "", html)


_CHARSET = '<meta charset="utf-8">'
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)


def _head(html: str, site: Site, url: str, title: str | None) -> str:
    """What main.html writes into the head with the plugin: the Content-Security-Policy, allowing by hash the
    inline scripts of the theme (the page's article left out: a script there stays blocked), and the JSON-LD."""
    if _CHARSET not in html:
        return html
    outside = _ARTICLE.sub("", html)
    hashes = (csp.source_hash(script) for script in csp.inline_scripts(outside))
    policy = csp.policy(site.config.html, hashes)
    html = html.replace(
        _CHARSET, f'{_CHARSET}\n  <meta http-equiv="Content-Security-Policy" content="{policy}">', 1
    )
    if title is not None:
        hub = share.hub_view(site, url, title)
        html = html.replace("</head>", f"{hub.jsonld}\n</head>", 1)
    return html


_LOC = re.compile(r"<loc>(.*?)</loc>", re.S)


def _sitemap(path: Path, site: Site) -> None:
    """The sitemap with each page's review date as lastmod, as the MkDocs build writes it."""
    if not path.is_file():
        return
    base = (site.project.site_url or "/").rstrip("/") + "/"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for match in _LOC.finditer(path.read_text(encoding="utf-8")):
        loc = html.unescape(match.group(1).strip())
        lastmod = jsonld.last_reviewed_for(site, loc[len(base) :]) if loc.startswith(base) else None
        lines += ["    <url>", f"         <loc>{html.escape(loc)}</loc>"]
        if lastmod:
            lines.append(f"         <lastmod>{lastmod}</lastmod>")
        lines.append("    </url>")
    lines.append("</urlset>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
