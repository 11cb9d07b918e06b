"""Prefetch: the same answers on one core or several, made ahead by workers."""

import os

from patienthub.core import parallel


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_several_processes_give_the_same_answers_as_one():
    items = list(range(40))
    serial = [parallel.Prefetch(_square_and_pid, items, 0).get(n) for n in items]
    made = parallel.Prefetch(_square_and_pid, items, 2)
    forked = [made.get(n) for n in items]
    made.stop()
    assert [value for value, _ in forked] == [value for value, _ in serial] == [n * n for n in items]
    assert {pid for _, pid in serial} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in forked}  # really done by workers


def test_a_few_items_are_done_here():
    few = list(range(parallel.MIN_ITEMS - 1))
    made = parallel.Prefetch(_square_and_pid, few, 4)
    assert {made.get(n)[1] for n in few} == {os.getpid()}


def test_default_jobs_is_at_least_one():
    assert parallel.default_jobs() >= 1


def test_prefetch_gives_each_answer_once_made_by_workers_while_this_process_goes_on():
    items = list(range(50))
    made = parallel.Prefetch(_square_and_pid, items, 2)
    first, pid = made.get(37)  # from the middle: waits only for that batch
    assert first == 37 * 37 and pid != os.getpid()
    assert made.get(1000) == (1000 * 1000, os.getpid())  # not asked for ahead: made here
    rest = dict(made.finish())
    assert sorted(rest) == [n for n in items if n != 37]
    assert all(value == n * n and pid != os.getpid() for n, (value, pid) in rest.items())
    assert list(made.finish()) == []  # finished: nothing left, no workers


def test_prefetch_without_workers_makes_each_answer_when_asked():
    made = parallel.Prefetch(_square_and_pid, list(range(50)), 0)
    assert made.get(3) == (9, os.getpid())
    assert list(made.finish()) == []


def test_prefetch_stopped_early_leaves_no_workers():
    made = parallel.Prefetch(_square_and_pid, list(range(200)), 2)
    pool = made._pool
    assert pool is not None
    workers = list(pool._pool)
    made.stop()
    assert all(not worker.is_alive() for worker in workers)
