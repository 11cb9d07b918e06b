"""A map over worker processes for pure, CPU-bound work (the machine's other cores stand idle otherwise)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

A = TypeVar("A")
R = TypeVar("R")
# Below this many items, starting worker processes costs more than it saves.
MIN_ITEMS = 8


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    # Workers inherit the parent's memory by fork; where there is no fork, one process does it all.
    return "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable[[A], R], items: Sequence[A], jobs: int) -> list[R]:
    """[function(item) for item in items], on `jobs` processes when that pays; the same list either way.
    `function` must be a module-level function (it is pickled by name)."""
    if jobs <= 1 or len(items) < MIN_ITEMS or not can_fork():
        return [function(item) for item in items]
    with multiprocessing.get_context("fork").Pool(min(jobs, len(items))) as pool:
        return pool.map(function, items, chunksize=max(1, len(items) // (jobs * 8)))
