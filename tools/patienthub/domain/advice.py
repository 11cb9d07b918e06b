"""Uniform advice: rules for advice that contradicts the Dutch guidelines, and key messages written once.

advice.yml (same style as the termbase; every rule tests itself with its examples):

    rules:
      bedrust:
        phrases: [bedrust, {regex: 'in bed (blijven|gaan) liggen'}]   # in one sentence ...
        unless: [niet, geen, nooit]      # ... unless that sentence also says one of these (negation)
        message: Bedrust past niet bij de richtlijnen. NHG-Standaard ... (the guideline, cited)
        suggestion: Schrijf dat bewegen helpt, bijvoorbeeld met [[kernboodschap: blijf-bewegen]].
        source: NHG-Standaard Aspecifieke lagerugpijn (2017)
        severity: error                  # default: error
        examples: {flag: [Neem een paar dagen bedrust.], pass: [Bedrust helpt niet.]}

kernboodschappen.yml: key messages, included on a page by typing `[[kernboodschap: blijf-bewegen]]` on a line
of its own (or inside a sentence). Unprocessed, the reference stays visible; it never vanishes silently.

    blijf-bewegen:
      text: Blijf zo veel mogelijk bewegen. ...
      source: NHG-Standaard Aspecifieke lagerugpijn (2017)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from patienthub.core.findings import Finding, Rule, Severity, finding
from patienthub.text import dutch
from patienthub.text.datafiles import load_data_file
from patienthub.text.markdown import blocks, mask
from patienthub.text.phrases import EntryReader, Example, Hit, Phrase, Searches, find_all
from patienthub.text.schemas import validate_entries
from patienthub.text.textmask import prose_texts

DEFAULT_RULES_FILE = "advice.yml"
DEFAULT_KEY_MESSAGES_FILE = "kernboodschappen.yml"
RULES_SCHEMA = "advice.schema.json"
KEY_MESSAGES_SCHEMA = "key-messages.schema.json"
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# `[[kernboodschap: naam]]`, tolerant of spaces, a missing colon and capitals: a typo is reported.
REFERENCE = re.compile(r"\[\[\s*kernboodschap\b\s*:?\s*(?P<key>[^\]\n]*?)\s*\]\]", re.IGNORECASE)

RULES_INVALID = Rule(
    "advice.rules-invalid", Severity.ERROR, "Een regel in het adviesbestand is onvolledig of klopt niet."
)
KEY_MESSAGES_INVALID = Rule(
    "advice.key-messages-invalid",
    Severity.ERROR,
    "Een kernboodschap in het bestand met kernboodschappen klopt niet.",
)
EXAMPLE_FAILED = Rule(
    "advice.example-failed",
    Severity.ERROR,
    "Een voorbeeld in het adviesbestand geeft niet de uitkomst die erbij staat.",
)


@dataclass(frozen=True)
class AdviceRule:
    key: str
    phrases: tuple[Phrase, ...]
    unless: tuple[Phrase, ...]
    message: str  # cites the guideline
    suggestion: str
    source: str
    severity: Severity = Severity.ERROR
    examples: tuple[Example, ...] = ()
    line: int | None = None

    @cached_property
    def searches(self) -> Searches[AdviceRule]:
        return Searches((phrase.pattern, self) for phrase in self.phrases)


@dataclass(frozen=True)
class KeyMessage:
    key: str
    text: str  # Markdown
    source: str
    line: int | None = None


@dataclass(frozen=True)
class Reference:
    key: str
    start: int  # offsets in the Markdown the reference was found in
    end: int
    line: int  # file line
    column: int  # 1-based


@dataclass(frozen=True)
class AdviceBook:
    rules: tuple[AdviceRule, ...] = ()
    key_messages: Mapping[str, KeyMessage] = field(default_factory=dict)
    rules_path: str = ""
    key_messages_path: str = ""
    findings: tuple[Finding, ...] = ()
    # Key messages in the file that could not be read (the file's findings say why): not unknown to a page.
    broken_key_messages: frozenset[str] = frozenset()

    def contradictions(self, text: str) -> list[Hit[AdviceRule]]:
        """Per clause of masked prose, the first phrase of each rule that the clause does not negate.

        A clause is a sentence, split at ';' and at ', maar': in "Bedrust is niet nodig, maar neem veel rust."
        the 'niet' of the first half does not excuse the second."""
        found = []
        folded = text.casefold()  # per clause, only the phrases that occur somewhere in the text are tried
        rules = [(r, s) for r in self.rules if (s := r.searches.within(folded)).entries]
        for start, end in clauses(text) if rules else ():
            clause = text[start:end]
            for rule, searches in rules:
                hits = find_all(clause, searches)
                if hits and not any(phrase.pattern.search(clause) for phrase in rule.unless):
                    found.append(Hit(start + hits[0].start, start + hits[0].end, rule))
        return found

    def contradictions_in_markdown(self, markdown: str) -> list[Hit[AdviceRule]]:
        return [hit for prose in prose_texts(markdown) for hit in self.contradictions(prose.text)]


_CLAUSE_BREAK = re.compile(r";|,?\s+maar\b", re.IGNORECASE)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of each sentence."""
    found = []
    for sentence in dutch.sentences(text):
        start, end = sentence.start, sentence.end
        for match in _CLAUSE_BREAK.finditer(text, start, end):
            found.append((start, match.start()))
            start = match.start()
        found.append((start, end))
    return found


def references(markdown: str, first_line: int = 1) -> list[Reference]:
    """Key-message references outside code (so documentation can show the syntax)."""
    lines = markdown.split("\n")
    for block in blocks(markdown, first_line):
        if block.kind in ("code", "comment"):
            for number in block.lines:
                lines[number - first_line] = " " * len(lines[number - first_line])
    visible = mask("\n".join(lines))
    found = []
    for match in REFERENCE.finditer(visible):
        line_index = visible.count("\n", 0, match.start())
        column = match.start() - (visible.rfind("\n", 0, match.start()) + 1) + 1
        found.append(
            Reference(match.group("key"), match.start(), match.end(), first_line + line_index, column)
        )
    return found


def include(markdown: str, messages: Mapping[str, KeyMessage]) -> str:
    """Replace every reference to a known key message by its text. A reference on a line of its own becomes
    the message's block (indented like the reference, so it works inside lists and admonitions); inside a
    sentence it becomes the message as one line. Unknown references stay as they are: visible, and reported by
    the check."""
    out = []
    position = 0
    for ref in references(markdown):
        message = messages.get(ref.key)
        if message is None:
            continue
        line_start = markdown.rfind("\n", 0, ref.start) + 1
        line_end = markdown.find("\n", ref.end)
        line_end = len(markdown) if line_end < 0 else line_end
        before, after = markdown[line_start : ref.start], markdown[ref.end : line_end]
        out.append(markdown[position : ref.start])
        if not after.strip() and re.fullmatch(r"\s*(?:[-*+]\s+|\d{1,9}[.)]\s+|>\s*)*", before):
            indent = " " * len(before)
            out.append(("\n" + indent).join(message.text.strip().split("\n")))
        else:
            out.append(" ".join(message.text.split()))
        position = ref.end
    out.append(markdown[position:])
    return "".join(out)


def example_holds(book: AdviceBook, rule: AdviceRule, example: Example) -> bool:
    flagged = any(hit.item is rule for hit in book.contradictions_in_markdown(example.text))
    return flagged == example.flag


def example_findings(book: AdviceBook) -> list[Finding]:
    found = []
    for rule in book.rules:
        for example in rule.examples:
            if not example_holds(book, rule, example):
                expected = "afgekeurd moeten worden" if example.flag else "goedgekeurd moeten worden"
                found.append(
                    finding(
                        EXAMPLE_FAILED,
                        book.rules_path,
                        example.line,
                        f"Adviesregel '{rule.key}': het voorbeeld \"{example.text}\" had {expected}, "
                        "maar dat gebeurt niet.",
                        "Pas de zinsdelen (phrases), de uitzonderingen (unless) of het voorbeeld aan.",
                    )
                )
    return found


class _Reader(EntryReader):
    def rule(self, key: str, entry: Mapping[str, Any]) -> AdviceRule | None:
        path = ("rules", key)
        name = f"Adviesregel '{key}'"
        compounds = self.flag(entry.get("compounds"), (*path, "compounds"), name, False)
        phrases = self.phrases(entry.get("phrases"), (*path, "phrases"), name, compounds=compounds)
        unless = self.phrases(entry.get("unless"), (*path, "unless"), name, compounds=False, inflect=False)
        message = self.text(entry, path, "message", name, required=True)
        source = self.text(entry, path, "source", name, required=True)
        suggestion = self.text(entry, path, "suggestion", name, required=False) or ""
        examples = self.examples(entry.get("examples"), (*path, "examples"), name)
        if not phrases:
            self.problem(path, f"{name} heeft geen zinsdelen (phrases) om naar te zoeken.")
        if not any(e.flag for e in examples) or all(e.flag for e in examples):
            self.problem(
                path,
                f"{name} heeft niet minstens één voorbeeld dat afgekeurd moet worden (flag) "
                "én één dat goed is (pass).",
                "Voorbeelden houden de regel eerlijk: zet onder examples zowel flag: als pass:.",
            )
        if not phrases or message is None or source is None:
            return None
        return AdviceRule(
            key=key,
            phrases=tuple(phrases),
            unless=tuple(unless),
            message=message,
            suggestion=suggestion,
            source=source,
            severity=self.severity(entry.get("severity"), (*path, "severity"), name) or Severity.ERROR,
            examples=tuple(examples),
            line=self.line(*path),
        )

    def key_message(self, key: str, entry: Mapping[str, Any]) -> KeyMessage | None:
        path = (key,)
        name = f"Kernboodschap '{key}'"
        if not KEY_PATTERN.match(key):
            self.problem(path, f"{name}: de naam mag alleen kleine letters, cijfers en streepjes hebben.")
            return None
        text = self.text(entry, path, "text", name, required=True)
        source = self.text(entry, path, "source", name, required=True)
        if text is None or source is None:
            return None
        if REFERENCE.search(text):
            self.problem((*path, "text"), f"{name} verwijst naar een andere kernboodschap; dat kan niet.")
            return None
        return KeyMessage(key, text, source, self.line(*path, "text"))


def _rules(data_dir: Path, root: Path, file_name: str | None) -> tuple[list[AdviceRule], str, list[Finding]]:
    data_file = load_data_file(
        data_dir / (file_name or DEFAULT_RULES_FILE), root, required=file_name is not None
    )
    if data_file.data is None or data_file.findings:
        return [], data_file.path, list(data_file.findings)
    # The shape is the schema's (one validation for every data file); the reader checks what it means.
    shape, broken, whole_file = validate_entries(
        data_file.data, RULES_SCHEMA, data_file, data_file.path, ("rules",)
    )
    if whole_file:
        return [], data_file.path, shape
    reader = _Reader(data_file, RULES_INVALID, "het adviesbestand", skip=broken)
    rules = reader.entries(data_file.data.get("rules"), ("rules",), reader.rule)
    return rules, data_file.path, [*shape, *reader.findings]


def _key_messages(
    data_dir: Path, root: Path, file_name: str | None
) -> tuple[dict[str, KeyMessage], str, list, frozenset[str]]:
    name = file_name or DEFAULT_KEY_MESSAGES_FILE
    data_file = load_data_file(data_dir / name, root, required=file_name is not None)
    if data_file.data is None or data_file.findings:
        return {}, data_file.path, list(data_file.findings), frozenset()
    shape, refused, whole_file = validate_entries(
        data_file.data, KEY_MESSAGES_SCHEMA, data_file, data_file.path
    )
    if whole_file:
        return {}, data_file.path, shape, frozenset()
    reader = _Reader(data_file, KEY_MESSAGES_INVALID, "de kernboodschappen", skip=refused)
    messages = {m.key: m for m in reader.entries(data_file.data, (), reader.key_message)}
    # Refused by the schema or by the reader: known to exist, so a page that uses one is not told it is unknown.
    broken = frozenset(str(k) for k in data_file.data if k not in messages)
    return messages, data_file.path, [*shape, *reader.findings], broken


def load(data_dir: Path, root: Path, rules_file: str | None, key_messages_file: str | None) -> AdviceBook:
    rules, rules_path, rule_findings = _rules(data_dir, root, rules_file)
    messages, messages_path, message_findings, broken = _key_messages(data_dir, root, key_messages_file)
    book = AdviceBook(tuple(rules), messages, rules_path, messages_path)
    findings = (*rule_findings, *message_findings, *example_findings(book))
    return AdviceBook(tuple(rules), messages, rules_path, messages_path, findings, broken)
