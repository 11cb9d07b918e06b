"""Pure, CPU-bound work on worker processes (the machine's other cores stand idle otherwise)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Hashable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import Generic, TypeVar

A = TypeVar("A", bound=Hashable)
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


class Prefetch(Generic[A, R]):
    """function(item) for each item, made on `workers` processes in the background, in the order given, while this
    process goes on with other work: `get(item)` waits only for the batch that holds the item. With no workers,
    without fork or for a few items, nothing is started and `get` computes the answer when asked. The workers are
    forked at once: start it before this process starts threads of its own. `function` must be module-level."""

    BATCH = 16  # items per task: fewer round trips than one by one, and the first answers come early

    def __init__(self, function: Callable[[A], R], items: Sequence[A], workers: int) -> None:
        self._function = function
        self._pending: dict[A, tuple[list[A], AsyncResult[list[R]]]] = {}
        self._done: dict[A, R] = {}
        self._pool: Pool | None = None
        if workers < 1 or len(items) < MIN_ITEMS or not can_fork():
            return
        self._pool = multiprocessing.get_context("fork").Pool(min(workers, len(items)))
        for start in range(0, len(items), self.BATCH):
            batch = list(items[start : start + self.BATCH])
            result = self._pool.map_async(function, batch, chunksize=len(batch))
            for item in batch:
                self._pending[item] = (batch, result)

    def _collect(self, batch: list[A], result: AsyncResult[list[R]]) -> None:
        for item, answer in zip(batch, result.get(), strict=True):
            self._done[item] = answer
            self._pending.pop(item, None)

    def get(self, item: A) -> R:
        if item in self._pending:
            self._collect(*self._pending[item])
        if item in self._done:
            return self._done.pop(item)
        return self._function(item)

    def finish(self) -> Iterator[tuple[A, R]]:
        """Every answer not taken by `get` yet (waiting for those still being made); then the workers stop."""
        try:
            while self._pending:
                self._collect(*next(iter(self._pending.values())))
            yield from self._done.items()
            self._done = {}
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop the workers at once (a build that failed does not wait for them)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
