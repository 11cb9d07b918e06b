"""patienthub: the checks, model and adapters behind the central patient information on low back pain.

The public API is what this module exports; everything else is internal and may change.
"""

from .config import Config, Project, load_project
from .engine import run
from .errors import ConfigError, PatientHubError, UsageError
from .findings import Finding, Rule, Severity
from .loader import load_site
from .model import Page, PageMeta, Site
from .result import Result

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
