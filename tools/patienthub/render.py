"""Markdown -> the HTML a page publishes, made the way the site build makes it.

The safety rules judge this HTML, not a guess of it: Python-Markdown with the site's own `markdown_extensions`
(read from mkdocs.yml, plus the three MkDocs always adds) over the page body after patienthub's transforms (key
messages, glossary links, outcome blocks). The MkDocs plugin checks the HTML MkDocs itself produced with the same
policy, so `check` and the build judge the same thing twice. No MkDocs import: any engine that renders with
Python-Markdown renders this.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cache import Cache
    from .model import Page, Site

# MkDocs adds these to every site's extensions (mkdocs.config.defaults: MarkdownExtensions builtins).
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
# The placeholder config.py's mkdocs.yml reader writes for a `!!python/name:` tag (it never imports at read time).
_PYTHON_NAME = "<tag:yaml.org,2002:python/name:"


@dataclass(frozen=True)
class MarkdownSetup:
    """The extensions and their settings, as MkDocs hands them to Python-Markdown."""

    extensions: tuple[str, ...] = MKDOCS_BUILTINS
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_mkdocs(cls, entries: Sequence[Any] | None) -> MarkdownSetup:
        """`markdown_extensions` of mkdocs.yml: names, or one-key mappings of a name to its settings."""
        names = list(MKDOCS_BUILTINS)
        configs: dict[str, Mapping[str, Any]] = {}
        for entry in entries or ():
            if isinstance(entry, Mapping):
                for name, settings in entry.items():
                    if name not in names:
                        names.append(str(name))
                    if isinstance(settings, Mapping):
                        configs[str(name)] = {k: _resolve(v) for k, v in settings.items()}
            elif isinstance(entry, str) and entry not in names:
                names.append(entry)
        return cls(tuple(names), configs)

    def converter(self) -> Any:
        import markdown  # only a run that renders pays for importing Python-Markdown and its extensions

        return markdown.Markdown(extensions=list(self.extensions), extension_configs=dict(self.configs))


def _resolve(value: Any) -> Any:
    """A `!!python/name:module.attr` setting is the object MkDocs would import for it."""
    if isinstance(value, str) and value.startswith(_PYTHON_NAME) and value.endswith(">"):
        module, _, attribute = value[len(_PYTHON_NAME) : -1].rpartition(".")
        return getattr(importlib.import_module(module), attribute)
    if isinstance(value, Mapping):
        return {k: _resolve(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v) for v in value]
    return value


def to_html(text: str, setup: MarkdownSetup) -> str:
    """One Markdown document as HTML. A new converter each time: extensions keep state between documents."""
    return setup.converter().convert(text)


def element_ids(html: str) -> frozenset[str]:
    """Every fragment a link can land on in `html`: element ids and `<a name>`, as the browser resolves `#x`."""
    from selectolax.lexbor import LexborHTMLParser

    root = LexborHTMLParser(html).root
    found: set[str] = set()
    for node in root.traverse() if root is not None else ():
        attrs = node.attributes or {}
        for key in ("id", "name") if node.tag == "a" else ("id",):
            if attrs.get(key):
                found.add(str(attrs[key]))
    return frozenset(found)


@lru_cache(maxsize=4096)
def published_html(page: Page, site: Site) -> str:
    """page_html, once per page and site object: the HTML check and the links check read the same rendering."""
    return page_html(page, site)


def page_ids(page: Page, site: Site) -> frozenset[str]:
    """The ids on a page as published: what `#anchor` links to it may use."""
    return element_ids(published_html(page, site))


def page_html(page: Page, site: Site, cache: Cache | None = None) -> str:
    """The HTML of the page's content as the build publishes it (before the theme wraps it)."""
    from . import transforms  # transforms read the model; imported here so the model can import this module

    def rendered() -> str:
        return to_html(transforms.apply(page.body, page, site), site.project.markdown)

    if cache is not None:
        return cache.derived(site, page, "render:page_html", page.body, rendered)
    return rendered()
