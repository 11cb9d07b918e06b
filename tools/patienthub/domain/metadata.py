"""Front matter validated against the published JSON Schema, then turned into a typed PageMeta.

The JSON Schema in schemas/frontmatter.schema.json is the single definition of the front matter: editors'
VS Code validates with it while typing, and this module validates with the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from patienthub.core import limits
from patienthub.core.findings import Finding
from patienthub.domain.model import PageMeta, Source
from patienthub.text.frontmatter import FrontMatter, to_json_compatible
from patienthub.text.schemas import error_findings, schema_document, validator

if TYPE_CHECKING:
    import jsonschema

SCHEMA_FILE = "frontmatter.schema.json"


def schema() -> dict[str, Any]:
    """The front-matter schema in use (checks may extend it with keys of their own)."""
    return schema_document(SCHEMA_FILE)


def extend_schema(properties: Mapping[str, Any]) -> None:
    """Let a check declare front-matter keys of its own (e.g. `readability`), keeping one schema in use."""
    schema()["properties"].update(properties)
    _validator.cache_clear()


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return validator(schema())


def validate(fm: FrontMatter, path: str) -> tuple[PageMeta, list[Finding]]:
    errors = sorted(
        _validator().iter_errors(to_json_compatible(fm.data)), key=lambda e: list(e.absolute_path)
    )
    findings = [found for error in errors for found in error_findings(error, fm, path)]
    invalid_top_keys = {str(error.absolute_path[0]) for error in errors if error.absolute_path}
    return _typed(fm, invalid_top_keys), findings


def _typed(fm: FrontMatter, invalid: set[str]) -> PageMeta:
    data = fm.data

    def get(key: str, kind: type | tuple[type, ...]) -> Any:
        value = data.get(key)
        return value if key not in invalid and isinstance(value, kind) else None

    def date(key: str) -> dt.date | None:
        value = data.get(key)
        if key in invalid or isinstance(value, dt.datetime):
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return None
        return None

    sources = []
    for index, item in enumerate(data.get("sources") or [] if isinstance(data.get("sources"), list) else []):
        if isinstance(item, dict) and isinstance(item.get("title") or item.get("key"), str):
            item_date = item.get("date")
            sources.append(
                Source(
                    title=str(item.get("title") or item.get("key")),
                    url=item.get("url") if isinstance(item.get("url"), str) else None,
                    version=str(item["version"]) if item.get("version") is not None else None,
                    date=item_date
                    if isinstance(item_date, dt.date) and limits.date_in_range(item_date)
                    else None,
                    key=item.get("key") if isinstance(item.get("key"), str) else None,
                    line=fm.line_of("sources", index),
                )
            )
    codes_raw = data.get("codes") if isinstance(data.get("codes"), dict) else {}
    codes: dict[str, tuple[str, ...]] = {}
    primary_codes: dict[str, tuple[str, ...]] = {}
    for system, values in codes_raw.items():
        if not isinstance(values, list):
            continue
        # An item is a code, or {code: ..., primary: true} for the page that is the main page for that code.
        items = [
            (item.get("code"), item.get("primary") is True) if isinstance(item, dict) else (item, False)
            for item in values
        ]
        codes[system] = tuple(str(code) for code, _ in items if isinstance(code, str | int))
        primary_codes[system] = tuple(
            str(code) for code, primary in items if primary and isinstance(code, str | int)
        )
    exempt_section = get("readability", dict) or {}
    exempt = exempt_section.get("exempt")
    return PageMeta(
        title=get("title", str),
        description=get("description", str),
        type=get("type", str),
        owner=get("owner", str),
        last_reviewed=date("last_reviewed"),
        next_review=date("next_review"),
        status=get("status", str),
        sources=tuple(sources),
        reviewed_by=tuple(str(o) for o in data.get("reviewed_by") or [] if isinstance(o, str))
        if isinstance(data.get("reviewed_by"), list)
        else (),
        codes=codes,
        primary_codes=primary_codes,
        short_link=get("short_link", str),
        change_note=get("change_note", str),
        aliases=tuple(str(a) for a in data.get("aliases") or [] if isinstance(a, str))
        if isinstance(data.get("aliases"), list)
        else (),
        exempt={"readability": exempt} if isinstance(exempt, str) else dict(exempt or {}),
        raw=data,
    )
