"""A small line-based scanner of the Markdown we write, keeping every block's source lines.

Not a renderer: it finds the units a patient reads (headings, paragraphs, list items, table cells, admonition
titles) and the parts nobody reads as prose (code, HTML comments, raw HTML), each with its 1-based file lines.
Readability, terminology, HTML and link checks all build on the same blocks, so they agree on what is prose.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

PROSE_KINDS = frozenset(
    {"heading", "paragraph", "list_item", "table_cell", "admonition_title", "blockquote", "definition"}
)

_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})")
# As Python-Markdown reads them (tests/test_markdown.py renders a corpus to hold the scanner to that): a heading
# needs no space after the hashes (#Kop is a heading on the site), and seven hashes are a level-6 heading "# …";
# a numbered item is "1." (not "1)"), with any number of digits.
_HEADING = re.compile(r"^(#{1,6})((?:\\.|[^\\])*?)#*$")
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+]|\d+\.)\s+(?P<text>.*)$")
# attr_list's { … } at the end of a heading sets attributes; the reader never sees it.
_CODE_INDENT = ("    ", "\t")  # an indented code block (the same test where it starts and where it goes on)
_HEADING_ATTRIBUTES = re.compile(r"[ ]+\{:?[ ]*[^}\n ][^}\n]*[ ]*\}[ ]*$")
_ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*(?:\s+"(?P<title>[^"]*)")?\s*$'
)
# No two optional runs of spaces side by side: `\s*\|?\s*` backtracks quadratically on deeply indented lines.
_TABLE_SEPARATOR = re.compile(
    r"^[ \t]*(?:\|[ \t]*)?:?-{3,}:?(?:[ \t]*\|[ \t]*:?-{3,}:?)*[ \t]*(?:\|[ \t]*)?$"
)
# HTML that starts a block (CommonMark type 6 and friends); an inline tag (<strong>, <a>) starts a paragraph.
_HTML_START = re.compile(
    r"^ {0,3}<(?:!(?!--)|/?(?:address|article|aside|audio|blockquote|body|details|dialog|dd|div|dl|dt|fieldset|"
    r"figcaption|figure|footer|form|h[1-6]|head|header|hr|html|iframe|li|main|menu|nav|ol|p|picture|pre|"
    r"script|section|style|summary|svg|table|tbody|td|tfoot|th|thead|tr|ul|video)(?=[\s/>]|$))",
    re.IGNORECASE,
)
# md_in_html: a block element with a `markdown` attribute holds Markdown that is rendered as such.
_MARKDOWN_HTML = re.compile(r"^\s*<(?P<tag>[A-Za-z][\w-]*)\b[^>]*\smarkdown(?:=[\"']?\w+[\"']?)?[^>]*>\s*$")
_SKIP_LINE = re.compile(r"^\s*(\*\[[^\]]+\]:|\[[^\]^][^\]]*\]:\s|\{\s*(?::\s*)?[.#][^{}]*\}\s*$|-{2}8<-{2})")
_FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:\s+(?P<text>.*)$")
_DEFINITION = re.compile(r"^:\s{1,3}(?P<text>\S.*)$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HRULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
# A line `{{ kind: target }}` that a transform replaces (outcome blocks, keuzekaarten); not prose.
_DIRECTIVE = re.compile(r"^\s*\{\{.*\}\}\s*$")


@dataclass(frozen=True)
class Block:
    # heading | paragraph | list_item | table_cell | admonition_title | blockquote | definition (def_list)
    # | code | html | comment | directive
    kind: str
    text: str  # the block's Markdown source, lines joined with "\n"
    lines: tuple[int, ...]  # the 1-based file line of each line of `text`
    level: int = 0  # heading level, list nesting depth, or 1 for a cell of a table's header row

    @property
    def line(self) -> int:
        return self.lines[0]

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS

    def line_at(self, offset: int) -> int:
        """File line of the character at `offset` in `text`."""
        return self.lines[min(self.text.count("\n", 0, max(offset, 0)), len(self.lines) - 1)]


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """Scan a page body; `first_line` is the file line of the body's first line."""
    return list(_scanned(body, first_line))


@lru_cache(maxsize=64)
def _scanned(body: str, first_line: int) -> tuple[Block, ...]:
    # Several checks scan the same page one after the other; Blocks are immutable, so they share one scan.
    numbered = [(first_line + i, line) for i, line in enumerate(body.split("\n"))]
    return tuple(_Scanner(numbered).scan())


class _Scanner:
    def __init__(self, numbered: list[tuple[int, str]]) -> None:
        self.lines = numbered
        self.out: list[Block] = []
        self.para: list[tuple[int, str]] = []
        self.para_kind = "paragraph"
        self.para_level = 0
        self.in_list = False  # indented lines after a list item belong to it, they are not code

    def flush(self) -> None:
        if self.para:
            text = "\n".join(t for _, t in self.para)
            self.out.append(Block(self.para_kind, text, tuple(n for n, _ in self.para), self.para_level))
        self.para = []
        self.para_kind = "paragraph"
        self.para_level = 0

    def scan(self) -> list[Block]:
        i = 0
        lines = self.lines
        while i < len(lines):
            number, line = lines[i]
            stripped = line.strip()
            if not stripped:
                self.flush()
                i += 1
                continue
            fence = _FENCE.match(line)
            if fence:
                self.flush()
                i = self._code(i, fence.group("fence"))
                continue
            if stripped.startswith("<!--"):
                self.flush()
                i = self._comment(i)
                continue
            if _DIRECTIVE.match(line):
                self.flush()
                self.out.append(Block("directive", stripped, (number,)))
                i += 1
                continue
            heading = _HEADING.match(line)
            if heading:
                self.flush()
                self.in_list = False  # a heading ends a list: what is indented below it is code
                text = _HEADING_ATTRIBUTES.sub("", heading.group(2).strip())
                self.out.append(Block("heading", text, (number,), len(heading.group(1))))
                i += 1
                continue
            admonition = _ADMONITION.match(line)
            if admonition:
                self.flush()
                if admonition.group("title"):
                    self.out.append(Block("admonition_title", admonition.group("title"), (number,)))
                i = self._indented_body(i + 1, len(admonition.group("indent")) + 4)
                continue
            if _TABLE_SEPARATOR.match(line) and self.para and "|" in self.para[-1][1]:
                header = self.para.pop()
                self.flush()
                self._table_row(*header, header=True)
                i += 1
                while i < len(lines) and "|" in lines[i][1] and lines[i][1].strip():
                    self._table_row(*lines[i])
                    i += 1
                continue
            setext = _SETEXT.match(line)
            if setext and self.para and self.para_kind == "paragraph":
                text = "\n".join(t for _, t in self.para)
                level = 1 if setext.group(1).startswith("=") else 2
                self.out.append(Block("heading", text, tuple(n for n, _ in self.para), level))
                self.para = []
                i += 1
                continue
            footnote = _FOOTNOTE.match(line)
            if footnote:
                self.flush()
                self.para = [(number, footnote.group("text"))]
                i += 1
                continue
            definition = _DEFINITION.match(line)
            if definition:
                self.flush()  # the term above is a unit of its own
                self.para_kind = "definition"
                self.para = [(number, definition.group("text"))]
                i += 1
                continue
            if _SKIP_LINE.match(line) or _HRULE.match(line):
                self.flush()
                i += 1
                continue
            markdown_html = _MARKDOWN_HTML.match(line)
            if markdown_html and not self.para:
                i = self._markdown_html(i, markdown_html.group("tag"))
                continue
            if _HTML_START.match(line) and not self.para:
                i = self._html(i)
                continue
            if line.startswith(_CODE_INDENT) and not self.para and not self.in_list:
                i = self._indented_code(i)
                continue
            item = _LIST_ITEM.match(line)
            # A list glued to the paragraph above is part of that paragraph on the site (html.glued-list says so).
            if item and not (self.para and self.para_kind in ("paragraph", "blockquote")):
                self.flush()
                self.in_list = True
                self.para_kind = "list_item"
                self.para_level = len(item.group("indent").expandtabs(4)) // 2
                self.para = [(number, item.group("text"))]
                i += 1
                continue
            if stripped.startswith(">"):
                if self.para_kind != "blockquote":
                    self.flush()
                    self.para_kind = "blockquote"
                self.para.append((number, stripped.lstrip(">").strip()))
                i += 1
                continue
            if not line.startswith((" ", "\t")) and not self.para:
                self.in_list = False
            self.para.append((number, stripped))
            i += 1
        self.flush()
        return self.out

    def _code(self, start: int, fence: str) -> int:
        i = start + 1
        while i < len(self.lines) and not self.lines[i][1].strip().startswith(fence):
            i += 1
        end = min(i, len(self.lines) - 1)
        chunk = self.lines[start : end + 1]
        self.out.append(Block("code", "\n".join(t for _, t in chunk), tuple(n for n, _ in chunk)))
        return end + 1

    def _comment(self, start: int) -> int:
        i = start
        while i < len(self.lines) and "-->" not in self.lines[i][1]:
            i += 1
        end = min(i, len(self.lines) - 1)
        chunk = self.lines[start : end + 1]
        self.out.append(Block("comment", "\n".join(t for _, t in chunk), tuple(n for n, _ in chunk)))
        return end + 1

    def _html(self, start: int) -> int:
        i = start
        while i < len(self.lines) and self.lines[i][1].strip():
            i += 1
        chunk = self.lines[start:i]
        self.out.append(Block("html", "\n".join(t for _, t in chunk), tuple(n for n, _ in chunk)))
        return i

    def _markdown_html(self, start: int, tag: str) -> int:
        """<div markdown> … </div>: the tags are HTML, the lines between them Markdown of their own."""
        opening = re.compile(rf"<{tag}\b", re.IGNORECASE)
        closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
        depth, i = 0, start
        while i < len(self.lines):
            text = self.lines[i][1]
            depth += len(opening.findall(text)) - len(closing.findall(text))
            if depth <= 0:
                break
            i += 1
        end = min(i, len(self.lines) - 1)
        self.flush()
        self.out.append(Block("html", self.lines[start][1], (self.lines[start][0],)))
        self.out.extend(_Scanner(self.lines[start + 1 : end]).scan())
        if end > start:
            self.out.append(Block("html", self.lines[end][1], (self.lines[end][0],)))
        return end + 1

    def _indented_code(self, start: int) -> int:
        i = start
        while i < len(self.lines) and (
            self.lines[i][1].startswith(_CODE_INDENT) or not self.lines[i][1].strip()
        ):
            i += 1
        chunk = self.lines[start:i]
        self.out.append(Block("code", "\n".join(t for _, t in chunk), tuple(n for n, _ in chunk)))
        return i

    def _indented_body(self, start: int, indent: int) -> int:
        """The content of an admonition: lines indented by `indent`, scanned as Markdown of their own."""
        i = start
        inner: list[tuple[int, str]] = []
        while i < len(self.lines):
            number, line = self.lines[i]
            if line.strip() and len(line) - len(line.lstrip()) < indent:
                break
            inner.append((number, line[indent:] if line.strip() else ""))
            i += 1
        while inner and not inner[-1][1].strip():
            inner.pop()
        self.out.extend(_Scanner(inner).scan())
        return i

    def _table_row(self, number: int, line: str, *, header: bool = False) -> None:
        row = line.strip()
        if row.startswith("|"):
            row = row[1:]
        if row.endswith("|") and not row.endswith("\\|"):
            row = row[:-1]
        for cell in re.split(r"(?<!\\)\|", row):
            if cell.strip():
                self.out.append(Block("table_cell", cell.strip(), (number,), 1 if header else 0))


# --- inline Markdown -> the text a patient reads ------------------------------------------------------------

# Inline code as Python-Markdown reads it (its BacktickInlineProcessor, the first inline pattern it runs): a run of
# backticks up to the next run of the same length, so ``a ` b`` is one span. The one rule for code spans: prose,
# masks and the markup scanner all use it.
CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
# Every pattern below stops at the next bracket, '<', brace or delimiter it cannot use, so no match attempt
# scans the rest of the text: hostile input ("[[[[", "<a <a", "*a *a", a 1 MB paragraph) stays linear.
_HTML_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->", re.S)
_PARENS = r"\((?:[^()]|\([^()]*\))*\)"  # a link destination, with one level of parentheses inside
_IMAGE = re.compile(r"!\[([^\[\]]*)\]" + _PARENS + r"(\{[^{}]*\})?")
_LINK = re.compile(r"\[([^\[\]]*)\]" + _PARENS + r"(\{[^{}]*\})?")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<(?:(?:https?|ftp):[^<>\s]*|mailto:(?P<address>[^<>\s]*))>")
_EMAIL_AUTOLINK = re.compile(r"<([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")  # <info@nhg.org>
# A bare address never ends in punctuation: the full stop after "www.nhg.org." ends the sentence.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s)<>\]]*[^\s)<>\].,;:!?'\"]")
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile(r"<sup>\s*\d+\s*</sup>", re.IGNORECASE)  # a footnote number, not read as a word
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]]+\]")
_ATTR_LIST = re.compile(r"\{\s*(?::\s*)?[.#][^{}]*\}")
# Emphasis per delimiter: the emphasised text never contains the delimiter's character (group 2 is the text).
_EMPHASES = tuple(
    re.compile(rf"({delimiter})(?=[^\s{char}])([^{char}]*[^\s{char}])\1")
    for delimiter, char in ((r"\*{1,3}", r"*"), ("_{1,3}", "_"), ("~~", "~"), ("==", "="), (r"\^\^", r"\^"))
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def _sub(pattern: re.Pattern[str], replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
    """pattern.sub that keeps every line break of what it replaces, so offsets still map to source lines."""

    def keep_lines(match: re.Match[str]) -> str:
        new = replacement(match) if callable(replacement) else match.expand(replacement)
        return new + "\n" * (match.group().count("\n") - new.count("\n"))

    return pattern.sub(keep_lines, text)


def plain(text: str, *, keep_urls: bool = False) -> str:
    """Inline Markdown to readable text. Line breaks are kept, so offsets still map to source lines.
    With `keep_urls`, an address written out in the text (www.nhg.org, <https://…>, <mailto:…>) stays: the
    reader sees it, and the sentence splitter reads it as one word."""
    text = _sub(CODE_SPAN, "", text)
    text = _sub(_HTML_COMMENT, "", text)
    text = _sub(_IMAGE, "", text)
    text = _sub(_LINK, r"\1", text)
    text = _sub(_REF_LINK, r"\1", text)
    if keep_urls:
        text = _sub(_AUTOLINK, lambda m: m.group("address") or m.group()[1:-1], text)
        text = _sub(_EMAIL_AUTOLINK, r"\1", text)
    else:
        text = _sub(_AUTOLINK, "", text)
        text = _sub(_URL, "", text)
    text = _sub(_LINE_BREAK_TAG, " ", text)
    text = _sub(_FOOTNOTE_MARK, "", text)
    text = _sub(_HTML_TAG, "", text)
    text = _sub(_FOOTNOTE_REF, "", text)
    text = _sub(_ATTR_LIST, "", text)
    for _ in range(3):  # nested emphasis (***x*** or **_x_**)
        for emphasis in _EMPHASES:
            text = _sub(emphasis, r"\2", text)
    text = _sub(_ESCAPE, r"\1", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


def _blank(text: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in text)


def code_spans(text: str) -> list[str]:
    """The text of each inline code span, as the site shows it."""
    return [match.group(2).strip() for match in CODE_SPAN.finditer(text)] if "`" in text else []


def blank_code_spans(text: str) -> str:
    """Inline code replaced by spaces (line breaks kept), so offsets in the result are offsets in `text`."""
    return CODE_SPAN.sub(lambda m: _blank(m.group(0)), text) if "`" in text else text


def _keep_group(match: re.Match[str], group: int) -> str:
    """The match blanked out except for one group, which stays where it was."""
    start, end = match.span(group)
    whole_start = match.start()
    text = match.group(0)
    return _blank(text[: start - whole_start]) + match.group(group) + _blank(text[end - whole_start :])


def mask(text: str, *, link_text: bool = True) -> str:
    """Like plain(), but what a patient does not read becomes spaces instead of disappearing.

    The result has the same length as `text`, so an offset found in it is an offset in the source: checks that
    point at a column (terminology, advice) and transforms that edit the source (glossary links) use this.
    With `link_text=False` the text of links is blanked too (to avoid putting a link inside a link)."""
    text = blank_code_spans(text)
    text = _IMAGE.sub(lambda m: _blank(m.group(0)), text)
    if link_text:
        text = _LINK.sub(lambda m: _keep_group(m, 1), text)
        text = _REF_LINK.sub(lambda m: _keep_group(m, 1), text)
    else:
        text = _LINK.sub(lambda m: _blank(m.group(0)), text)
        text = _REF_LINK.sub(lambda m: _blank(m.group(0)), text)
    for pattern in (_AUTOLINK, _URL, _HTML_TAG, _FOOTNOTE_REF, _ATTR_LIST):
        text = pattern.sub(lambda m: _blank(m.group(0)), text)
    for _ in range(3):
        for emphasis in _EMPHASES:
            text = emphasis.sub(lambda m: _keep_group(m, 2), text)
    return _ESCAPE.sub(lambda m: " " + m.group(1), text)
