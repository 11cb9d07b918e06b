"""A page as a patient reads it: text units with their sentences, each traceable to its source line.

Built on markdown.blocks(): front matter, code, HTML and comments are dropped; URLs, inline code and markup
are removed by markdown.plain(). Headings, list items, table cells, admonition titles and definitions are
units of their own, so a missing full stop never glues them into one long sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from . import dutch
from .markdown import blocks, plain

_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?])")  # left where inline code was removed


@dataclass(frozen=True)
class Unit:
    kind: str  # the markdown Block kind: heading, paragraph, list_item, table_cell, …
    text: str  # plain text; line breaks kept, so offsets map to source lines
    lines: tuple[int, ...]  # the 1-based file line of each line of `text`

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
    def syllables(self) -> int:
        return self.sentence.syllable_count


@dataclass(frozen=True, eq=False)
class Prose:
    units: tuple[Unit, ...]

    @cached_property
    def sentences(self) -> tuple[ProseSentence, ...]:
        return tuple(ProseSentence(s, unit) for unit in self.units for s in dutch.sentences(unit.text))

    @property
    def words(self) -> int:
        return sum(s.words for s in self.sentences)

    @property
    def syllables(self) -> int:
        return sum(s.syllables for s in self.sentences)


def extract(body: str, first_line: int = 1) -> Prose:
    """The prose of a page body; `first_line` is the file line of the body's first line."""
    units = []
    for block in blocks(body, first_line):
        if not block.is_prose:
            continue
        text = plain(block.text)
        if text.strip():
            units.append(Unit(block.kind, text, block.lines))
    return Prose(tuple(units))
