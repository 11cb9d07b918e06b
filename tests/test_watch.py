"""engine/watch.py: which files `check --watch` looks at, and when it sees a change."""

import os
import time

from tests.conftest import GOOD_META, page_text

from patienthub.engine import watch
from patienthub.load.config import load_project


def test_snapshot_covers_pages_copied_files_data_and_settings_and_sees_every_kind_of_change(repo):
    page = repo.page("index.md")
    picture = repo.write("content/plaatje.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    terms = repo.write("content/_data/terms.yml", "terms: {}\n")
    config = repo.root / "mkdocs.yml"
    project = load_project(config)
    before = watch.snapshot(project, config)
    assert {page.as_posix(), picture.as_posix(), terms.as_posix(), config.as_posix()} <= set(before)
    assert not [p for p in before if "/site/" in p or "/.git/" in p]

    page.write_text(page_text(meta=GOOD_META.replace("Lage rugpijn", "Rugpijn", 1)), encoding="utf-8")
    picture.unlink()
    new = repo.page("nieuw.md")
    os.utime(terms, ns=(1, 1))  # only its time: an editor's save without a change still counts
    after = watch.snapshot(project, config)
    assert watch.changed(before, after) == sorted(p.as_posix() for p in (page, picture, new, terms))
    assert watch.changed(after, watch.snapshot(project, config)) == []


def test_wait_returns_once_a_file_has_settled():
    states = iter([{"a": (1, 1)}, {"a": (1, 1)}, {"a": (2, 5)}, {"a": (3, 9)}, {"a": (3, 9)}])
    waits = []
    state, paths = watch.wait_for_change(
        {"a": (1, 1)}, lambda: next(states), wait=waits.append, sleep=waits.append
    )
    # no change, then a change that is still being written, then settled
    assert (state, paths) == ({"a": (3, 9)}, ["a"])
    assert waits == [watch.POLL_SECONDS] * 3 + [watch.SETTLE_SECONDS] * 2


def test_a_file_that_only_exists_during_a_save_is_not_reported():
    states = iter([{"a": (1, 1), "a.swp": (1, 1)}, {"a": (2, 2)}, {"a": (2, 2)}])
    state, paths = watch.wait_for_change(
        {"a": (1, 1)}, lambda: next(states), wait=lambda _: None, sleep=lambda _: None
    )
    assert (state, paths) == ({"a": (2, 2)}, ["a"])


def test_the_notifier_wakes_on_a_save_in_the_docs_folder_and_on_mkdocs_yml(repo):
    page = repo.page("index.md")
    config = repo.root / "mkdocs.yml"
    notifier = watch.Notifier.for_project(load_project(config), config)
    assert notifier is not None  # watchdog is a dependency; inotify works here
    try:
        started = time.perf_counter()
        notifier.wait(0.3)  # nothing happened: waits the whole time
        assert time.perf_counter() - started >= 0.3
        for changed in (page, config):
            changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            started = time.perf_counter()
            notifier.wait(10)
            assert time.perf_counter() - started < 5  # woken by the event, not by the time-out
    finally:
        notifier.stop()
