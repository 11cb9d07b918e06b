"""What in a page body becomes an HTML element: raw HTML tags, attribute lists, links, images and anchors.

The HTML policy (checks/html.py) and the link check (checks/links.py) both read pages through this module, so
they agree on what is real markup. Built on `markdown.blocks()`: code blocks, inline code and HTML comments are
never markup; raw HTML is parsed with Python's html.parser, which decodes entities the way a browser does.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown as python_markdown
from markdown.extensions.attr_list import get_attrs_and_remainder

from .markdown import Block, blocks
from .model import Page

Attrs = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Tag:
    """A start tag of raw HTML written in the page."""

    name: str  # lower case
    attrs: Attrs
    line: int

    def get(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None

    def has(self, name: str) -> bool:
        return any(key == name for key, _ in self.attrs)


@dataclass(frozen=True)
class AttrList:
    """An attribute list (`{: #id .class key=value }`): Python-Markdown copies any key onto the element."""

    attrs: Attrs
    line: int


@dataclass(frozen=True)
class Reference:
    """A link or image as the site will render it."""

    kind: str  # "link" | "image"
    url: str  # the destination, entities decoded
    text: str | None  # link text or alt text; None for an <img> without an alt attribute
    line: int
    # "markdown" | "html" | "autolink" | "definition" (`[label]: url`) | "reference" (a use of a definition)
    origin: str


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Markup:
    tags: tuple[Tag, ...]
    attr_lists: tuple[AttrList, ...]
    references: tuple[Reference, ...]
    headings: tuple[Heading, ...]
    unparsable: tuple[int, ...] = ()  # lines where html.parser gave up: the HTML after it was not inspected

    @property
    def h1s(self) -> list[tuple[int, str]]:
        """(line, text) of every level-1 heading, in Markdown or as <h1>."""
        found = [(h.line, h.text) for h in self.headings if h.level == 1]
        found.extend((t.line, "<h1>") for t in self.tags if t.name == "h1")
        return sorted(found)


# --- URLs ------------------------------------------------------------------------------------------------------

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, spaces and control characters ignored."""
    cleaned = "".join(ch for ch in html.unescape(url) if ch > " " and ch != "\x7f")
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


# --- scanning ----------------------------------------------------------------------------------------------------

_CODE_KINDS = frozenset({"code", "comment"})
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)([^\]]+)\]:[ \t]*(?:<([^>\n]*)>|(\S+))")
# Python-Markdown's own attribute list pattern (attr_list.AttrListTreeprocessor.BASE_RE).
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")
# Python-Markdown's autolink and automail patterns: what it turns into links without any other syntax.
_AUTOLINK = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>|<((?:mailto:)?[^<> !]+@[^@<> ]+)>")
_ESCAPED_LT = re.compile(r"\\<")


def for_page(page: Page) -> Markup:
    return _for_page(page)


@lru_cache(maxsize=64)
def _for_page(page: Page) -> Markup:
    return scan(page.body, page.body_start_line)


def scan(body: str, first_line: int = 1) -> Markup:
    """All markup of a page body; `first_line` is the file line of the body's first line."""
    parsed = blocks(body, first_line)
    covered = {n for b in parsed if b.kind in _CODE_KINDS or b.kind == "html" for n in b.lines}
    lines = body.split("\n")
    definitions: dict[str, Reference] = {}
    attr_lists: list[AttrList] = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        if number in covered:
            continue
        definition = _DEFINITION.match(line)
        if definition:
            label = _label(definition.group(1))
            url = definition.group(2) if definition.group(2) is not None else definition.group(3)
            definitions.setdefault(label, Reference("link", html.unescape(url), label, number, "definition"))
            continue
        masked = _mask_code_spans(line)
        for match in _ATTR_LIST.finditer(masked):
            attrs, _ = get_attrs_and_remainder(match.group(1))
            if attrs:
                attr_lists.append(AttrList(tuple(attrs), number))

    tags: list[Tag] = []
    unparsable: list[int] = []
    references: list[Reference] = list(definitions.values())
    headings: list[Heading] = []
    for block in parsed:
        if block.kind in _CODE_KINDS:
            continue
        if block.kind == "html":
            block_tags = _tags(block.text, block, unparsable)
            tags.extend(block_tags)
            references.extend(_html_references(block_tags))
            if any(t.has("markdown") for t in block_tags):  # md_in_html: Markdown inside the element
                references.extend(_markdown_references(block.text, block, definitions))
            continue
        if block.kind == "heading":
            headings.append(Heading(block.level, block.text, block.line))
        text = _mask_code_spans(block.text)
        for match in _AUTOLINK.finditer(text):
            url = match.group(1) or match.group(2)
            references.append(Reference("link", url, url, block.line_at(match.start()), "autolink"))
        text = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
        text = _ESCAPED_LT.sub("  ", text)
        block_tags = _tags(text, block, unparsable)
        tags.extend(block_tags)
        references.extend(_html_references(block_tags))
        references.extend(_markdown_references(text, block, definitions))
    return Markup(
        tags=tuple(tags),
        attr_lists=tuple(attr_lists),
        references=tuple(sorted(references, key=lambda r: r.line)),
        headings=tuple(headings),
        unparsable=tuple(unparsable),
    )


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


def _mask_code_spans(text: str) -> str:
    """Replace inline code (`x`, ``x``) by spaces, keeping line breaks, so offsets still map to lines."""
    out = []
    i = 0
    while i < len(text):
        if text[i] != "`" or (i > 0 and text[i - 1] == "\\"):
            out.append(text[i])
            i += 1
            continue
        run_end = i
        while run_end < len(text) and text[run_end] == "`":
            run_end += 1
        run = run_end - i
        close = _closing_run(text, run_end, run)
        if close is None:
            out.append(text[i:run_end])
            i = run_end
            continue
        span = text[i : close + run]
        out.append("".join("\n" if ch == "\n" else " " for ch in span))
        i = close + run
    return "".join(out)


def _closing_run(text: str, start: int, run: int) -> int | None:
    """Index of the next backtick run of exactly `run` backticks at or after `start`."""
    i = text.find("`", start)
    while i != -1:
        j = i
        while j < len(text) and text[j] == "`":
            j += 1
        if j - i == run:
            return i
        i = text.find("`", j)
    return None


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, Attrs, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(attrs), self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _tags(text: str, block: Block, unparsable: list[int]) -> list[Tag]:
    if "<" not in text:
        return []
    collector = _TagCollector()
    last = len(block.lines) - 1
    try:
        collector.feed(text)
        collector.close()
    except AssertionError:  # html.parser asserts on some malformed declarations, e.g. "<![ "
        unparsable.append(block.lines[min(collector.getpos()[0] - 1, last)])
    return [Tag(name, attrs, block.lines[min(line - 1, last)]) for name, attrs, line in collector.found]


_URL_ATTRIBUTES = {"a": "href", "area": "href", "img": "src"}


def _html_references(tags: list[Tag]) -> list[Reference]:
    found = []
    for tag in tags:
        attribute = _URL_ATTRIBUTES.get(tag.name)
        url = tag.get(attribute) if attribute else None
        if url is None:
            continue
        if tag.name == "img":
            found.append(Reference("image", url, tag.get("alt"), tag.line, "html"))
        else:
            found.append(Reference("link", url, "", tag.line, "html"))
    return found


def _markdown_references(text: str, block: Block, definitions: dict[str, Reference]) -> list[Reference]:
    """Inline links and images `[text](url "title")`, `![alt](url)`, and reference links `[text][label]`.

    Linear in the length of the text: hostile input (thousands of unclosed brackets) must not hang a check."""
    found: list[Reference] = []
    pairs = _bracket_pairs(text)
    blocked = bytearray(len(text))  # destinations and reference labels: no place to look for links
    for i, close in sorted(pairs.items()):
        if blocked[i]:
            continue
        is_image = i > 0 and text[i - 1] == "!" and not (i > 1 and text[i - 2] == "\\")
        kind = "image" if is_image else "link"
        label = text[i + 1 : close]
        line = block.line_at(i - 1 if is_image else i)
        after = close + 1
        if after < len(text) and text[after] == "(":
            destination = _destination(text, after + 1)
            if destination is not None:
                url, end = destination
                found.append(Reference(kind, html.unescape(url), label, line, "markdown"))
                blocked[after:end] = b"\x01" * (
                    end - after
                )  # the label is still scanned: it may hold an image
        else:
            ref_match = _REFERENCE_LABEL.match(text, after)
            ref = ref_match.group(1) if ref_match else None
            definition = definitions.get(_label(ref or label)) if (ref or label).strip() else None
            if definition is not None:
                found.append(Reference(kind, definition.url, label, line, "reference"))
                if ref_match is not None:
                    blocked[after : ref_match.end()] = b"\x01" * (ref_match.end() - after)
    return found


_BRACKET_TOKEN = re.compile(r"\\.|[\[\]]", re.S)
_REFERENCE_LABEL = re.compile(r"\[([^\[\]]{0,999})\]")  # `[label]` or `[]` right after a link text
_MAX_PAREN_DEPTH = 32  # as CommonMark; deeper is not a link
_MAX_TITLE = 2000


def _bracket_pairs(text: str) -> dict[int, int]:
    """Each unescaped '[' that is closed, mapped to its matching ']' (one pass, with a stack)."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for match in _BRACKET_TOKEN.finditer(text):
        token = match.group(0)
        if token == "[":
            stack.append(match.start())
        elif token == "]" and stack:
            pairs[stack.pop()] = match.start()
    return pairs


def _destination(text: str, start: int) -> tuple[str, int] | None:
    """Parse `url "title")` from start; returns (url, index after ')') or None when it is not a link."""
    i = start
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i < len(text) and text[i] == "<":
        end = text.find(">", i, i + _MAX_TITLE)
        if end == -1 or "\n" in text[i:end]:
            return None
        url = text[i + 1 : end]
        i = end + 1
    else:
        depth = 0
        begin = i
        while i < len(text):
            ch = text[i]
            if ch == "\\":
                i += 2
                continue
            if ch in " \t\n":
                break
            if ch == "(":
                depth += 1
                if depth > _MAX_PAREN_DEPTH:
                    return None
            elif ch == ")":
                if depth == 0:
                    break
                depth -= 1
            i += 1
        url = text[begin : min(i, len(text))]
    close = _closing_paren(text, i)
    if close is None:
        return None
    return url, close + 1


def _closing_paren(text: str, start: int) -> int | None:
    """After the URL: optional whitespace and title, then ')'."""
    i = start
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i < len(text) and text[i] in "\"'(":
        quote = ")" if text[i] == "(" else text[i]
        end = text.find(quote, i + 1, i + 1 + _MAX_TITLE)
        if end == -1:
            return None
        i = end + 1
        while i < len(text) and text[i] in " \t\n":
            i += 1
    return i if i < len(text) and text[i] == ")" else None


# --- anchors -----------------------------------------------------------------------------------------------------


def anchors(markup: Markup) -> frozenset[str]:
    """Every id a page defines: heading ids exactly as Python-Markdown's toc makes them (same slugify, same
    `_1` suffixes for repeated headings, `{#id}` attribute lists), plus ids and names in raw HTML."""
    ids: set[str] = set()
    if markup.headings:
        md = python_markdown.Markdown(extensions=["toc", "attr_list"])
        md.convert("\n\n".join(f"{'#' * h.level} {h.text}" for h in markup.headings))
        stack = list(md.toc_tokens)  # type: ignore[attr-defined]
        while stack:
            token = stack.pop()
            ids.add(token["id"])
            stack.extend(token["children"])
    for tag in markup.tags:
        for key in ("id", "name"):
            value = tag.get(key)
            if value:
                ids.add(value)
    for attr_list in markup.attr_lists:
        for key, value in attr_list.attrs:
            if key.startswith("#") and len(key) > 1:
                ids.add(key[1:])
            elif key == "id" and value:
                ids.add(value)
    return frozenset(ids)
