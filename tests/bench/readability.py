"""Benchmark of the readability pass: milliseconds per page (not a test; run it by hand, record the result).

    .venv/bin/python tests/bench/readability.py [--rounds 200]

Measures what `patienthub check` spends on readability per page: prose extraction, sentence splitting,
syllables, rare-word look-ups, the rules and the metrics. Each round starts from a fresh Page, so nothing is
served from the page's cache; word-level memos (syllables, word frequencies) stay warm, as in a real run over
many pages. The one-off start-up (loading wordfreq's Dutch list and Pyphen's dictionary) is reported apart.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    from patienthub.checks import readability
    from patienthub.domain.readability import analyse
    from patienthub.load.config import load_project
    from patienthub.load.loader import load_page, load_site

    site = load_site(load_project(ROOT / "mkdocs.yml"), dt.date(2026, 11, 22))
    corpus = sorted((ROOT / "tests" / "corpus" / "readability").glob("*.md"))
    pages = [*site.pages, *(load_page(path, site.project) for path in corpus)]

    def one_pass(page) -> None:
        fresh = dataclasses.replace(page)  # a new Page: its prose is extracted again
        analyse.cache_clear()
        list(readability.check_page(fresh, site))
        readability.metrics(fresh, site)

    one_pass(pages[0])
    startup = time.perf_counter() - started
    for page in pages:  # warm the word-level memos once, as a run over many pages does
        one_pass(page)

    rows = []
    for page in pages:
        timings = []
        for _ in range(args.rounds):
            begin = time.perf_counter()
            one_pass(page)
            timings.append(time.perf_counter() - begin)
        rows.append((page.path, page.prose.words, statistics.median(timings) * 1000))

    typical = [ms for path, words, ms in rows if not Path(path).name.startswith(("formal-", "tricky-"))]
    print(f"Python {platform.python_version()} on {platform.machine()}, {args.rounds} rounds per page")
    print(f"Start-up (imports, word lists, first page): {startup * 1000:.0f} ms\n")
    print("| page | words | ms per page (median) |")
    print("|---|---:|---:|")
    for path, words, ms in rows:
        print(f"| `{path}` | {words} | {ms:.2f} |")
    print(f"\nTypical patient page (median of {len(typical)} B1 pages): {statistics.median(typical):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
