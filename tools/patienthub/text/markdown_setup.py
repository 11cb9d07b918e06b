"""How MkDocs makes its Python-Markdown: the site's `markdown_extensions` plus MkDocs' builtins.

Read by the configuration (from mkdocs.yml) and used by the renderer; no MkDocs import, so every engine that renders
with Python-Markdown renders the same.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

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

    @classmethod
    def from_validated(cls, extensions: Sequence[Any], configs: Mapping[str, Any]) -> MarkdownSetup:
        """MkDocs' validated `markdown_extensions` (a list of names, its builtins first) and `mdx_configs` (the
        settings per name, `!!python/name` tags already imported)."""
        names = list(dict.fromkeys([*MKDOCS_BUILTINS, *(str(name) for name in extensions)]))
        settings = {str(k): dict(v) for k, v in configs.items() if isinstance(v, Mapping)}
        return cls(tuple(names), settings)

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
