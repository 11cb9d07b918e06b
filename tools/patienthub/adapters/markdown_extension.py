"""The render stage as a Python-Markdown extension, for an engine that runs no MkDocs plugin (Zensical).

    markdown_extensions:
      - patienthub.adapters.markdown_extension:
          config_file: /path/to/mkdocs.yml      # the project (its patienthub settings and data)
          overrides: /path/to/overrides         # the theme overrides with the patienthub partials

Per page it applies the same transforms as the MkDocs plugin (key messages, glossary links and tooltips,
outcome blocks) and puts around the rendered HTML what the MkDocs templates put around the page content: the
concept and overdue notices, the search body with the page's lay words, the review line and the share block,
rendered from the same partials. The page is found through the engine's rendering context (Zensical's
`rendering_context` preprocessor, which knows the page's source path); without one (MkDocs, where the plugin
does all this) the extension changes nothing. `patienthub build --engine zensical` writes this into its
staging configuration; mkdocs.yml does not list it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from patienthub.build import share, transforms
from patienthub.build.present import page_view
from patienthub.core import dates
from patienthub.domain.model import Page, Site
from patienthub.load import urls
from patienthub.load.cache import Cache
from patienthub.load.config import load_project
from patienthub.load.loader import load_site

# A file `patienthub build` names: one JSON line (url, title) per page the engine renders, for what it writes
# into every page's head after the build (JSON-LD needs the title the engine gave the page).
TITLES_VARIABLE = "PATIENTHUB_TITLES"
_LOADED: dict[str, tuple[Site, Cache]] = {}  # one site per project and process: the engine renders every page


def _site(config_file: str) -> tuple[Site, Cache]:
    if config_file not in _LOADED:
        project = load_project(Path(config_file))
        today = dates.run_date()  # set by `patienthub build`, as for the MkDocs plugin
        cache = Cache.for_project(project)
        _LOADED[config_file] = (load_site(project, today, cache=cache), cache)
    return _LOADED[config_file]


# Marks the end of the page's own HTML: Python-Markdown's toc runs the postprocessors on every heading's text
# too, and only the whole page is to be surrounded. An HTML comment, stashed and restored as it is.
_END = "<!-- patienthub:end -->"


def _context_page(md: Markdown) -> Any:
    """The page being rendered, from the engine's rendering context (Zensical: path, url, title), or None."""
    for processor in md.preprocessors:
        page = getattr(processor, "page", None)
        if getattr(processor, "name", None) == "rendering_context" and page is not None:
            return page
    return None


class _Render(Preprocessor):
    def __init__(self, md: Markdown, extension: PatientHubExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.page = None
        context = _context_page(self.md)
        if context is None:
            return lines
        path = str(context.path).replace(os.sep, "/")
        titles = os.environ.get(TITLES_VARIABLE)
        if titles:
            record = {"url": str(context.url), "title": str(getattr(context, "title", None) or "")}
            with open(titles, "a", encoding="utf-8") as stream:
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        site, cache = _site(self.extension.getConfig("config_file"))
        docs = site.project.docs_dir
        src_uri = (
            Path(path).resolve().relative_to(docs.resolve()).as_posix() if Path(path).is_absolute() else path
        )
        page = site.by_src_uri.get(src_uri)
        if page is None:  # a generated page (glossary, search page): written complete by the generators
            return lines
        self.extension.page = page
        # The title the engine gives the page (the nav title first), as MkDocs' page.title for the JSON-LD.
        self.extension.title = str(getattr(context, "title", None) or page.meta.title or "")
        return [*transforms.apply("\n".join(lines), page, site, cache).split("\n"), "", _END]


class _Surround(Postprocessor):
    """Notices, search body, review line and share block around the page's HTML, as main.html does."""

    def __init__(self, md: Markdown, extension: PatientHubExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        page = self.extension.page
        if page is None or _END not in text:
            return text
        site, cache = _site(self.extension.getConfig("config_file"))
        return self.extension.surround(text.replace(_END, "").rstrip(), page, site, cache)


class PatientHubExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "config_file": ["mkdocs.yml", "the project's mkdocs.yml (patienthub settings and data)"],
            "overrides": ["overrides", "the theme overrides folder with partials/patienthub-*.html"],
        }
        super().__init__(**kwargs)
        self.page: Page | None = None
        self.title = ""
        self._templates: Any = None

    def extendMarkdown(self, md: Markdown) -> None:
        # Before raw HTML is stashed (20), so the outcome blocks' HTML is kept as HTML; last among the
        # postprocessors, so the partials' HTML is not escaped again.
        md.preprocessors.register(_Render(md, self), "patienthub", 25)
        md.postprocessors.register(_Surround(md, self), "patienthub", 0)

    def _partial(self, name: str, page: Page, site: Site, **context: Any) -> str:
        """A patienthub partial, rendered as MkDocs renders it for `page` (its `url` filter, `config`)."""
        if self._templates is None:
            import jinja2

            self._templates = jinja2.Environment(
                loader=jinja2.FileSystemLoader(str(self.getConfig("overrides"))), autoescape=False
            )
        self._templates.filters["url"] = lambda target: urls.relative(page.url, target)
        config = {"use_directory_urls": site.project.use_directory_urls}
        return self._templates.get_template(f"partials/{name}").render(config=config, **context)

    def surround(self, html: str, page: Page, site: Site, cache: Cache | None) -> str:
        view = page_view(page, site, cache)
        hub = share.hub_view(site, page.url, Markup(self.title).unescape())
        hidden = ""
        if view.search_synonyms:
            hidden += f"<p hidden>{Markup.escape(', '.join(view.search_synonyms))}</p>"
        if view.search_title_synonyms:
            words = Markup.escape(", ".join(view.search_title_synonyms))
            hidden += f'<p hidden data-pagefind-weight="10">{words}</p>'
        parts = [self._partial("patienthub-notices.html", page, site, patienthub=view)]
        if page.url == "":  # the home page
            parts.append(self._partial("patienthub-search-box.html", page, site))
        parts += [
            f"<div data-pagefind-body>{html}{hidden}</div>",
            self._partial("patienthub-review.html", page, site, patienthub=view),
        ]
        if hub.canonical_url:
            parts.append(self._partial("patienthub-share.html", page, site, patienthub_hub=hub))
        return "\n".join(parts)


def makeExtension(**kwargs: Any) -> PatientHubExtension:
    return PatientHubExtension(**kwargs)
