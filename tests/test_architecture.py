"""The package's shape: no import cycle, and check modules are not a library for the rest.

The layer contract itself (imports only point down) is import-linter's, in pyproject.toml, run by `make test`.
Imports under `if TYPE_CHECKING:` are left out: they never run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

BIN = Path(sys.executable).parent

# Modules above the checks that run one particular check (not a helper of it): the command and fix for the
# terminology and link checks, and the plugin, which judges MkDocs' own HTML with the HTML and file checks.
RUNS_A_CHECK = {
    ("patienthub.adapters.commands.fix", "patienthub.checks.terminology"),
    ("patienthub.adapters.commands.links", "patienthub.checks.links"),
    ("patienthub.adapters.mkdocs_plugin", "patienthub.checks.files"),
    ("patienthub.adapters.mkdocs_plugin", "patienthub.checks.html"),
    ("patienthub.edit.fixes", "patienthub.checks.terminology"),
    ("patienthub.engine.external", "patienthub.checks.links"),
}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("patienthub", exclude_type_checking_imports=True)


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), package __init__s included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph.find_modules_directly_imported_by(module)):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_import_cycle(graph: grimp.ImportGraph):
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("a", "a.b", "a.c"):
        graph.add_module(module)
    graph.add_import(importer="a.b", imported="a.c")
    graph.add_import(importer="a.c", imported="a.b")
    assert _cycles(graph) == [["a.b", "a.c"]]


def test_check_modules_are_imported_only_by_what_runs_them(graph: grimp.ImportGraph):
    """Helpers the rest of the package needs (scores, Dutch numbers, placeholders) live below the checks."""
    check_modules = {m for m in graph.find_descendants("patienthub.checks")} - {"patienthub.checks.base"}
    outside = {
        (importer, imported)
        for imported in check_modules
        for importer in graph.find_modules_directly_imported_by(imported)
        | graph.find_modules_that_directly_import(imported)
        if not importer.startswith("patienthub.checks")
        and imported in graph.find_modules_directly_imported_by(importer)
    }
    assert outside == RUNS_A_CHECK


def test_layer_contract_holds():
    run = subprocess.run([BIN / "lint-imports", "--no-cache"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "1 kept, 0 broken" in run.stdout
