"""Progress of a long run on a terminal: one line on stderr that counts up and is wiped at the end.

Only when stderr is a terminal and the run is not in CI (the `CI` variable that GitHub Actions, GitLab and
most CI services set): logs and pipes get no control characters, and stdout (the findings) is never touched.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

INTERVAL = 0.1  # seconds between redraws: drawing is cheap, flooding a slow terminal is not


def in_ci(environ: Mapping[str, str]) -> bool:
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


class ProgressLine:
    """A `Progress` callback (done, total) for engine.run."""

    def __init__(self, stream: TextIO, what: str = "pagina's gecontroleerd") -> None:
        self.stream = stream
        self.what = what
        self.last_draw = 0.0
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last_draw < INTERVAL:
            return
        self.last_draw = now
        if done >= total:
            self.clear()
            return
        text = f"patienthub: {done}/{total} {self.what} ({done * 100 // max(total, 1)} %)"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def for_terminal(
    stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> ProgressLine | None:
    """A progress line on `stream` (default stderr), or None where it should stay quiet."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        interactive = False
    return ProgressLine(stream) if interactive and not in_ci(environ) else None
