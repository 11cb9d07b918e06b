"""The author's own prose of a page, with everything else blanked out and every offset traceable to its
source.

Terminology and advice rules must never fire inside code, URLs, link targets, HTML or text marked as a
quotation (a blockquote, or words between quotation marks: quoting "lumbago" is mentioning the word, not using
it). Blanking (instead of removing) keeps offsets, so a match points at the right line and column, and a
transform can edit the source at that spot."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from patienthub.text.markdown import PROSE_KINDS, Block, blocks, mask

# Blockquotes are quotations: what others said, reproduced as they said it.
CHECKED_KINDS = PROSE_KINDS - {"blockquote"}
# Where a link to the glossary may go: running text, not headings or admonition titles.
RUNNING_TEXT_KINDS = frozenset({"paragraph", "list_item", "table_cell"})

_QUOTED = re.compile(
    r"“[^”]*”"  # “…”
    r"|„[^”“]*[”“]"  # „…” and „…“
    r'|"[^"]*"'  # "…"
    r"|‘[^’]*’"  # ‘…’
    r"|«[^»]*»"
    # '…' on one line; not an apostrophe inside a word (auto's, zo'n) or before 's, 't, 'n ('s avonds).
    r"|(?<![\w'’])'(?!(?:s|t|n)\b)(?=\w)[^'\n]*?(?<=[\w.!?])'(?!\w)"
)


# A key-message reference ([[kernboodschap: naam]]) or an outcome reference ({{ uitkomst: … }}) names data, it is
# not prose: a name in it must never be flagged, linked or replaced.
_REFERENCE = re.compile(r"\[\[[^\[\]\n]*\]\]|\{\{[^{}\n]*\}\}")


def mask_quotes(text: str) -> str:
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def mask_prose(text: str, *, link_text: bool = True) -> str:
    """Inline Markdown to what a patient reads, blanked where it is not the author's own words."""
    masked = mask(_REFERENCE.sub(lambda m: " " * len(m.group(0)), text), link_text=link_text)
    return mask_quotes(masked)


@dataclass(frozen=True)
class ProseText:
    block: Block
    text: str  # block.text with non-prose blanked; same length, so offsets are shared
    columns: tuple[int, ...]  # 0-based column in its file line where each line of block.text starts

    def position(self, offset: int) -> tuple[int, int]:
        """(file line, 1-based column) of the character at `offset`."""
        index = self.block.text.count("\n", 0, offset)
        line_start = self.block.text.rfind("\n", 0, offset) + 1
        return self.block.lines[index], self.columns[index] + offset - line_start + 1


def _column(source_line: str, block_line: str, after: int = 0) -> int:
    """Where a block's line starts in its source line. The scanner strips markers and indentation, so the
    block line is the end of the source line; headings and table cells are found by search, from `after` (the
    end of the previous block on the same line: the cells of one row)."""
    source, text = source_line.rstrip(), block_line.rstrip()
    if text and source.endswith(text) and len(source) - len(text) >= after:
        return len(source) - len(text)
    found = source_line.find(block_line, after)
    return found if found >= 0 else max(source_line.find(block_line), 0)


def prose_texts(
    body: str, first_line: int = 1, *, kinds: frozenset[str] = CHECKED_KINDS, link_text: bool = True
) -> list[ProseText]:
    """The prose blocks of a page body, masked. `first_line` is the file line of the body's first line."""
    return list(_masked(body, first_line, kinds, link_text))


@lru_cache(maxsize=64)
def _masked(body: str, first_line: int, kinds: frozenset[str], link_text: bool) -> tuple[ProseText, ...]:
    # The terminology and advice checks read the same page one after the other: mask it once.
    source_lines = body.split("\n")
    found = []
    line_end: dict[int, int] = {}  # file line -> where the last block found on it ends
    for block in blocks(body, first_line):
        columns = []
        for number, text in zip(block.lines, block.text.split("\n"), strict=False):
            column = _column(source_lines[number - first_line], text, line_end.get(number, 0))
            line_end[number] = column + len(text)
            columns.append(column)
        if block.kind in kinds:
            found.append(ProseText(block, mask_prose(block.text, link_text=link_text), tuple(columns)))
    return tuple(found)


def line_starts(text: str) -> list[int]:
    """Offset in `text` of the start of each line (index 0 = first line)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts
