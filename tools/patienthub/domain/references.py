"""Lines an editor types to show data on a page: `{{ uitkomsten: hernia-opereren-of-afwachten }}`.

One parser for the check (which reports unknown references) and the transform (which renders them), so the two
can never disagree. A reference is a line of its own, starting at the beginning of the line:

    {{ uitkomsten: DATASET }}          every outcome of a dataset
    {{ uitkomst: DATASET/OUTCOME }}    one outcome
    {{ keuzekaart: KEUZEKAART }}       a keuzekaart (includes the "3 goede vragen")
    {{ 3-goede-vragen }}               the "3 goede vragen" block on its own
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from patienthub.domain.outcome_data import Dataset, Keuzekaart, Outcome, OutcomeLibrary
from patienthub.text.markdown import blocks

OUTCOMES, OUTCOME, KEUZEKAART, THREE_QUESTIONS = "uitkomsten", "uitkomst", "keuzekaart", "3-goede-vragen"
KINDS = (OUTCOMES, OUTCOME, KEUZEKAART, THREE_QUESTIONS)
_NEEDS_TARGET = (OUTCOMES, OUTCOME, KEUZEKAART)

_REFERENCE = re.compile(r"^\{\{\s*(?P<kind>[^\s:{}]+)\s*(?::\s*(?P<target>[^{}]*?))?\s*\}\}\s*$")


@dataclass(frozen=True)
class Reference:
    kind: str
    target: str
    line: int  # 1-based, in the text that was scanned
    indented: bool  # inside a list or admonition: cannot be rendered there
    source: str  # the line as typed


@dataclass(frozen=True)
class Resolved:
    reference: Reference
    outcomes: tuple[Outcome, ...] = ()
    dataset: Dataset | None = None
    keuzekaart: Keuzekaart | None = None
    problem: str | None = None  # Dutch: why the reference cannot be shown


def find(body: str, first_line: int = 1) -> list[Reference]:
    """Every `{{ … }}` line outside code blocks; `first_line` is the file line of the body's first line."""
    found = []
    lines = body.split("\n")
    for block in blocks(body, first_line):
        if block.kind != "directive":
            continue
        typed = lines[block.line - first_line]
        match = _REFERENCE.match(block.text)
        kind = match.group("kind") if match else block.text
        target = (match.group("target") or "") if match else ""
        found.append(Reference(kind, target.strip(), block.line, typed[:1].isspace(), typed.strip()))
    return found


def resolve(ref: Reference, library: OutcomeLibrary | None) -> Resolved:
    if ref.kind not in KINDS:
        return Resolved(
            ref, problem=f"'{ref.source}' is geen bekende verwijzing; kies uit {', '.join(KINDS)}."
        )
    if ref.kind == THREE_QUESTIONS:
        return (
            Resolved(ref)
            if not ref.target
            else Resolved(ref, problem="{{ 3-goede-vragen }} heeft geen naam nodig.")
        )
    if not ref.target:
        return Resolved(ref, problem=f"Achter '{ref.kind}:' ontbreekt de naam van het bestand.")
    library = library or OutcomeLibrary()
    if ref.kind == KEUZEKAART:
        card = library.keuzekaarten.get(ref.target)
        if card is None:
            return Resolved(ref, problem=_unknown("keuzekaart", ref.target, library.keuzekaarten))
        return Resolved(ref, keuzekaart=card)
    dataset_key, _, outcome_key = ref.target.partition("/")
    dataset = library.datasets.get(dataset_key)
    if dataset is None:
        return Resolved(ref, problem=_unknown("uitkomstbestand", dataset_key, library.datasets))
    if ref.kind == OUTCOMES:
        if outcome_key:
            return Resolved(ref, problem=f"Gebruik '{{{{ uitkomst: {ref.target} }}}}' voor één uitkomst.")
        return Resolved(ref, tuple(dataset.outcomes.values()), dataset)
    if not outcome_key:
        return Resolved(ref, problem=f"Noem ook de uitkomst: '{{{{ uitkomst: {dataset_key}/NAAM }}}}'.")
    if not dataset.valid:
        return Resolved(ref, dataset=dataset)  # the file's own schema.* findings say what is wrong
    outcome = dataset.outcomes.get(outcome_key)
    if outcome is None:
        return Resolved(ref, problem=_unknown(f"uitkomst in {dataset_key}", outcome_key, dataset.outcomes))
    return Resolved(ref, (outcome,), dataset)


def _unknown(what: str, name: str, known: Mapping[str, object]) -> str:
    names = ", ".join(sorted(known)) if known else "(geen)"
    return f"Er is geen {what} '{name}'. Bekend zijn: {names}."
