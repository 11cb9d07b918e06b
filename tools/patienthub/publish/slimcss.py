"""Only the theme CSS a patient page can use: after the build, Material's stylesheets in the site are rewritten
without the rules no page can ever match (issue 22: about 115 KB of the 138 KB were unused on every page).

A rule is dropped when one of the classes its selector needs appears neither in any built page nor in the
theme's or the site's JavaScript (which adds classes at run time: tooltips, the header title, scroll-spy); and a
rule for a colour palette the site does not use (`[data-md-color-primary=red]`) likewise. Custom properties no
remaining rule reads (`var(--…)`, such as the icons of admonition types no page has) go too. Conservative where
CSS is subtle: a class inside `:not()`, `:is()`, `:where()` or `:has()` never makes a rule go, and at-rules other
than `@media` and `@supports` (keyframes, fonts, `@page`) are kept as they are. The file keeps its name, so the
theme's templates and its cache-busting hash are untouched. Engine-neutral: it reads and writes files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from patienthub.core import memo
from patienthub.publish import search_index

# The theme's own stylesheets in a built site (the site's own CSS in overrides/ is small and all used): Material
# writes them into assets/stylesheets/, Zensical into a folder per look (classic/, modern/).
THEME_CSS = tuple(
    f"assets/stylesheets/{folder}{name}.*.min.css" for folder in ("", "*/") for name in ("main", "palette")
)
THEME_JS = "assets/javascripts/*.js"

# Without a leading \b: a pattern that starts with its literal is found by a fast scan, seven times faster over
# the site's HTML (30 MB at 1,000 pages); _at_word_starts checks the boundary instead.
_CLASS_ATTR = re.compile(r"""class\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_PALETTE_ATTR = re.compile(r"""(data-md-color-[\w-]+)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_PALETTE_SELECTOR = re.compile(r"""\[(data-md-color-[\w-]+)=["']?([\w-]+)["']?\]""")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any)\(")
_VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
_NESTED_AT = ("@media", "@supports", "@container", "@layer")


@dataclass
class Rule:
    prelude: str  # selector list, or the at-rule with its condition; empty for a statement such as @charset
    body: str | None = None  # declarations of a style rule; None for nested or opaque at-rules
    children: list[Rule] = field(default_factory=list)
    raw: str | None = None  # an at-rule kept verbatim (keyframes, font-face, page, charset)


def _scan_block(css: str, start: int) -> int:
    """Index just after the `}` closing the block that opens at css[start] == '{' (strings and comments skipped)."""
    depth = 0
    i = start
    while i < len(css):
        char = css[i]
        if char in "\"'":
            end = css.find(char, i + 1)
            while end != -1 and css[end - 1] == "\\":
                end = css.find(char, end + 1)
            i = len(css) if end == -1 else end + 1
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end == -1 else end + 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(css)


def _find_outside_strings(css: str, chars: str, start: int) -> int:
    i = start
    while i < len(css):
        char = css[i]
        if char in "\"'":
            end = css.find(char, i + 1)
            i = len(css) if end == -1 else end + 1
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end == -1 else end + 2
            continue
        if char in chars:
            return i
        i += 1
    return len(css)


def parse(css: str) -> list[Rule]:
    rules: list[Rule] = []
    i = 0
    while i < len(css):
        if css[i].isspace():
            i += 1
            continue
        if css.startswith("/*", i):  # comments go (the source map comment too: the map no longer matches)
            end = css.find("*/", i + 2)
            i = len(css) if end == -1 else end + 2
            continue
        stop = _find_outside_strings(css, "{;", i)
        prelude = css[i:stop].strip()
        if stop >= len(css) or css[stop] == ";":  # a statement (@charset, @import) or stray text: keep it
            rules.append(Rule("", raw=css[i : stop + 1]))
            i = stop + 1
            continue
        end = _scan_block(css, stop)
        inner = css[stop + 1 : end - 1]
        if prelude.startswith("@"):
            if prelude.lower().startswith(_NESTED_AT):
                rules.append(Rule(prelude, children=parse(inner)))
            else:
                rules.append(Rule(prelude, raw=css[i:end]))
        else:
            rules.append(Rule(prelude, body=inner))
        i = end
    return rules


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _required(selector: str) -> str:
    """The selector without what is inside functional pseudo-classes (those never make a rule go)."""
    out, i = [], 0
    while i < len(selector):
        match = _FUNCTIONAL.search(selector, i)
        if not match:
            out.append(selector[i:])
            break
        out.append(selector[i : match.start()])
        depth, j = 1, match.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    return "".join(out)


@dataclass(frozen=True)
class Usage:
    classes: frozenset[str]
    palette: dict[str, frozenset[str]]  # data-md-color-primary -> {"indigo"}

    def matches(self, selector: str) -> bool:
        required = _required(selector)
        if any(name not in self.classes for name in _CLASS.findall(required)):
            return False
        for attribute, value in _PALETTE_SELECTOR.findall(required):
            if value not in self.palette.get(attribute, frozenset()):
                return False
        return True


# What each page uses, by the digest of its text: a build of pages that did not change reads no page again
# (1,000 pages: 0.8 s of scanning, on the build's last stretch). Kept with the build's part of the cache.
PAGE_USAGE_TABLE = "slimcss:page-usage"
memo.register(PAGE_USAGE_TABLE, build_only=True)
_DISTINCT: dict[
    tuple[frozenset[str], frozenset[tuple[str, str]]], tuple[frozenset[str], frozenset[tuple[str, str]]]
] = {}


def _page_usage(html: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    table = memo.table(PAGE_USAGE_TABLE)
    key = hashlib.blake2b(html.encode("utf-8", errors="surrogatepass"), digest_size=16).digest()
    try:
        return table[key]
    except KeyError:
        pass
    classes: set[str] = set()
    # A page repeats the same few class attributes hundreds of times: split each distinct value once.
    for value in {match.group(1) or match.group(2) or "" for match in _at_word_starts(_CLASS_ATTR, html)}:
        classes.update(value.split())
    palette = {(m.group(1).lower(), m.group(2)) for m in _at_word_starts(_PALETTE_ATTR, html)}
    found = (frozenset(classes), frozenset(palette))
    # Most pages use the same classes: one shared value each, so the cache file stores each set once.
    table[key] = found = _DISTINCT.setdefault(found, found)
    return found


def usage(html_texts: Iterable[str], js_texts: Iterable[str]) -> Usage:
    classes: set[str] = set()
    palette: dict[str, set[str]] = {}
    for html in html_texts:
        page_classes, page_palette = _page_usage(html)
        classes |= page_classes
        for attribute, value in page_palette:
            palette.setdefault(attribute, set()).add(value)
    for js in js_texts:  # any word of a script may be a class it adds
        classes.update(re.findall(r"-?[_a-zA-Z][\w-]*", js))
    return Usage(frozenset(classes), {k: frozenset(v) for k, v in palette.items()})


def _at_word_starts(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches `\\b` + `pattern` finds: leftmost first, and where the character before is a word character,
    the search goes on from the next position (not after the rejected match)."""
    position = 0
    while True:
        # finditer scans in C; one search call per match cost four times as much (1,000 pages: 1.1 s).
        for match in pattern.finditer(text, position):
            start = match.start()
            if start and _WORD_CHAR.match(text, start - 1):
                position = start + 1
                break
            yield match
        else:
            return


def _keep(rules: list[Rule], used: Usage) -> list[Rule]:
    kept = []
    for rule in rules:
        if rule.raw is not None:
            kept.append(rule)
        elif rule.body is not None:
            selectors = [s for s in _split_selectors(rule.prelude) if used.matches(s)]
            if selectors:
                kept.append(Rule(",".join(selectors), body=rule.body))
        else:
            children = _keep(rule.children, used)
            if children:
                kept.append(Rule(rule.prelude, children=children))
    return kept


def _walk(rules: list[Rule]) -> Iterator[Rule]:
    for rule in rules:
        yield rule
        yield from _walk(rule.children)


def _declarations(body: str) -> list[str]:
    parts, start, i = [], 0, 0
    while i <= len(body):
        stop = _find_outside_strings(body, ";", i)
        parts.append(body[start:stop])
        start = i = stop + 1
        if stop >= len(body):
            break
    return [p for p in parts if p.strip()]


def _drop_unread_properties(sheets: list[list[Rule]], elsewhere: str) -> None:
    """Custom properties that nothing left reads, in any of the sheets or `elsewhere` (the site's own CSS and
    scripts); repeated, so a property read only by a dropped one goes too."""
    outside = set(_VAR_USE.findall(elsewhere)) | set(re.findall(r"--[\w-]+", elsewhere))
    while True:
        reads = set(outside)
        for rule in (r for rules in sheets for r in _walk(rules)):
            reads.update(_VAR_USE.findall(rule.body or rule.raw or ""))
        changed = False
        for rule in (r for rules in sheets for r in _walk(rules)):
            if rule.body is None:
                continue
            declarations = _declarations(rule.body)
            keep = [
                d
                for d in declarations
                if not d.strip().startswith("--") or d.split(":", 1)[0].strip() in reads
            ]
            if len(keep) != len(declarations):
                rule.body = ";".join(keep)
                changed = True
        if not changed:
            return


def _serialise(rules: list[Rule]) -> str:
    out = []
    for rule in rules:
        if rule.raw is not None:
            out.append(rule.raw)
        elif rule.body is not None:
            if rule.body.strip():
                out.append(f"{rule.prelude}{{{rule.body}}}")
        else:
            inner = _serialise(rule.children)
            if inner:
                out.append(f"{rule.prelude}{{{inner}}}")
    return "".join(out)


def trim(sheets: list[str], used: Usage, elsewhere: str = "") -> list[str]:
    """The sheets without the rules `used` says no page can match, and without custom properties nothing reads."""
    parsed = [_keep(parse(css), used) for css in sheets]
    _drop_unread_properties(parsed, elsewhere)
    return [_serialise(rules) for rules in parsed]


def trim_site(site_dir: Path) -> dict[str, tuple[int, int]]:
    """Rewrite the theme's stylesheets in a built site; returns {file: (bytes before, bytes after)}."""
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in site_dir.rglob("*.html")]
    scripts = [p.read_text(encoding="utf-8", errors="replace") for p in site_dir.glob(THEME_JS)]
    paths = sorted({path for pattern in THEME_CSS for path in site_dir.glob(pattern)})
    own_css = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in site_dir.rglob("*.css")
        # Pagefind's stylesheet reads none of the theme's properties, and may be written while this runs.
        if p not in paths and p.relative_to(site_dir).parts[0] != search_index.BUNDLE_DIR
    ]
    before = [p.read_text(encoding="utf-8") for p in paths]
    # Inline style attributes and scripts may read a custom property too.
    after = trim(before, usage(pages, scripts), "\n".join(own_css + scripts + pages))
    sizes = {}
    for path, old, new in zip(paths, before, after, strict=True):
        path.write_text(new, encoding="utf-8")
        sizes[path.relative_to(site_dir).as_posix()] = (len(old.encode()), len(new.encode()))
    return sizes
