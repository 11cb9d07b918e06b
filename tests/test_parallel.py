"""fork_map: the same answers in the same order on one core or several."""

import os

from patienthub.core import parallel


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_several_processes_give_the_same_list_as_one():
    items = list(range(40))
    serial = parallel.fork_map(_square_and_pid, items, 1)
    forked = parallel.fork_map(_square_and_pid, items, 2)
    assert [value for value, _ in forked] == [value for value, _ in serial] == [n * n for n in items]
    assert {pid for _, pid in serial} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in forked}  # really done by workers


def test_a_few_items_are_done_here():
    few = list(range(parallel.MIN_ITEMS - 1))
    assert {pid for _, pid in parallel.fork_map(_square_and_pid, few, 4)} == {os.getpid()}


def test_default_jobs_is_at_least_one():
    assert parallel.default_jobs() >= 1
