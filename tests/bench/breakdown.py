"""Where a build with the patienthub plugin spends its time: one `mkdocs build` in this process, with a clock
around each plugin hook, the Markdown rendering and the templates of content and of generated pages (dashboard,
glossary, code lists), and the Pagefind run. The template clock includes the hooks that run inside it
(on_page_context, on_post_page). Prints JSON {part: seconds of CPU time of the thread that builds}; run by
run.py, or by hand:

    .venv/bin/python tests/bench/breakdown.py path/to/mkdocs.yml SITE_DIR
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import time
from collections import Counter

from mkdocs.commands import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from patienthub.adapters import mkdocs_plugin
from patienthub.publish import afterbuild, search_index

spent: Counter[str] = Counter()


def timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        # This thread's CPU only: the plugin compresses pages on other threads meanwhile (process_time would count
        # their work in whatever hook happens to be running).
        started = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.thread_time() - started

    return wrapper


def wall_timed(
    name: str, function
):  # Pagefind runs in a child process: its wall time is what the build waits
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return wrapper


def main() -> int:
    config_file, site_dir = sys.argv[1], sys.argv[2]
    plugin = mkdocs_plugin.PatientHubPlugin
    hooks = (
        "on_config",
        "on_pre_build",
        "on_files",
        "on_nav",
        "on_page_markdown",
        "on_page_content",
        "on_page_context",
        "on_env",
        "on_post_page",
        "on_post_build",
    )
    for hook in hooks:
        setattr(plugin, hook, timed(f"plugin.{hook}", getattr(plugin, hook)))
    # After MkDocs has written the site: Pagefind in its own process while the CSS is trimmed and files compressed.
    afterbuild.run = wall_timed("after the build: Pagefind, CSS, compression (wall)", afterbuild.run)
    search_index.Indexing.wait = wall_timed(
        "  of which waiting for Pagefind (wall)", search_index.Indexing.wait
    )
    render = Page.render

    def render_split(self, config, files):
        kind = "render generated pages" if self.file.generated_by else "render content pages"
        return timed(kind, render)(self, config, files)

    Page.render = render_split
    build_page = build._build_page

    def build_page_split(page, config, *args, **kwargs):
        kind = (
            "templates+write generated pages" if page.file.generated_by else "templates+write content pages"
        )
        return timed(kind, build_page)(page, config, *args, **kwargs)

    build._build_page = build_page_split
    # As the measured builds (--quiet): the plugin keeps a page's rendering per logging level (render_memo.py).
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(config_file, site_dir=site_dir, strict=False)  # as the measured builds: not strict
    started = time.process_time()
    build.build(config)
    spent["total (CPU of every thread, without Pagefind)"] = time.process_time() - started
    print(json.dumps({name: round(seconds, 2) for name, seconds in spent.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
