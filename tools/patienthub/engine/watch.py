"""`check --watch`: check again as soon as an editor saves a file, in the same process.

A `check` from the command line pays Python's start, the imports, the first use of the word lists and reading the
cache every time (about half a second before any page is judged); a process that stays keeps all of that, so a
re-check costs what the saved page costs. The operating system tells us a file changed (watchdog: inotify on
Linux), and the files' states (modification time, size) say which; where it cannot (no inotify left, some network
drives) the states are polled, ten times a second.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from patienthub.load.cache import input_files
from patienthub.load.config import Project

POLL_SECONDS = 0.1
NOTIFIED_POLL_SECONDS = 2.0  # with file events, a look at the states now and then all the same
SETTLE_SECONDS = 0.02  # a second look this much later: is the file still being written?

# path -> (modification time in ns, size); a symbolic link by its own state, never by what it points at
Snapshot = dict[str, tuple[int, int]]


def snapshot(project: Project, config_file: Path) -> Snapshot:
    """The state of every file a check reads: the docs folder (pages and the files the site copies, the data
    files when they are inside it), the data files and registries, the URL manifest, CODEOWNERS and mkdocs.yml."""
    state: Snapshot = {}
    _scan(str(project.docs_dir), state)
    if not project.data_dir.is_relative_to(project.docs_dir):
        _scan(str(project.data_dir), state)
    for path in (config_file, *input_files(project)):
        try:
            stat = os.lstat(path)
        except OSError:
            continue  # gone between listing and reading: the next look sees it gone
        state[path.as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return state


def _scan(folder: str, state: Snapshot) -> None:
    """Every file under `folder` (os.scandir: a few milliseconds for a thousand pages, polled ten times a
    second)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                _scan(entry.path, state)
            else:
                stat = entry.stat(follow_symlinks=False)
                state[entry.path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """Files added, removed or written since `before`."""
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def wait_for_change(
    before: Snapshot,
    take: Callable[[], Snapshot],
    wait: Callable[[float], object] = time.sleep,
    poll: float = POLL_SECONDS,
    settle: float = SETTLE_SECONDS,
    sleep: Callable[[float], object] = time.sleep,
) -> tuple[Snapshot, list[str]]:
    """Block until a file changes; the new state and the files that changed. `wait(poll)` returns after `poll`
    seconds or earlier when told of a file event. A file still being written (its state differs a moment later)
    is waited for, so a save in two steps is checked once."""
    while True:
        wait(poll)
        now = take()
        paths = changed(before, now)
        if not paths:
            continue
        while True:
            sleep(settle)
            settled = take()
            if settled == now:
                return settled, changed(before, settled)
            now = settled


class Notifier:
    """File events from the operating system for the folders `snapshot` reads: `wait(seconds)` returns as soon
    as something in them changed (or after `seconds`)."""

    def __init__(self, folders: dict[Path, bool]) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self._changed = threading.Event()
        changed = self._changed

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: object) -> None:
                changed.set()

        self._observer = Observer()
        for folder, recursive in folders.items():
            self._observer.schedule(Handler(), str(folder), recursive=recursive)
        self._observer.daemon = True
        self._observer.start()

    @classmethod
    def for_project(cls, project: Project, config_file: Path) -> Notifier | None:
        """None when the system gives no events (watchdog missing, no inotify watches left): then poll."""
        folders = {project.docs_dir: True}
        if not project.data_dir.is_relative_to(project.docs_dir):
            folders[project.data_dir] = True
        for path in (config_file, *input_files(project)):
            if not any(path.is_relative_to(folder) for folder, recursive in folders.items() if recursive):
                folders.setdefault(path.parent, False)
        try:
            return cls({folder: recursive for folder, recursive in folders.items() if folder.is_dir()})
        except Exception:  # ImportError, OSError (inotify limit), anything the platform's observer raises
            return None

    def wait(self, seconds: float) -> None:
        self._changed.wait(seconds)
        self._changed.clear()

    def stop(self) -> None:
        self._observer.stop()
