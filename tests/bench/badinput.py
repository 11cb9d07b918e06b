"""Benchmark of the bad-input corpus: wall time and peak memory of `patienthub check` over all of it, and how the
time grows with the size of hostile input (it must grow linearly). Not a test; run it by hand, record the result.

    .venv/bin/python tests/bench/badinput.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.badinput.generated import META  # noqa: E402
from tests.test_badinput import write_corpus  # noqa: E402

HOSTILE = "[a]( [[[ <a b=' `` ``` {: *a _b ![ <!-- &#x6A; "


def check(root: Path, *paths: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one real CLI run."""
    command = [
        sys.executable,
        "-m",
        "patienthub",
        "check",
        "--today",
        "2026-11-22",
        "--format",
        "json",
        *paths,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_corpus(Path(tmp) / "repo").root
        runs = [check(root) for _ in range(args.rounds)]
        print(f"Python {platform.python_version()} on {platform.machine()}, {args.rounds} rounds")
        pages = len(list((root / "content").glob("*.m*")))
        print(
            f"Whole corpus ({pages} pages): {statistics.median(r[0] for r in runs):.2f} s (median), "
            f"peak memory {max(r[1] for r in runs):.0f} MB\n"
        )
        print("| hostile page | seconds (whole run, that page only) |")
        print("|---:|---:|")
        for size in (50_000, 100_000, 200_000, 400_000):
            page = root / "content" / f"hostile-{size}.md"
            page.write_text(
                META + "# Lage rugpijn\n\n" + HOSTILE * (size // len(HOSTILE)) + "\n", encoding="utf-8"
            )
            seconds = statistics.median(check(root, str(page))[0] for _ in range(args.rounds))
            print(f"| {size // 1000} KB | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
