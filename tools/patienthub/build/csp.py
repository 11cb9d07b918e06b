"""The Content-Security-Policy of the site, consistent with the HTML policy (checks/html.py).

Content may not run script, so the browser is told the same: scripts only from the site itself, plus the few
small inline scripts the theme writes, each allowed by its exact SHA-256 hash (never 'unsafe-inline'). The
adapter passes the theme's inline scripts in; a script written in a page has another hash and is blocked.
Styles likewise: the site's own files, plus the three column alignments Markdown tables write as attributes.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from html.parser import HTMLParser

from patienthub.load.config import HtmlConfig

_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Python-Markdown's tables extension aligns columns (|---:|) with exactly these style attributes. They are the
# only inline styles allowed, by hash ('unsafe-hashes' admits hashed attribute values, nothing else).
TABLE_ALIGN_STYLES = tuple(f"text-align: {side};" for side in ("left", "center", "right"))


def source_hash(source: str) -> str:
    """The CSP hash source of an inline script or a style attribute value, e.g. 'sha256-…'."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _InlineScripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        kind = (values.get("type") or "").strip().lower()
        self._current = [] if "src" not in values and kind in _EXECUTABLE_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
        if tag == "script":
            self._current = None


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would execute (not JSON data blocks, not src= scripts)."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def policy(config: HtmlConfig, script_hashes: Iterable[str] = (), *, live_reload: bool = False) -> str:
    """The policy for a page. `live_reload` is for `mkdocs serve` on an editor's own machine only: it injects a
    different inline script into every response, which no hash can allow (and a hash would switch off
    'unsafe-inline'), so there inline scripts are allowed. A built site never gets this."""
    embeds = " ".join(config.allowed_embeds) or "'none'"
    hashes = "'unsafe-inline'" if live_reload else " ".join(sorted(set(script_hashes)))
    directives = (
        "default-src 'self'",
        f"script-src 'self' {hashes}".rstrip(),
        f"style-src 'self' 'unsafe-hashes' {' '.join(source_hash(style) for style in TABLE_ALIGN_STYLES)}",
        # The theme's CSS draws its icons as data: SVG images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        f"frame-src {embeds}",
        f"object-src {embeds}",
        "base-uri 'self'",
        "form-action 'self'",
    )
    return "; ".join(directives)
