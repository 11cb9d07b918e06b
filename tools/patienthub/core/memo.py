"""Memo tables for pure functions that are costly the first time in a process: a word's frequency (loads
wordfreq's Dutch list), its syllables (loads Pyphen's dictionary), a page address's QR code. The content-hash
cache (cache.py) keeps the tables between runs, in a file named after patienthub's code and its dependencies'
versions, so a stored answer is the answer these versions give.

Only for functions whose answer depends on nothing but their (hashable) arguments.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_TABLES: dict[str, dict[Hashable, Any]] = {}
_BUILD_ONLY: set[str] = set()  # tables only a build reads (QR codes): kept in the build's part of the cache
# In a worker process: the answers it computed, to hand to the parent, which saves the tables (record()).
_RECORDED: list[tuple[str, Hashable, Any]] | None = None


def register(name: str, build_only: bool = False) -> dict[Hashable, Any]:
    """The table `name`, which the cache saves and restores; `build_only`: with the build's part of the cache."""
    if build_only:
        _BUILD_ONLY.add(name)
    return _TABLES.setdefault(name, {})


def persistent(name: str, build_only: bool = False) -> Callable[[F], F]:
    """Memoise a pure function in the table `name`, which the cache saves and restores."""
    table = register(name, build_only)

    def wrap(function: F) -> F:
        @functools.wraps(function)
        def memoised(*args: Hashable) -> Any:
            try:
                return table[args]
            except KeyError:
                value = table[args] = function(*args)
                if _RECORDED is not None:
                    _RECORDED.append((name, args, value))
                return value

        return memoised  # type: ignore[return-value]

    return wrap


def table(name: str) -> dict[Hashable, Any]:
    """The memo table `name` (arguments tuple -> answer), to fill ahead of use (e.g. on every core)."""
    return _TABLES.setdefault(name, {})


def snapshot(build: bool = False) -> dict[str, dict[Hashable, Any]]:
    """The tables of one part: the build's own (`build`) or every other."""
    return {name: dict(table) for name, table in _TABLES.items() if table and (name in _BUILD_ONLY) == build}


def size(build: bool = False) -> int:
    return sum(len(table) for name, table in _TABLES.items() if (name in _BUILD_ONLY) == build)


def restore(stored: Mapping[str, Mapping[Hashable, Any]]) -> None:
    """Add stored answers (a table of a module not imported yet is filled when it registers)."""
    for name, values in stored.items():
        _TABLES.setdefault(name, {}).update(values)


def record() -> None:
    """From now on (in a worker process), keep every new answer for recorded()."""
    global _RECORDED
    _RECORDED = []


def recorded() -> list[tuple[str, Hashable, Any]]:
    """The answers computed since the last call: a worker's, for its parent to add()."""
    global _RECORDED
    if _RECORDED is None:
        return []
    found, _RECORDED = _RECORDED, []
    return found


def add(answers: list[tuple[str, Hashable, Any]]) -> None:
    """Answers a worker process computed, into this process's tables (which the cache saves)."""
    for name, args, value in answers:
        _TABLES.setdefault(name, {})[args] = value
