"""The review stamp: record that an organisation checked a page, changing nothing else in the file.

ruamel.yaml edits the front matter as a round-trip document (quotes, flow or block style and comments of the
changed values survive), and only the lines of the changed keys are taken from its output: every other byte of
the file, body included, is copied from the original. The result is parsed again before it is returned.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from patienthub.core.errors import PatientHubError
from patienthub.domain.schedule import add_months
from patienthub.text import frontmatter

# Where a missing key goes: after the first of these keys that the page has, else at the end.
_ANCHORS = {"last_reviewed": ("owner", "type"), "reviewed_by": ("status", "next_review", "last_reviewed")}


class StampError(PatientHubError):
    """A page that cannot be stamped safely (no front matter, broken YAML, a value of the wrong kind)."""


@dataclass(frozen=True)
class Stamp:
    organisation: str
    day: dt.date
    review_interval_months: int


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long line
    return yaml


def _same_kind(old: Any, day: dt.date) -> Any:
    """A quoted date stays a quoted string of the same style; a plain date stays a date."""
    if isinstance(old, str):
        return type(old)(day.isoformat())
    return day


def _ranges(lines: list[str], data: CommentedMap) -> dict[str, tuple[int, int]]:
    """Line range [start, end) of every top-level key, without the blank and comment lines that follow it
    (those stay where they are, with the key they introduce)."""
    starts = [(data.lc.key(key)[0], key) for key in data]
    ranges = {}
    for index, (start, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        ranges[key] = (start, end)
    return ranges


def _insert(data: CommentedMap, key: str, value: Any) -> None:
    keys = list(data)
    anchor = next((a for a in _ANCHORS.get(key, ()) if a in data), None)
    data.insert(keys.index(anchor) + 1 if anchor else len(keys), key, value)


def _set_dates(data: CommentedMap, stamp: Stamp) -> set[str]:
    changed = set()
    new_values = {"last_reviewed": stamp.day}
    if "next_review" in data:  # the explicit date belonged to the previous review: recompute it
        new_values["next_review"] = add_months(stamp.day, stamp.review_interval_months)
    for key, day in new_values.items():
        old = data.get(key)
        if key not in data:
            _insert(data, key, day)
        elif old == day or old == day.isoformat():
            continue
        else:
            data[key] = _same_kind(old, day)
        changed.add(key)
    return changed


def _add_reviewer(
    data: CommentedMap, organisation: str, block: list[str]
) -> tuple[set[str], dict[str, list[str]]]:
    """Add the organisation to reviewed_by. Returns (keys to take from ruamel's output, ready-made lines).

    An item appended to a block list is written as one new line under the last item, so the existing items
    and the comments around them keep their bytes (ruamel would move it below those comments)."""
    reviewers = data.get("reviewed_by")
    if reviewers is None:
        flow = CommentedSeq([organisation])
        flow.fa.set_flow_style()
        if "reviewed_by" in data:
            data["reviewed_by"] = flow
        else:
            _insert(data, "reviewed_by", flow)
        return {"reviewed_by"}, {}
    if not isinstance(reviewers, list):
        raise StampError("reviewed_by is geen lijst; schrijf het als [nhg] of als een lijst met streepjes")
    if organisation in reviewers:
        return set(), {}
    if reviewers.fa.flow_style() or not reviewers:
        reviewers.append(organisation)
        return {"reviewed_by"}, {}
    start, end = _ranges(block, data)["reviewed_by"]
    item = f"{' ' * int(reviewers.lc.col)}- {organisation}\n"
    reviewers.append(organisation)
    return set(), {"reviewed_by": [*block[start:end], item]}


def _dump(yaml: YAML, data: CommentedMap) -> list[str]:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue().splitlines(keepends=True)


def _newline(lines: Iterable[str]) -> str:
    return "\r\n" if any(line.endswith("\r\n") for line in lines) else "\n"


def apply(text: str, stamp: Stamp) -> str:
    """The page text with the stamp applied; raises StampError when that cannot be done safely."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text[len(bom) :].splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        raise StampError("de pagina begint niet met een gegevensblok tussen twee regels '---'")
    close = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip("\r\n").rstrip() in ("---", "...")), None
    )
    if close is None:
        raise StampError("het gegevensblok bovenaan wordt niet afgesloten met '---'")
    block = lines[1:close]
    newline = _newline(block)
    plain = [line.replace("\r\n", "\n") for line in block]  # what ruamel reads; `block` keeps the bytes
    yaml = _yaml()
    try:
        data = yaml.load("".join(plain))
    except YAMLError as exc:
        raise StampError(f"de YAML van het gegevensblok is ongeldig ({exc})") from exc
    if not isinstance(data, CommentedMap):
        raise StampError("het gegevensblok is geen lijst van sleutels met waarden")
    original = _ranges(plain, data)
    from_ruamel = _set_dates(data, stamp)
    reviewer_keys, replacement = _add_reviewer(data, stamp.organisation, block)
    from_ruamel |= reviewer_keys
    if not from_ruamel and not replacement:
        return text
    dumped = _dump(yaml, data)
    ranges = _ranges(dumped, yaml.load("".join(dumped)))
    for key in from_ruamel:
        replacement[key] = [line.replace("\n", newline) for line in dumped[slice(*ranges[key])]]
    result: list[str] = []
    cursor = 0
    for key in data:
        if key not in original:  # a new key: after the key before it, above that key's trailing comments
            result.extend(replacement[key])
            continue
        start, end = original[key]
        result.extend(block[cursor:start])
        result.extend(replacement.get(key, block[start:end]))
        cursor = end
    result.extend(block[cursor:])
    new_text = bom + lines[0] + "".join(result) + "".join(lines[close:])
    _verify(text, new_text, stamp)
    return new_text


def _verify(old_text: str, new_text: str, stamp: Stamp) -> None:
    """Our own parser must read the stamped page as the old one with only the stamped keys different."""
    before = frontmatter.parse(old_text.lstrip("\ufeff").replace("\r\n", "\n"))
    after = frontmatter.parse(new_text.lstrip("\ufeff").replace("\r\n", "\n"))
    stamped_keys = {"last_reviewed", "next_review", "reviewed_by"}
    unchanged_before = {key: value for key, value in before.data.items() if key not in stamped_keys}
    unchanged_after = {key: value for key, value in after.data.items() if key not in stamped_keys}
    reviewers = after.data.get("reviewed_by") or []
    stamped = (
        str(after.data.get("last_reviewed")) == stamp.day.isoformat() and stamp.organisation in reviewers
    )
    earlier = list(before.data.get("reviewed_by") or [])
    kept = reviewers == earlier + ([] if stamp.organisation in earlier else [stamp.organisation])
    if (
        after.problems
        or unchanged_after != unchanged_before
        or after.body != before.body
        or not (stamped and kept)
    ):
        raise StampError("de pagina kan niet veilig worden aangepast; pas de gegevens met de hand aan")
