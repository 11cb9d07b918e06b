"""The public API (patienthub/__init__.py): every public name exported once, documented, and loaded lazily."""

from __future__ import annotations

import inspect
import subprocess
import sys

import patienthub


def test_every_public_name_is_exported_once_and_documented():
    assert len(patienthub.__all__) == len(set(patienthub.__all__))
    for name in patienthub.__all__:
        value = getattr(patienthub, name)
        assert inspect.getdoc(value), f"{name} has no docstring"
        module = value.__module__
        assert module.startswith("patienthub."), (name, module)


def test_all_lists_exactly_the_lazy_exports():
    assert sorted(patienthub.__all__) == sorted(patienthub._EXPORTS)


def test_an_unknown_name_is_an_attribute_error():
    try:
        patienthub.does_not_exist  # noqa: B018
    except AttributeError as exc:
        assert "does_not_exist" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_importing_the_findings_loads_only_what_findings_need():
    code = "import sys, patienthub.core.findings; print(sorted(m for m in sys.modules if m.startswith('patienthub')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert eval(loaded) == ["patienthub", "patienthub.core", "patienthub.core.findings"]
