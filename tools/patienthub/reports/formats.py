"""Output formats of `check`: text for people, versioned JSON for machines, GitHub workflow commands for PRs.

Every finding carries a link to the section on its rule in the editors' guide (guide.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from patienthub.core.findings import Finding
from patienthub.domain.result import Result
from patienthub.reports import guide

JSON_VERSION = 1


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def summary_line(result: Result) -> str:
    suggestions = len(result.findings) - result.errors - result.warnings
    return (
        f"{_plural(len(result.pages), 'pagina', 'pagina’s')} gecontroleerd: "
        f"{_plural(result.errors, 'fout', 'fouten')}, "
        f"{_plural(result.warnings, 'waarschuwing', 'waarschuwingen')}, "
        f"{_plural(suggestions, 'suggestie', 'suggesties')}."
    )


def link_suffix(link: str) -> str:
    return f" [uitleg: {link}]" if link else ""


def text_line(f: Finding, link: str = "") -> str:
    location = f"{f.path}:{f.line}" if f.line else f.path
    suggestion = f" ({f.suggestion})" if f.suggestion else ""
    return f"{location}: {f.severity.value} {f.rule} — {f.message}{suggestion}{link_suffix(link)}"


def _link(result: Result, f: Finding) -> str:
    return guide.link(result.site.config.guide, f.rule)


def as_text(result: Result) -> str:
    lines: list[str] = []
    for path, group in groupby(result.findings, key=lambda f: f.path):
        lines.append(path)
        lines.extend(f"  {text_line(f, _link(result, f))}" for f in group)
        lines.append("")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def as_recheck_text(result: Result, paths: list[str], seconds: float) -> str:
    """What `check --watch` says after a save: the findings in the files that changed (paths as findings name
    them), the whole site's summary and how long the re-check took."""
    lines = [""]
    for path in paths:
        found = [f for f in result.findings if f.path == path]
        lines.append(
            f"{path}: {_plural(len(found), 'opmerking', 'opmerkingen') if found else 'geen opmerkingen'}"
        )
        lines.extend(f"  {text_line(f, _link(result, f))}" for f in found)
    seconds_text = f"{seconds:.2f}".replace(".", ",")
    lines.append(f"{summary_line(result)} Opnieuw gecontroleerd in {seconds_text} s.")
    return "\n".join(lines) + "\n"


def as_json_object(result: Result) -> dict:
    return {
        "version": JSON_VERSION,
        "today": result.site.today.isoformat(),
        "pages": [
            {
                "path": report.page.path,
                "url": report.page.url,
                "title": report.page.meta.title,
                "type": report.page.meta.type,
                "metrics": dict(report.metrics),
            }
            for report in result.pages
        ],
        "findings": [
            {
                "path": f.path,
                "line": f.line,
                "column": f.column,
                "rule": f.rule,
                "severity": f.severity.value,
                "message": f.message,
                "suggestion": f.suggestion,
                "link": _link(result, f),
            }
            for f in result.findings
        ],
        "summary": {"pages": len(result.pages), "errors": result.errors, "warnings": result.warnings},
    }


def as_json(result: Result) -> str:
    return json.dumps(as_json_object(result), ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


GITHUB_LEVELS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def as_github(result: Result) -> str:
    lines = []
    for f in result.findings:
        props = [f"file={_escape_property(f.path)}"]
        if f.line:
            props.append(f"line={f.line}")
        if f.column:
            props.append(f"col={f.column}")
        props.append(f"title={_escape_property(f.rule)}")
        suggestion = f" ({f.suggestion})" if f.suggestion else ""
        message = f.message + suggestion + link_suffix(_link(result, f))
        lines.append(f"::{GITHUB_LEVELS[f.severity.value]} {','.join(props)}::{_escape_data(message)}")
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Result], str]] = {"text": as_text, "json": as_json, "github": as_github}
