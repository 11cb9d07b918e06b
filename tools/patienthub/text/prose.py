"""A page as a patient reads it: text units with their sentences, each traceable to its source line.

Built on markdown.blocks(): front matter, code, HTML and comments are dropped; inline code and markup are
removed by markdown.plain(), and an address written out in the text (www.nhg.org) stays as one word.
Headings, list items, table cells, admonition titles and definitions are units of their own, so a missing full
stop never glues them into one long sentence.

Headings, admonition titles and the header cells of a table are labels, not running prose: they are checked
like any sentence, but the page's counts and score (Flesch-Douma is defined on running text) leave them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from patienthub.text import dutch
from patienthub.text.markdown import blocks, plain

LABEL_KINDS = frozenset({"heading", "admonition_title"})
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")  # left where inline code was removed


@dataclass(frozen=True)
class Unit:
    kind: str  # the markdown Block kind: heading, paragraph, list_item, table_cell, …
    text: str  # plain text; line breaks kept, so offsets map to source lines
    lines: tuple[int, ...]  # the 1-based file line of each line of `text`
    label: bool = False  # a heading, admonition title or table header cell: not running prose

    def line_at(self, offset: int) -> int:
        return self.lines[min(self.text.count("\n", 0, max(offset, 0)), len(self.lines) - 1)]


@dataclass(frozen=True)
class ProseSentence:
    sentence: dutch.Sentence
    unit: Unit

    @property
    def line(self) -> int:
        """File line of the sentence's first word."""
        return self.unit.line_at(self.sentence.start)

    @property
    def text(self) -> str:
        """The sentence on one line, as an editor would search for it."""
        return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(self.sentence.text.split()))

    @property
    def words(self) -> int:
        return self.sentence.word_count

    @property
    def is_label(self) -> bool:
        return self.unit.label

    @property
    def syllables(self) -> int:
        return self.sentence.syllable_count


@dataclass(frozen=True, eq=False)
class Prose:
    units: tuple[Unit, ...]

    @cached_property
    def sentences(self) -> tuple[ProseSentence, ...]:
        return tuple(ProseSentence(s, unit) for unit in self.units for s in dutch.sentences(unit.text))

    @cached_property
    def running(self) -> tuple[ProseSentence, ...]:
        """The sentences of running prose: what the page's counts and score are made of."""
        return tuple(s for s in self.sentences if not s.is_label)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.running)

    @property
    def syllables(self) -> int:
        return sum(s.syllables for s in self.running)


def extract(body: str, first_line: int = 1) -> Prose:
    """The prose of a page body; `first_line` is the file line of the body's first line."""
    units = []
    for block in blocks(body, first_line):
        if not block.is_prose:
            continue
        text = plain(block.text, keep_urls=True)
        if text.strip():
            label = block.kind in LABEL_KINDS or (block.kind == "table_cell" and block.level == 1)
            units.append(Unit(block.kind, text, block.lines, label))
    return Prose(tuple(units))
