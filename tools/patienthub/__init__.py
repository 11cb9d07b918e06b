"""patienthub: the checks, model and adapters behind the central patient information on low back pain.

The public API is what this module exports (`__all__`); everything else is internal and may change. Names are
loaded on first use (PEP 562), so `import patienthub.core.findings` loads the findings and nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Public name -> the module that defines it.
_EXPORTS = {
    "Config": "load.config",
    "ConfigError": "core.errors",
    "Finding": "core.findings",
    "Page": "domain.model",
    "PageMeta": "domain.model",
    "PatientHubError": "core.errors",
    "Project": "load.config",
    "Result": "domain.result",
    "Rule": "core.findings",
    "Severity": "core.findings",
    "Site": "domain.model",
    "UsageError": "core.errors",
    "load_project": "load.config",
    "load_site": "load.loader",
    "run": "engine.runner",
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
    from patienthub.core.errors import ConfigError, PatientHubError, UsageError
    from patienthub.core.findings import Finding, Rule, Severity
    from patienthub.domain.model import Page, PageMeta, Site
    from patienthub.domain.result import Result
    from patienthub.engine.runner import run
    from patienthub.load.config import Config, Project, load_project
    from patienthub.load.loader import load_site


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'patienthub' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
