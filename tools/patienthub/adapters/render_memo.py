"""MkDocs' rendering of a page, kept from the last build: a page whose Markdown, place and links are what they were
is not converted again. Rendering is a third of what a rebuild costs, and most pages of a rebuild are unchanged.

What the engine's `Page.render` leaves on the page is kept with its HTML: the table of contents, the title it found,
the anchors the page has and the links to other pages' anchors (for MkDocs' anchor validation), and every message it
logged, which is logged again on reuse, so `--strict` stops on a broken link in a reused page as it did the first
time. The key holds all that rendering reads: the Markdown after every plugin's `on_page_markdown`, the page's
source and URL, every file's source, URL and inclusion (links resolve against them), MkDocs' link validation
settings, the Markdown extensions and their settings, the logging level, and (through the cache) patienthub's code,
its dependencies' versions and the project's configuration and data files. The cache file is signed, so no one but
this user's builds can put HTML into it.

Only for extensions that read nothing but the Markdown they are given: those of the HTML policy's allowlist
(data/html-policy.yml). One that includes other files (pymdownx.snippets) would keep their old text.

ProperDocs runs this too: it reads the page module's own `get_toc` rather than importing MkDocs'.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from patienthub.domain.model import Site
from patienthub.load.cache import Cache, digest_of
from patienthub.text.htmlpolicy import default_policy

WHAT = "render:mkdocs-page"
# What a page renders to instead of its Markdown when its rendering is reused: nothing, converted in about a
# millisecond (the engine makes its Markdown converter per page whatever the page holds).
PLACEHOLDER = ""


@dataclass(frozen=True)
class Rendering:
    html: str
    toc: tuple[Any, ...]  # nested (name, id, level, children) as the engine's get_toc reads them
    title: str | None
    anchors: frozenset[str]
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] | None  # (target src_uri, links)
    messages: tuple[tuple[str, int, str], ...]  # (logger, level, text) the rendering logged


def _extension_name(extension: Any) -> str | None:
    if not isinstance(extension, str):
        return None  # an Extension object: what it does cannot be read from its name
    return extension.removeprefix("markdown.extensions.")


def reusable(config: Any) -> bool:
    """Whether the site's Markdown extensions all render from the text alone: those the HTML policy allows (a
    build with any other stops in on_config; this holds for an extension given as an object too)."""
    allowed = default_policy().markdown_extensions
    return all(_extension_name(e) in allowed for e in config["markdown_extensions"])


class _Capture(logging.Handler):
    """What the rendering thread logs; not what other threads log meanwhile (`mkdocs serve`'s web server)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.messages: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO and record.thread == self.thread:
            self.messages.append((record.name, record.levelno, record.getMessage()))


def _stable(value: Any) -> str:
    """A setting as text that is the same in every process: a function by its name, not its address."""
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=lambda i: str(i[0]))
            )
            + "}"
        )
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_stable(v) for v in value) + "]"
    if isinstance(value, functools.partial):
        return f"partial({_stable(value.func)},{_stable(value.args)},{_stable(value.keywords)})"
    if callable(value):
        return (
            f"{getattr(value, '__module__', '?')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
        )
    return repr(value)


@functools.cache
def _installed() -> str:
    """Every installed package and its version (the engine, the extensions and what they call, such as Pygments),
    read from the names of their metadata folders (name-version.dist-info): no package's metadata is parsed."""
    names: list[str] = []
    for folder in sys.path:
        with contextlib.suppress(OSError):
            names += (
                entry for entry in os.listdir(folder or ".") if entry.endswith((".dist-info", ".egg-info"))
            )
    return digest_of(sorted(names))


def _frozen_toc(items: Any) -> tuple[Any, ...]:
    return tuple((item.title, item.id, item.level, _frozen_toc(item.children)) for item in items)


def _thawed_toc(items: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [
        {"name": name, "id": anchor, "level": level, "children": _thawed_toc(children)}
        for name, anchor, level, children in items
    ]


class RenderMemo:
    """One build's reuse of the last builds' renderings. on_page_markdown asks `before_render` for the Markdown
    to render; on_page_content hands `after_render` what was rendered and gets the HTML to go on with."""

    def __init__(self, cache: Cache, site: Site, config: Any, files: Any) -> None:
        self._cache = cache
        self._site = site
        engine = type(config).__module__.split(".")[
            0
        ]  # mkdocs or properdocs: they render and log differently
        self._engine_logger = logging.getLogger(engine)
        self._settings = digest_of(
            (
                engine,
                _installed(),
                _stable(config["markdown_extensions"]),
                _stable(dict(config["mdx_configs"] or {})),
                repr(config["validation"]),
                repr(config["use_directory_urls"]),
                *self._files(files),
            )
        )
        # Per page being rendered: its key, the stored rendering or the capture of this one, and its Markdown.
        self._pending: dict[str, tuple[str, Rendering | None, _Capture | None, str]] = {}
        self.reused = 0

    @staticmethod
    def _files(files: Any) -> Iterator[str]:
        for file in sorted(files, key=lambda f: f.src_uri):
            yield f"{file.src_uri}\x00{file.url}\x00{file.inclusion.name}\x00{file.is_documentation_page()}"

    def _key(self, markdown: str, page: Any) -> str:
        level = logging.getLogger(type(page).__module__).getEffectiveLevel()
        parts = (self._settings, page.file.src_uri, page.file.url, str(level), markdown)
        return self._cache.build_key(self._site, WHAT, parts)

    def before_render(self, markdown: str, page: Any) -> str:
        key = self._key(markdown, page)
        stored = self._cache.built(key)
        if isinstance(stored, Rendering):
            self._pending[page.file.src_uri] = (key, stored, None, markdown)
            return PLACEHOLDER
        capture = _Capture()
        self._engine_logger.addHandler(capture)
        self._pending[page.file.src_uri] = (key, None, capture, markdown)
        return markdown

    def after_render(self, html: str, page: Any, files: Any) -> str:
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None:
            return html
        key, stored, capture, markdown = pending
        if stored is None:
            assert capture is not None
            self._engine_logger.removeHandler(capture)
            self._cache.keep_built(key, self._rendering(html, page, capture))
            return html
        self.reused += 1
        page.markdown = markdown  # for templates and later hooks, as after a rendering
        get_toc = sys.modules[type(page).__module__].get_toc
        page.toc = get_toc(_thawed_toc(stored.toc))
        page._title_from_render = stored.title
        page.present_anchor_ids = set(stored.anchors)
        if stored.links_to_anchors is not None:
            targets = {}
            for src_uri, links in stored.links_to_anchors:
                target = files.get_file_from_path(src_uri)
                if target is not None:  # the key holds every file: a target that went would have changed it
                    targets[target] = dict(links)
            page.links_to_anchors = targets
        for name, level, text in stored.messages:
            logging.getLogger(name).log(level, text)
        return stored.html

    def abandon(self) -> None:
        """A build that failed midway: no capture stays on the engine's logger."""
        for _, _, capture, _ in self._pending.values():
            if capture is not None:
                self._engine_logger.removeHandler(capture)
        self._pending.clear()

    @staticmethod
    def _rendering(html: str, page: Any, capture: _Capture) -> Rendering:
        links = page.links_to_anchors
        return Rendering(
            html=html,
            toc=_frozen_toc(page.toc),
            title=page._title_from_render,
            anchors=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=(
                None
                if links is None
                else tuple(
                    sorted((target.src_uri, tuple(sorted(found.items()))) for target, found in links.items())
                )
            ),
            messages=tuple(capture.messages),
        )
