"""Front matter parsed by ourselves, with a line number for every value.

MkDocs silently ignores a broken block; we report it. Values are built from PyYAML's node graph with a
whitelist of plain types, so no tag can construct an object, and anchors/aliases are refused outright
(they have no use in front matter and are the vehicle of "billion laughs" documents).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from patienthub.core.limits import CONTROL, control_name

YamlPath = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# libyaml's parser when PyYAML has it (its wheels do): the same nodes and lines, several times faster. A block
# libyaml cannot read is read again by PyYAML's own parser, whose messages and lines the editors' guide shows.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# No real front matter or data file nests this deep; deeper is refused before composing (libyaml's composer
# recurses in C and would crash the process on a hostile document).
MAX_DEPTH = 50
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


@dataclass(frozen=True)
class Problem:
    """A defect of the front matter block itself; turned into a `schema.` finding by the schema check."""

    rule: str
    line: int
    message: str
    suggestion: str = ""


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    lines: dict[YamlPath, int]  # ("sources", 0, "title") -> 1-based line of that value
    body: str
    body_start_line: int  # 1-based line of the first body line
    present: bool
    problems: tuple[Problem, ...]

    def line_of(self, *path: str | int) -> int | None:
        """Line of the value at path, falling back to its nearest parent, then to the block's start."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1 if self.present else None


def split(text: str) -> tuple[list[str] | None, int, bool]:
    """Return (yaml_lines or None, index of first body line, terminated)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, 0, True
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return lines[1:index], index + 1, True
    return lines[1:], len(lines), False


def parse(text: str) -> FrontMatter:
    """Parse normalised text (LF line ends, no BOM) into front matter and body."""
    yaml_lines, body_index, terminated = split(text)
    body_lines = text.split("\n")[body_index:]
    body = "\n".join(body_lines)
    if yaml_lines is None:
        problem = Problem(
            "schema.frontmatter-missing",
            1,
            "De pagina begint niet met gegevens tussen twee regels '---'.",
            "Zet bovenaan de pagina een blok met title, description, type, owner, last_reviewed, status en sources.",
        )
        return FrontMatter({}, {}, text, 1, False, (problem,))
    if not terminated:
        problem = Problem(
            "schema.frontmatter-unterminated",
            1,
            "Het gegevensblok bovenaan begint met '---' maar wordt niet afgesloten.",
            "Zet een regel met alleen '---' onder de laatste gegevensregel.",
        )
        return FrontMatter({}, {}, "", len(text.split("\n")) + 1, True, (problem,))
    source = "\n".join(yaml_lines)
    result = _Builder(line_offset=1, what="het gegevensblok bovenaan").build(source)
    return FrontMatter(result.data, result.lines, body, body_index + 1, True, tuple(result.problems))


def parse_yaml(source: str, *, mapping: bool = True) -> YamlDocument:
    """Parse a whole YAML data file with the same safety rules and line numbers as front matter."""
    return _Builder(line_offset=0, what="dit bestand", mapping=mapping).build(source)


_MAX_FLOW_DEPTH = 20
_FLOW = re.compile(r"[\[\]{}\n]")


def _too_deeply_nested(source: str) -> int | None:
    """1-based line where [ ] and { } nest deeper than any real front matter or registry does, or None.
    Checked before parsing: PyYAML's scanner takes quadratic time in that depth ("[[[[...]]]]" hangs it)."""
    depth, line = 0, 1
    for match in _FLOW.finditer(source):
        char = match.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > _MAX_FLOW_DEPTH:
                return line
        else:
            depth = max(depth - 1, 0)
    return None


class YamlDocument:
    def __init__(self) -> None:
        self.data: Any = {}
        self.lines: dict[YamlPath, int] = {}
        self.problems: list[Problem] = []


class _Builder:
    def __init__(self, line_offset: int, what: str, mapping: bool = True) -> None:
        self.offset = line_offset  # lines before the YAML text (the opening '---')
        self.what = what
        self.require_mapping = mapping
        self.result = YamlDocument()
        self.constructor = SafeConstructor()

    def line(self, mark: yaml.Mark | None) -> int:
        return (mark.line if mark else 0) + 1 + self.offset

    def problem(self, rule: str, line: int, message: str, suggestion: str = "") -> None:
        self.result.problems.append(Problem(rule, line, message, suggestion))

    def build(self, source: str) -> YamlDocument:
        if not source.strip():
            self.problem(
                "schema.frontmatter-empty",
                1,
                f"De YAML van {self.what} is leeg.",
                "Vul de gegevens in; zie het voorbeeld in de handleiding voor redacteuren.",
            )
            return self.result
        too_deep = _too_deeply_nested(source)
        if too_deep is not None:
            self.problem(
                "schema.yaml-syntax",
                too_deep + self.offset,
                f"De YAML van {self.what} zet meer dan {_MAX_FLOW_DEPTH} lijsten [ ] of blokken {{ }} in elkaar.",
                "Schrijf de waarden plat uit; zo diep genest is nooit nodig.",
            )
            return self.result
        try:
            node = self._compose(source)
            if node is None:
                return self.result
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            self.problem(
                "schema.yaml-syntax",
                self.line(mark),
                f"De YAML van {self.what} is ongeldig: {exc.problem or exc.context}.",
                "Controleer inspringing, dubbele punten en aanhalingstekens op deze regel of de regel ervoor.",
            )
            return self.result
        except (yaml.YAMLError, RecursionError) as exc:
            self.problem("schema.yaml-syntax", 1, f"De YAML van {self.what} is ongeldig ({exc}).")
            return self.result
        if not self.require_mapping and node is not None:
            try:
                self.result.data = self._value(node, ())
            except RecursionError:
                self.problem("schema.yaml-syntax", 1, "De YAML is te diep genest.")
            return self.result
        if not isinstance(node, yaml.MappingNode):
            kind = "een lijst" if isinstance(node, yaml.SequenceNode) else "losse tekst"
            self.problem(
                "schema.frontmatter-not-mapping",
                self.line(node.start_mark if node else None),
                f"De inhoud van {self.what} is {kind} in plaats van sleutels met waarden.",
                "Schrijf elke regel als 'sleutel: waarde', bijvoorbeeld 'title: Lage rugpijn'.",
            )
            return self.result
        try:
            self.result.data = self._mapping(node, ())
        except RecursionError:
            self.problem("schema.yaml-syntax", 1, f"De YAML van {self.what} is te diep genest.")
        return self.result

    def _compose(self, source: str) -> yaml.Node | None:
        """The node graph of `source`; None when it uses anchors or aliases or nests too deep (reported).
        Raises YAMLError."""
        loader = _FAST_LOADER
        try:
            trouble = self._trouble(yaml.parse(source, Loader=loader))
        except yaml.YAMLError:
            loader = yaml.SafeLoader  # PyYAML's own parser says where and why (raises again)
            trouble = self._trouble(yaml.parse(source, Loader=loader))
        if trouble is None:
            return yaml.compose(source, Loader=loader)
        if isinstance(trouble, yaml.AliasEvent) or getattr(trouble, "anchor", None):
            self.problem(
                "schema.yaml-alias",
                self.line(trouble.start_mark),
                f"Ankers en verwijzingen (& en *) zijn in {self.what} niet toegestaan.",
                "Schrijf de waarde gewoon helemaal uit.",
            )
        else:
            self.problem(
                "schema.yaml-syntax",
                self.line(trouble.start_mark),
                f"De YAML van {self.what} is te diep genest (meer dan {MAX_DEPTH} niveaus).",
            )
        return None

    @staticmethod
    def _trouble(events: Iterable[yaml.Event]) -> yaml.Event | None:
        """The first anchor, alias or list/mapping nested deeper than MAX_DEPTH."""
        depth = 0
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return event
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return None

    def _value(self, node: yaml.Node, path: YamlPath) -> Any:
        self.result.lines[path] = self.line(node.start_mark)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self._value(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path)
        return self._refuse_tag(node)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = self.line(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem("schema.type", line, "Een sleutel moet een woord zijn, geen lijst of blok.")
                continue
            key = self._text(str(key_node.value), line)
            if key in data:
                self.problem(
                    "schema.duplicate-key",
                    line,
                    f"De sleutel '{key}' staat twee keer in {self.what}.",
                    f"Houd één regel '{key}:' over; de eerste geldt nu.",
                )
                continue
            data[key] = self._value(value_node, (*path, key))
            self.result.lines[(*path, key)] = line
        return data

    def _scalar(self, node: yaml.Node, path: YamlPath) -> Any:
        if node.tag == _TIMESTAMP:
            try:
                return self.constructor.construct_yaml_timestamp(node)
            except (ValueError, OverflowError):
                return str(node.value)  # kept as text; the schema reports the impossible date
        if node.tag in _PLAIN_TAGS:
            try:
                value = self.constructor.construct_object(node)
            except (ConstructorError, ValueError):
                return str(node.value)
            if isinstance(value, float) and not math.isfinite(value):
                return str(
                    node.value
                )  # .nan and .inf are no numbers: kept as text, the schema says "a number"
            if isinstance(value, str):
                return self._text(value, self.line(node.start_mark))
            return value
        return self._refuse_tag(node)

    def _text(self, value: str, line: int) -> str:
        """A text without control characters (a "\\e" or "\\0" escape makes them): reported, and taken out so
        that no page or file built from it is malformed."""
        found = CONTROL.search(value)
        if found is None:
            return value
        self.problem(
            "schema.control-character",
            line,
            f"De YAML van {self.what} bevat een onzichtbaar stuurteken ({control_name(found.group())}).",
            "Haal het teken weg; meestal is het een \\-code tussen dubbele aanhalingstekens (\\e, \\0, \\x1b).",
        )
        return CONTROL.sub("", value)

    def _refuse_tag(self, node: yaml.Node) -> None:
        self.problem(
            "schema.yaml-tag",
            self.line(node.start_mark),
            f"De YAML-tag '{node.tag}' is niet toegestaan; die wordt nooit uitgevoerd.",
            "Haal de tag (het woord met ! ervoor) weg en schrijf alleen de waarde.",
        )
        return None


def to_json_compatible(value: Any) -> Any:
    """Dates become ISO text so the JSON Schema can validate them (a datetime stays recognisable)."""
    if isinstance(value, dict):
        return {k: to_json_compatible(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json_compatible(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
