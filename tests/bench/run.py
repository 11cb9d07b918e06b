"""Benchmark of patienthub at scale: `make bench` (not part of `make test`). Writes tests/bench/RESULTS.md.

    .venv/bin/python tests/bench/run.py [--sizes 100,1000,5000] [--output tests/bench/RESULTS.md] [--keep DIR]

For each size it generates a realistic Dutch repository (tests/bench/corpus.py) in a temporary folder and measures,
in one run and one after the other, so ratios compare like with like on the same (shared) machine:
- `patienthub check` without cache (cold), with an empty cache that it fills (as on a fresh clone in CI), with
  a full cache (warm, nothing changed), and at 1,000 pages after editing one page (the editor's loop;
  content-hash cache), and whether a run on one core prints exactly what a run on every core prints;
- `mkdocs build` of the same pages and theme settings without the patienthub plugin (plain: no plugins at all
  and no `overrides/`, whose templates show the plugin's data; for context also with Material's built-in
  search), and with the plugin: cold (empty cache) and warm (after `patienthub check`, as
  `make site` runs them). The plugin build includes everything it does: checks, generated pages (glossary,
  dashboard, redirects, code pages, feeds, API), transforms, and the Pagefind index after the build;
- wall time, CPU time and peak memory (max RSS) of each process, and the HTML bytes of the patients' pages.
Every target is judged on wall time, as a user waits for it. The machine is shared: the load average around each
measurement is recorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # tests/bench is not a package: found through sys.path

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-22"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": TODAY}
ENV.pop("CI", None)
# Python caches compiled modules as on any editor's machine or CI runner; a sandbox that turns this off would
# otherwise make every `patienthub` run compile the package from source again (about 0.1 s).
ENV.pop("PYTHONDONTWRITEBYTECODE", None)
EDITS = 5  # edits of one page at 1,000 pages; the median counts


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    load: float  # 1-minute load average at the start

    def __str__(self) -> str:
        return f"{self.wall:.2f} s"


def measure(command: list[str], cwd: Path, ok: tuple[int, ...] = (0,)) -> Run:
    """Run a command to the end: wall time, CPU time (its own and its children's) and peak memory."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in ok:
        tail = errors.decode("utf-8", "replace").strip().splitlines()[-5:]
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n" + "\n".join(tail))
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, load)


def check(root: Path, *extra: str, ok: tuple[int, ...] = (0,)) -> Run:
    # The corpus passes (warnings only), as a published site must; a page after an edit may not (`ok`).
    return measure([str(BIN / "patienthub"), "check", "--today", TODAY, *extra], root, ok=ok)


def printed(root: Path, *extra: str) -> bytes:
    """What a cold `check` prints as JSON (to compare runs)."""
    command = [str(BIN / "patienthub"), "check", "--no-cache", "--today", TODAY, "--format", "json", *extra]
    return subprocess.run(command, cwd=root, env=ENV, capture_output=True, check=False).stdout


def watched_edits(root: Path, first: int) -> tuple[list[tuple[float, float]], bool]:
    """`check --watch` on the corpus: for each of EDITS edits of one page, the seconds from saving the file to the
    report (polling included) and the re-check time the report states; and whether it stopped on Ctrl-C."""
    # Its stderr to a file, with faulthandler on: if it does not stop on Ctrl-C, SIGABRT makes it print where
    # every thread is (seen under load, never reproduced by hand); the file is kept then, and named.
    with tempfile.NamedTemporaryFile(prefix="patienthub-watch-", suffix=".txt", delete=False) as errors:
        times, stopped = _watched_edits(root, first, errors)
    if stopped:
        Path(errors.name).unlink(missing_ok=True)
    else:
        print(f"   check --watch did not stop on Ctrl-C; where its threads were: {errors.name}", flush=True)
    return times, stopped


def _watched_edits(root: Path, first: int, errors: IO[bytes]) -> tuple[list[tuple[float, float]], bool]:
    command = [str(BIN / "patienthub"), "check", "--watch", "--today", TODAY]
    env = {**ENV, "PYTHONFAULTHANDLER": "1"}
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=errors)
    assert process.stdout is not None
    stated = re.compile(rb"Opnieuw gecontroleerd in (\d+),(\d+) s")

    def line_with(text: bytes) -> bytes:
        for line in process.stdout:
            if text in line:
                return line
        raise SystemExit(f"check --watch stopped before printing {text!r}")

    times = []
    try:
        line_with(b"Ik wacht op wijzigingen")
        time.sleep(3)  # its warm-up (one page checked once) is done before the first save
        for index in range(first, first + EDITS):
            saved = time.perf_counter()
            edit_one_page(root, index)
            match = stated.search(line_with(b"Opnieuw gecontroleerd in"))
            assert match is not None
            times.append((time.perf_counter() - saved, float(f"{match[1].decode()}.{match[2].decode()}")))
            time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:  # recorded in the results, not a crash of the whole benchmark
            process.send_signal(signal.SIGABRT)  # faulthandler writes every thread's stack, then it ends
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            return times, False
    return times, True


def build(root: Path, config: str, site: Path) -> Run:
    return measure([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", config, "-d", str(site)], root)


@dataclass
class Size:
    pages: int
    check_cold: Run
    check_warm: Run
    plain: Run
    plain_search: Run
    build_cold: Run
    build_warm: Run
    rebuild: Run
    html: Html
    breakdown: dict[str, float] = field(default_factory=dict)
    edits: list[Run] = field(default_factory=list)
    edit_new_word: Run | None = None
    watched: list[tuple[float, float]] = field(default_factory=list)  # check --watch: save→report, stated
    watch_stopped: bool = True  # check --watch ended within 60 s of Ctrl-C
    changed: Run | None = None
    ci_check: Run | None = None  # the CI path's check: no cache yet, the cache written for the build
    serial_same: bool | None = None  # `check --jobs 1` printed exactly what the run on every core printed

    @property
    def ci_path(self) -> float:
        """Wall seconds of `make site` on a fresh clone: check (empty cache), then the build after it."""
        assert self.ci_check is not None
        return self.ci_check.wall + self.build_warm.wall


@dataclass
class Html:
    mean_kb: float  # every corpus page
    max_kb: float  # the largest page without an icon array
    max_page: str
    figures_kb: float  # the largest page with an icon array (its size does not grow with the site)
    figures_page: str
    generated_kb: float  # the largest generated page (dashboard, glossary, code lists)
    generated_page: str


def html_sizes(site: Path, corpus_root: Path) -> Html:
    pages: dict[Path, float] = {}
    for md in (corpus_root / "content").rglob("*.md"):
        if "_data" in md.parts:
            continue
        rel = md.relative_to(corpus_root / "content").with_suffix("")
        out = site / (rel.parent if rel.name == "index" else rel) / "index.html"
        pages[out] = out.stat().st_size / 1024
    figures = {p for p in pages if "ph-iconarray" in p.read_text(encoding="utf-8")}
    plain = max((p for p in pages if p not in figures), key=pages.__getitem__)
    figure = max(figures or pages, key=pages.__getitem__)
    generated = {
        path: path.stat().st_size / 1024
        for path in site.rglob("*.html")
        if path not in pages and "pagefind" not in path.parts
    }
    biggest = max(generated, key=generated.__getitem__)
    return Html(
        statistics.mean(pages.values()),
        pages[plain],
        plain.relative_to(site).as_posix(),
        pages[figure],
        figure.relative_to(site).as_posix(),
        generated[biggest],
        biggest.relative_to(site).as_posix(),
    )


def edit_one_page(root: Path, index: int, new_word: bool = False) -> Path:
    """Add a sentence to one page, as an editor does: one of the corpus's own sentences (its words are known to
    the cache's word tables), or with `new_word` one with a word no page used before."""
    pages = sorted(
        p for p in (root / "content").rglob("*.md") if "_data" not in p.parts and p.name != "index.md"
    )
    page = pages[len(pages) // 2]
    sentences = corpus.prose_pool()[0]
    added = "Een fietstocht door het bos is ook goed." if new_word else sentences[index * 7 % len(sentences)]
    text = page.read_text(encoding="utf-8").replace("\n## ", f"\n{added}\n\n## ", 1)
    page.write_text(text, encoding="utf-8")
    return page


def breakdown(root: Path, config: str, site: Path) -> dict[str, float]:
    """CPU seconds per part of one build (tests/bench/breakdown.py)."""
    script = Path(__file__).with_name("breakdown.py")
    command = [sys.executable, str(script), config, str(site)]
    done = subprocess.run(command, cwd=root, env=ENV, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench(size: int, work: Path) -> Size:
    print(f"\n== {size} pages", flush=True)
    started = time.perf_counter()
    generated = corpus.generate(work / f"corpus-{size}", size)
    root = generated.root
    (root / "plain.yml").write_text(corpus.mkdocs_yml([]), encoding="utf-8")
    (root / "search.yml").write_text(corpus.mkdocs_yml(["search"]), encoding="utf-8")
    print(f"   {generated.pages} pages generated in {time.perf_counter() - started:.0f} s", flush=True)
    cache = root / ".patienthub-cache"

    check_cold = check(root, "--no-cache")
    print(f"   check cold {check_cold}", flush=True)
    plain = build(root, "plain.yml", work / "plain")
    print(f"   plain build {plain}", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    build_cold = build(root, "mkdocs.yml", work / "site")
    print(f"   plugin build, empty cache {build_cold}", flush=True)
    html = html_sizes(work / "site", root)
    plain_search = build(root, "search.yml", work / "plain-search")
    print(f"   plain build with Material search {plain_search}", flush=True)
    shutil.rmtree(cache, ignore_errors=True)
    ci_check = check(root)  # fills the cache, as `make site` does before it builds
    print(f"   check with an empty cache (CI) {ci_check}", flush=True)
    check_warm = check(root)
    print(f"   check warm {check_warm}", flush=True)
    build_warm = build(root, "mkdocs.yml", work / "site")
    print(f"   plugin build after check {build_warm}", flush=True)
    rebuild = build(root, "mkdocs.yml", work / "site")
    print(f"   plugin build again (its own cache) {rebuild}", flush=True)
    result = Size(
        generated.pages, check_cold, check_warm, plain, plain_search, build_cold, build_warm, rebuild, html
    )
    result.ci_check = ci_check

    if size == 1000:
        result.breakdown = breakdown(root, "mkdocs.yml", work / "site")
        plain_parts = breakdown(root, "plain.yml", work / "plain")
        result.breakdown.update({f"plain: {name}": seconds for name, seconds in plain_parts.items()})
        for index in range(EDITS):
            edit_one_page(root, index)
            result.edits.append(check(root, ok=(0, 1)))
        print(f"   check after editing one page: {', '.join(map(str, result.edits))}", flush=True)
        edit_one_page(root, EDITS, new_word=True)
        result.edit_new_word = check(root, ok=(0, 1))
        print(f"   check after an edit with a new word {result.edit_new_word}", flush=True)
        result.watched, result.watch_stopped = watched_edits(root, EDITS + 1)
        print(
            "   check --watch, save to report: "
            + ", ".join(f"{saved:.2f} s (re-check {stated:.2f} s)" for saved, stated in result.watched),
            flush=True,
        )
        result.changed = check(root, "--changed", ok=(0, 1))
        print(f"   check --changed {result.changed}", flush=True)
        result.serial_same = printed(root, "--jobs", "1") == printed(root)
        print(f"   serial and parallel output identical: {result.serial_same}", flush=True)
    for folder in ("plain", "plain-search", "site"):
        shutil.rmtree(work / folder, ignore_errors=True)
    return result


# --- the report ----------------------------------------------------------------------------------------------


def verdict(holds: bool) -> str:
    return "✅ holds" if holds else "❌ does not hold"


def per_page_ms(run: Run, pages: int) -> float:
    return run.wall / pages * 1000


def report(sizes: list[Size], started: dt.datetime, seconds: float) -> str:
    thousand = next((s for s in sizes if s.edits), None)
    largest = sizes[-1]
    rows = []
    if thousand:
        cold = thousand.check_cold.wall / thousand.plain.wall
        warm = thousand.check_warm.wall / thousand.plain.wall
        rows.append(
            (
                "`check` over 1,000 pages: cold ≤ 0.25 × the plain build",
                f"{cold:.2f} × ({thousand.check_cold} vs {thousand.plain})",
                verdict(cold <= 0.25),
            )
        )
        rows.append(
            (
                "`check` over 1,000 pages: warm (nothing changed) ≤ 0.05 × the plain build",
                f"{warm:.3f} × ({thousand.check_warm})",
                verdict(warm <= 0.05),
            )
        )
        search = thousand.plain_search.wall
        again, empty = thousand.rebuild.wall / search, thousand.build_cold.wall / search
        rows.append(
            (
                "build with the plugin, built again ≤ 1.10 × a plain build with Material's search",
                f"{again:.2f} × ({thousand.rebuild} vs {thousand.plain_search})",
                verdict(again <= 1.10),
            )
        )
        rows.append(
            (
                "build with the plugin, empty cache ≤ 1.5 × a plain build with Material's search",
                f"{empty:.2f} × ({thousand.build_cold})",
                verdict(empty <= 1.5),
            )
        )
        ci = thousand.ci_path / search
        rows.append(
            (
                "CI path (check with an empty cache, then build) ≤ 1.5 × a plain build with Material's search",
                f"{ci:.2f} × ({thousand.ci_path:.2f} s: check {thousand.ci_check}, build {thousand.build_warm})",
                verdict(ci <= 1.5),
            )
        )
        edit = statistics.median(run.wall for run in thousand.edits)
        rows.append(
            (
                "re-check after editing one page of 1,000 < 0.3 s",
                f"median {edit:.2f} s over {len(thousand.edits)} edits (CPU "
                f"{statistics.median(run.cpu for run in thousand.edits):.2f} s); an edit with a word no page "
                f"used before: {thousand.edit_new_word}; `check --changed`: {thousand.changed}",
                verdict(edit < 0.3),
            )
        )
        if thousand.watched:
            saved = statistics.median(seconds for seconds, _ in thousand.watched)
            stated = statistics.median(seconds for _, seconds in thousand.watched)
            rows.append(
                (
                    "re-check after editing one page of 1,000 < 0.3 s, with `check --watch` (the process stays)",
                    f"median {saved:.2f} s from saving the file to the report over {len(thousand.watched)} edits "
                    f"(polling every 0.1 s included; the re-check itself {stated:.2f} s)"
                    + (
                        ""
                        if thousand.watch_stopped
                        else "; it did not stop within 60 s of Ctrl-C and was killed"
                    ),
                    verdict(saved < 0.3),
                )
            )
        rows.append(
            (
                "serial and parallel results byte-identical (1,000 pages, `--format json`)",
                "identical" if thousand.serial_same else "different",
                verdict(bool(thousand.serial_same)),
            )
        )
    if largest.pages >= 5000:
        rows.append(
            (
                f"{largest.pages:,} pages: CI path < 2 min",
                f"{largest.ci_path / 60:.1f} min (check {largest.ci_check}, build {largest.build_warm}); "
                f"with an empty cache the build alone: {largest.build_cold.wall / 60:.1f} min",
                verdict(largest.ci_path < 120),
            )
        )
        rows.append(
            (
                f"{largest.pages:,} pages: memory of check ≤ 200 MB",
                f"{largest.check_cold.peak_mb:.0f} MB (peak resident set, cold)",
                verdict(largest.check_cold.peak_mb <= 200),
            )
        )
    html = largest.html
    rows.append(
        (
            f"≤ 60 KB HTML per page ({largest.pages:,} pages)",
            f"mean {html.mean_kb:.0f} KB; largest page {html.max_kb:.0f} KB (`{html.max_page}`). Pages with "
            f"an icon array are larger whatever the size of the site: up to {html.figures_kb:.0f} KB "
            f"(`{html.figures_page}`). Largest generated page: {html.generated_kb:.0f} KB "
            f"(`{html.generated_page}`, for editors)",
            verdict(html.max_kb <= 60)
            + ("; not for pages with an icon array" if html.figures_kb > 60 else ""),
        )
    )
    smallest = sizes[0]
    if len(sizes) > 1:
        marginal = [
            (b.check_cold.wall - a.check_cold.wall) / (b.pages - a.pages) * 1000
            for a, b in itertools.pairwise(sizes)
        ]
        linear = max(marginal) <= 1.25 * min(marginal)
        rows.append(
            (
                "check cost linear in pages",
                "per page (cold, incl. start-up): "
                + ", ".join(f"{per_page_ms(s.check_cold, s.pages):.1f} ms at {s.pages:,}" for s in sizes)
                + "; each extra page: "
                + ", ".join(
                    f"{m:.1f} ms ({a.pages:,}→{b.pages:,})"
                    for m, (a, b) in zip(marginal, itertools.pairwise(sizes), strict=True)
                ),
                verdict(linear),
            )
        )

    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`tests/bench/run.py`); do not edit by hand. The corpus is generated by",
        "`tests/bench/corpus.py`: Dutch pages in nested sections built from this repository's own sentences, data",
        "folder (termbase, advice, key messages, outcome data), theme settings and overrides. How each number is",
        "measured is described at the top of `run.py`.",
        "",
        f"Run {started:%Y-%m-%d %H:%M}, {seconds / 60:.0f} min; Python {platform.python_version()} on "
        f"{platform.machine()}, {os.cpu_count()} cores, a shared machine (load average at each step below).",
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
        *(f"| {t} | {m} | {v} |" for t, m, v in rows),
        "",
        "## All measurements",
        "",
        "Wall time (CPU time in brackets), peak memory of the process. *Plain* is `mkdocs build` of the same pages",
        "and theme settings without the patienthub plugin, without any other plugin and without `overrides/` (its",
        "templates show the plugin's data); *+search* adds Material's built-in search plugin, as a site without",
        "patienthub would have.",
        "",
        "| pages | check cold | check, empty cache (CI) | check warm | plain build | plain +search | "
        "plugin build, empty cache | plugin build after check | plugin build again | peak memory check / build | "
        "HTML per page (mean / max / max with icon array) | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in sizes:
        assert s.ci_check is not None
        runs = (
            s.check_cold,
            s.ci_check,
            s.check_warm,
            s.plain,
            s.plain_search,
            s.build_cold,
            s.build_warm,
            s.rebuild,
        )
        loads = [r.load for r in runs]
        out.append(
            f"| {s.pages:,} | "
            + " | ".join(f"{r.wall:.1f} s ({r.cpu:.1f})" for r in runs)
            + f" | {s.check_cold.peak_mb:.0f} / {s.build_cold.peak_mb:.0f} MB"
            + f" | {s.html.mean_kb:.0f} / {s.html.max_kb:.0f} / {s.html.figures_kb:.0f} KB"
            + f" | {min(loads):.1f}–{max(loads):.1f} |"
        )
    if thousand and thousand.breakdown:
        out += [
            "",
            "## Where the build with the plugin spends its time (1,000 pages, built again)",
            "",
            "CPU seconds per part, measured in one build by `tests/bench/breakdown.py` (after the build: wall",
            "time of Pagefind, which runs alongside the CSS trimming and compression, and of the wait for it). *Render* is Python-Markdown; *templates+write* is the theme's templates",
            "(with the hooks that run inside them) and writing the file. The plain build spends "
            f"{thousand.breakdown.get('plain: render content pages', 0):.2f} s and "
            f"{thousand.breakdown.get('plain: templates+write content pages', 0):.2f} s on the same content pages, "
            f"of {thousand.breakdown.get('plain: total (CPU of every thread, without Pagefind)', 0):.2f} s.",
            "",
            "| part | seconds |",
            "|---|---:|",
            *(
                f"| {name} | {seconds:.2f} |"
                for name, seconds in thousand.breakdown.items()
                if not name.startswith("plain: ")
            ),
        ]
    out += [
        "",
        "## Reading the results",
        "",
        "- *Check, cold*: the checks read every page's Dutch prose (sentences, syllables, word frequencies, the",
        "  termbase and advice rules, links); per page that costs about as much as MkDocs spends rendering it. The",
        "  content-hash cache makes every later run cheap; what remains of a warm run is mostly starting Python",
        "  and importing the checks and their libraries, and reading every page to see whether it changed.",
        "- *Build*: besides the checks, the plugin adds the Pagefind index, templates in `overrides/` (review",
        "  dates, owner, JSON-LD, sharing and the printed QR code), the transformed content (outcome blocks,",
        "  glossary links, key messages) and generated pages (the editors' dashboard with a row per page, a",
        "  redirect page per short link and clinical code). The table above says which part costs what.",
        "- *Memory* is the peak resident set of the process; the build's includes MkDocs holding every page.",
        "",
        f"Smallest corpus ({smallest.pages} pages): the fixed start-up dominates its per-page cost.",
        "",
        "The readability pass on its own has a finer benchmark: `tests/bench/readability.py`, results in",
        "`tests/bench/results-readability.md`.",
        "",
    ]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000", help="page counts, comma-separated")
    parser.add_argument("--output", type=Path, default=ROOT / "tests" / "bench" / "RESULTS.md")
    parser.add_argument(
        "--keep", type=Path, help="generate into this folder and keep it (default: a temp dir)"
    )
    args = parser.parse_args()
    sizes = [int(n) for n in re.split(r"[,\s]+", args.sizes) if n]
    started = dt.datetime.now()
    clock = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="patienthub-bench-") as temporary:
        work = args.keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = [bench(size, work) for size in sizes]
    text = report(results, started, time.perf_counter() - clock)
    args.output.write_text(text, encoding="utf-8")
    print(f"\n{text}\nWritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
