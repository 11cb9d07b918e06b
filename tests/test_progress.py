"""The progress line: on a terminal it counts up and is wiped; in CI, in pipes and logs it stays quiet."""

from __future__ import annotations

import io

import pytest
from tests.conftest import run_cli, run_in_terminal

from patienthub.core import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "environ", "shown"),
    [
        (Terminal(), {}, True),
        (Terminal(), {"CI": "true"}, False),
        (Terminal(), {"CI": "1"}, False),
        (Terminal(), {"CI": "false"}, True),
        (io.StringIO(), {}, False),
    ],
)
def test_only_a_terminal_outside_ci_gets_a_progress_line(stream, environ, shown):
    assert (progress.for_terminal(stream, environ) is not None) == shown


def test_the_line_counts_up_and_is_wiped_at_the_end(monkeypatch):
    stream = Terminal()
    line = progress.ProgressLine(stream)
    monkeypatch.setattr(progress, "INTERVAL", 0)
    line(1, 4)
    line(2, 4)
    assert stream.getvalue().endswith("\rpatienthub: 2/4 pagina's gecontroleerd (50 %)")
    line(4, 4)
    assert stream.getvalue().endswith(
        "\r" + " " * len("patienthub: 2/4 pagina's gecontroleerd (50 %)") + "\r"
    )


def test_redraws_are_limited(monkeypatch):
    stream = Terminal()
    line = progress.ProgressLine(stream)
    for done in range(1, 1000):
        line(done, 1000)
    assert stream.getvalue().count("\r") < 10  # drawn once, then at most every INTERVAL


def _check_with_stderr_on_a_terminal(root, environ: dict[str, str]) -> bytes:
    command = ("check", "--today", "2026-11-22", "--no-cache")
    return run_in_terminal(*command, cwd=root, streams=("stderr",), env=environ)[1]


def test_the_real_command_shows_progress_on_a_terminal(repo):
    for name in ("a", "b", "c"):
        repo.page(f"{name}.md")
    seen = _check_with_stderr_on_a_terminal(repo.root, {})
    assert b"pagina's gecontroleerd" in seen
    assert seen.endswith(b"\r")  # wiped before the findings are printed


def test_the_real_command_is_quiet_in_ci_and_in_a_pipe(repo):
    repo.page("a.md")
    assert _check_with_stderr_on_a_terminal(repo.root, {"CI": "true"}) == b""
    result = run_cli("check", "--today", "2026-11-22", cwd=repo.root)
    assert result.stderr == ""
