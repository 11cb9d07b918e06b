"""Where in a page's source its links and images are, with their lines: for the link checks and the external
link check, which report at the line an editor wrote.

Safety is not judged here: the HTML policy (checks/html.py) judges the rendered HTML, and anchors are the ids of
the rendered HTML (render.py). This scanner's only other use is a first guess at the line of something that
swallows the rest of a page. Built on `markdown.blocks()`: code blocks, inline code and HTML comments hold no
links; raw HTML is read the way a browser decodes entities.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from patienthub.domain.model import Page
from patienthub.text.markdown import Block, blank_code_spans, blocks

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
class Reference:
    """A link or image as the site will render it."""

    kind: str  # "link" | "image"
    url: str  # the destination, entities decoded
    text: str | None  # link text or alt text; None for an <img> without an alt attribute
    line: int
    # "markdown" | "html" | "autolink" | "definition" (`[label]: url`) | "reference" (a use of a definition)
    origin: str


@dataclass(frozen=True)
class Markup:
    tags: tuple[Tag, ...]
    references: tuple[Reference, ...]
    unparsable: tuple[int, ...] = ()  # lines where a tag or comment starts that is never closed


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
# Python-Markdown's attribute list pattern (attr_list.AttrListTreeprocessor.BASE_RE), without '{' inside.
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
    for offset, line in enumerate(lines):
        number = first_line + offset
        if number in covered:
            continue
        definition = _DEFINITION.match(line)
        if definition:
            label = _label(definition.group(1))
            url = definition.group(2) if definition.group(2) is not None else definition.group(3)
            definitions.setdefault(label, Reference("link", html.unescape(url), label, number, "definition"))

    tags: list[Tag] = []
    unparsable: list[int] = []
    references: list[Reference] = list(definitions.values())
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
        text = blank_code_spans(block.text)
        autolinks = list(_AUTOLINK.finditer(text))
        if autolinks:
            lines = _Lines(text, block)
            for match in autolinks:
                url = match.group(1) or match.group(2)
                references.append(Reference("link", url, url, lines.at(match.start()), "autolink"))
        text = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
        text = _ESCAPED_LT.sub("  ", text)
        block_tags = _tags(text, block, unparsable)
        tags.extend(block_tags)
        references.extend(_html_references(block_tags))
        references.extend(_markdown_references(text, block, definitions))
    return Markup(
        tags=tuple(tags),
        references=tuple(sorted(references, key=lambda r: r.line)),
        unparsable=tuple(unparsable),
    )


def _label(text: str) -> str:
    return " ".join(text.split()).lower()


class _Lines:
    """Offset in a block's text -> file line, by binary search (block.line_at counts from the start each time)."""

    def __init__(self, text: str, block: Block) -> None:
        self.breaks = [i for i, ch in enumerate(text) if ch == "\n"]
        self.block = block

    def at(self, offset: int) -> int:
        index = bisect.bisect_left(self.breaks, offset)
        return self.block.lines[min(index, len(self.block.lines) - 1)]


# A tokenizer for start tags as a browser reads them (WHATWG tokenizer, simplified): quote-aware, entities decoded,
# and linear in the length of the text. Python's html.parser is quadratic on unclosed tags ("<a <a <a ...") and
# asserts on some declarations ("<![ "), which hostile input must not be able to use.
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_BETWEEN_ATTRIBUTES = re.compile(r"[\t\n\f\r /]*")
_ATTRIBUTE_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r /=>]*")
_SPACE = re.compile(r"[\t\n\f\r ]*")
_UNQUOTED_VALUE = re.compile(r"[^\t\n\f\r >]*")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})


def _attributes(text: str, i: int) -> tuple[list[tuple[str, str | None]], int | None]:
    """Attributes from i up to and including '>'; (attributes, index after '>') or (…, None) if never closed."""
    attrs: list[tuple[str, str | None]] = []
    while True:
        i = _BETWEEN_ATTRIBUTES.match(text, i).end()  # type: ignore[union-attr]
        if i >= len(text):
            return attrs, None
        if text[i] == ">":
            return attrs, i + 1
        name = _ATTRIBUTE_NAME.match(text, i)
        assert name is not None  # text[i] is none of the characters the name may not start with
        i = _SPACE.match(text, name.end()).end()  # type: ignore[union-attr]
        if i < len(text) and text[i] == "=":
            i = _SPACE.match(text, i + 1).end()  # type: ignore[union-attr]
            if i >= len(text):
                return attrs, None
            if text[i] in "\"'":
                close = text.find(text[i], i + 1)
                if close == -1:
                    return attrs, None
                value = text[i + 1 : close]
                i = close + 1
            else:
                unquoted = _UNQUOTED_VALUE.match(text, i)
                assert unquoted is not None
                value, i = unquoted.group(), unquoted.end()
            attrs.append((name.group().lower(), html.unescape(value)))
        else:
            attrs.append((name.group().lower(), None))


def _scan_tags(text: str) -> tuple[list[tuple[str, Attrs, int]], int | None]:
    """(name, attributes, offset) of every start tag, and the offset of an unclosed tag or comment (if any)."""
    found: list[tuple[str, Attrs, int]] = []
    i = 0
    while True:
        i = text.find("<", i)
        if i == -1 or i + 1 >= len(text):
            return found, None
        if text.startswith("<!--", i):
            end = _comment_end(text, i + 4)
            if end is None:
                return found, i
            i = end
            continue
        if text[i + 1] in "!?":
            close = text.find(">", i + 2)
            if close == -1:
                return found, i
            i = close + 1
            continue
        is_end_tag = text[i + 1] == "/"
        name = _TAG_NAME.match(text, i + 2 if is_end_tag else i + 1)
        if name is None:
            i += 1  # "< 5", "<3", "</ >": text, not a tag
            continue
        attrs, after = _attributes(text, name.end())
        if after is None:
            return found, i
        tag = name.group().lower()
        if not is_end_tag:
            found.append((tag, tuple(attrs), i))
            if tag in _RAW_TEXT:  # its content is text up to the end tag, never markup
                end = re.compile(rf"</{re.escape(tag)}[\t\n\f\r />]", re.I).search(text, after)
                if end is None:
                    return found, None
                after = end.start()
        i = after


def _comment_end(text: str, start: int) -> int | None:
    """Where a comment opened before `start` ends, as a browser reads it: `<!-->` and `<!--->` are empty
    comments, and `--!>` closes one as `-->` does."""
    if text.startswith(">", start):
        return start + 1
    if text.startswith("->", start):
        return start + 2
    ends = [found + len(mark) for mark in ("-->", "--!>") if (found := text.find(mark, start)) != -1]
    return min(ends) if ends else None


def _tags(text: str, block: Block, unparsable: list[int]) -> list[Tag]:
    if "<" not in text:
        return []
    lines = _Lines(text, block)
    found, unclosed = _scan_tags(text)
    if unclosed is not None:
        unparsable.append(lines.at(unclosed))
    return [Tag(name, attrs, lines.at(offset)) for name, attrs, offset in found]


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
    lines = _Lines(text, block)
    pairs = _bracket_pairs(text)
    blocked = bytearray(len(text))  # destinations and reference labels: no place to look for links
    for i, close in sorted(pairs.items()):
        if blocked[i]:
            continue
        is_image = i > 0 and text[i - 1] == "!" and not (i > 1 and text[i - 2] == "\\")
        kind = "image" if is_image else "link"
        label = text[i + 1 : min(close, i + 1 + _MAX_LABEL)]
        line = lines.at(i - 1 if is_image else i)
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
_MAX_PAREN_DEPTH = 8  # real URLs nest parentheses once or twice; deeper is not taken for a link
_MAX_TITLE = 1000
_MAX_LABEL = 1000  # enough to see whether alt text is there; avoids copying nested labels again and again


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
