"""The package's own data files (data/*.yml): written by us, shipped with the code and part of
the cache's code fingerprint. Read with libyaml where PyYAML has it (about ten times faster than the pure
Python reader; every command start reads several of them)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def text(*parts: str) -> str:
    return resources.files("patienthub").joinpath(*parts).read_text(encoding="utf-8")


@cache
def yaml_file(name: str) -> Any:
    """data/<name>, as YAML reads it. Shared by every caller: do not change what it returns."""
    return yaml.load(text("data", name), Loader=_LOADER)
