"""Safe fixes: the avoided variants that the termbase allows to be replaced automatically (`patienthub fix`).

Only what `check` reports is touched, and only where the termbase opts in for that form of the variant (see
termbase.py, `fix:`). Everything the check never reads stays as it is: code, URLs, link targets, HTML, quotes,
blockquotes, key-message and outcome references, and all front matter except `title` and `description`. A
plan is verified before it is offered: after the edits, exactly the fixed findings are gone and the front
matter still reads as intended; otherwise the page is left alone and said so."""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from patienthub.checks.terminology import AVOID, Occurrence, occurrences
from patienthub.core.findings import Finding
from patienthub.domain.model import Page, Site
from patienthub.text import frontmatter
from patienthub.text.textmask import line_starts

_KEY_LINE = re.compile(r"^\s*(?P<key>[\w-]+)[ \t]*:[ \t]+(?P<rest>.*)$")


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the page's text (LF line ends, no BOM)
    end: int
    new: str
    line: int


@dataclass(frozen=True)
class Plan:
    page: Page
    edits: tuple[Edit, ...]
    manual: tuple[Finding, ...]  # reported avoided words that the editor replaces by hand
    text: str  # the page's text after the edits
    unsafe: bool = False  # the edits did not verify: nothing is changed

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.page.text.splitlines(keepends=True),
            self.text.splitlines(keepends=True),
            f"a/{self.page.path}",
            f"b/{self.page.path}",
        )
        # A last line without a line end is marked the way diff and git mark it.
        return "".join(
            line if line.endswith("\n") else f"{line}\n\\ No newline at end of file\n" for line in lines
        )


def _key(f: Finding) -> tuple:
    return (f.rule, f.path, f.line, f.column, f.message)


def _scalar(line: str, key: str, value: str) -> tuple[int, str] | None:
    """(column where `value` starts, quote character or "") of a one-line `key: value`; None for any other
    form (a block scalar, a value on the next line, escapes), which is left to the editor."""
    match = _KEY_LINE.match(line)
    if match is None or match["key"] != key:
        return None
    rest, at = match["rest"], match.start("rest")
    quote = rest[:1] if rest[:1] in ("'", '"') else ""
    if quote:
        inner = rest[1 : 1 + len(value)]
        closed = rest[1 + len(value) : 2 + len(value)] == quote
        if inner == value and closed and quote not in value and "\\" not in value:
            return at + 1, quote
        return None
    after = rest[len(value) :]
    if rest.startswith(value) and (
        not after.strip() or (after.lstrip().startswith("#") and after[:1].isspace())
    ):
        return at, ""
    return None


def _quoted(text: str, quote: str) -> str:
    if quote == "'":
        return text.replace("'", "''")
    if quote == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    return text


def _edit(page: Page, occurrence: Occurrence, starts: list[int]) -> Edit | None:
    new = occurrence.replacement
    assert new is not None
    line = occurrence.finding.line or 1
    if occurrence.field is None:
        return Edit(occurrence.start, occurrence.end, new, line)
    value = page.frontmatter.data[occurrence.field]
    line_text = page.text.split("\n")[line - 1]
    where = _scalar(line_text, occurrence.field, value)
    if where is None:
        return None
    column, quote = where
    offset = starts[line - 1] + column
    return Edit(offset + occurrence.start, offset + occurrence.end, _quoted(new, quote), line)


def apply(text: str, edits: Iterable[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.new + text[edit.end :]
    return text


def _verified(page: Page, site: Site, before: list[Occurrence], fixed: list[Occurrence], text: str) -> bool:
    """After the edits, the page reports exactly the avoided words it reported before, minus the fixed ones,
    and its title and description read as the replacements say."""
    after = dataclasses.replace(page, text=text, frontmatter=frontmatter.parse(text))
    if after.frontmatter.problems != page.frontmatter.problems:
        return False
    for field in ("title", "description"):
        expected = page.frontmatter.data.get(field)
        for occurrence in sorted((o for o in fixed if o.field == field), key=lambda o: o.start, reverse=True):
            expected = (
                expected[: occurrence.start] + (occurrence.replacement or "") + expected[occurrence.end :]
            )
        if after.frontmatter.data.get(field) != expected:
            return False
    remaining = Counter(o.finding.excerpt for o in before) - Counter(o.finding.excerpt for o in fixed)
    return Counter(o.finding.excerpt for o in occurrences(after, site)) == remaining


def plan(page: Page, site: Site, reported: Iterable[Finding]) -> Plan:
    """The fixes for one page. `reported`: the findings `check` keeps for it (after exemptions, inline
    suppressions and severity overrides), so a suppressed or switched-off finding is never fixed."""
    wanted = Counter(_key(f) for f in reported if f.rule == AVOID.id and f.path == page.path)
    starts = line_starts(page.text)
    before = list(occurrences(page, site))
    edits: list[Edit] = []
    fixed: list[Occurrence] = []
    manual: list[Finding] = []
    for occurrence in before:
        key = _key(occurrence.finding)
        if not wanted[key]:
            continue
        wanted[key] -= 1
        edit = _edit(page, occurrence, starts) if occurrence.replacement else None
        if edit is None:
            manual.append(occurrence.finding)
        else:
            edits.append(edit)
            fixed.append(occurrence)
    text = apply(page.text, edits)
    if edits and not _verified(page, site, before, fixed, text):
        manual.extend(o.finding for o in fixed)
        return Plan(page, (), tuple(sorted(manual, key=lambda f: f.sort_key)), page.text, unsafe=True)
    return Plan(page, tuple(edits), tuple(manual), text)


def _raw_offsets(raw: str) -> list[int]:
    """For each offset in the normalised text (CRLF and CR as LF), the offset in `raw`; one past the end too."""
    offsets = []
    index = 0
    while index < len(raw):
        offsets.append(index)
        index += 2 if raw.startswith("\r\n", index) else 1
    offsets.append(len(raw))
    return offsets


def rewrite(raw: bytes, edits: Iterable[Edit]) -> bytes:
    """The file's bytes with the edits made, byte for byte the same elsewhere (BOM and line ends kept)."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    offsets = _raw_offsets(text)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: offsets[edit.start]] + edit.new + text[offsets[edit.end] :]
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
