"""patienthub: the checks, model and adapters behind the central patient information on low back pain.

The public API is what this module exports (`__all__`); everything else is internal and may change. Names are
loaded on first use (PEP 562), so `import patienthub.findings` loads the findings and nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name -> the module that defines it.
_EXPORTS = {
    "Config": "config",
    "ConfigError": "errors",
    "Finding": "findings",
    "Page": "model",
    "PageMeta": "model",
    "PatientHubError": "errors",
    "Project": "config",
    "Result": "result",
    "Rule": "findings",
    "Severity": "findings",
    "Site": "model",
    "UsageError": "errors",
    "load_project": "config",
    "load_site": "loader",
    "run": "engine",
}
__all__ = [
    "Config",
    "ConfigError",
    "Finding",
    "Page",
    "PageMeta",
    "PatientHubError",
    "Project",
    "Result",
    "Rule",
    "Severity",
    "Site",
    "UsageError",
    "load_project",
    "load_site",
    "run",
]

if TYPE_CHECKING:
    from .config import Config, Project, load_project
    from .engine import run
    from .errors import ConfigError, PatientHubError, UsageError
    from .findings import Finding, Rule, Severity
    from .loader import load_site
    from .model import Page, PageMeta, Site
    from .result import Result


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'patienthub' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
