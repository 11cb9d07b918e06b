"""`patienthub check`: run every check over pages and report findings (exit 0 clean, 1 errors, 2 failure)."""

from __future__ import annotations

import argparse
import sys
import time
from functools import partial
from pathlib import Path

from patienthub.adapters.commands.common import (
    add_config_option,
    add_jobs_option,
    add_paths_argument,
    add_today_option,
    config_file_from,
    load_selection,
    project_at,
)
from patienthub.checks import REGISTRY
from patienthub.core.errors import PatientHubError, UsageError
from patienthub.core.progress import for_terminal
from patienthub.domain.model import Site
from patienthub.engine import watch
from patienthub.engine.changes import affected_pages
from patienthub.engine.runner import default_jobs, run
from patienthub.load import gitbase
from patienthub.load.cache import Cache
from patienthub.load.config import Project
from patienthub.reports.formats import FORMATS, as_recheck_text


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="controleer pagina's",
        description="Controleert pagina's op volledigheid, actualiteit, leesbaarheid en meer.",
    )
    add_paths_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="uitvoer (standaard: text)")
    add_today_option(parser)
    add_config_option(parser)
    add_jobs_option(parser)
    parser.add_argument(
        "--changed",
        action="store_true",
        help="alleen pagina's die sinds --base zijn gewijzigd (en wat ervan afhangt); een wijziging in de "
        "instellingen of in de gegevens (termenlijst, registers, adressenlijst) controleert alles",
    )
    parser.add_argument(
        "--base",
        metavar="REF",
        help="git-commit of -tak om mee te vergelijken bij --changed (standaard: HEAD; nieuwe bestanden tellen mee)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="gebruik en vul de cache niet (.patienthub-cache/): alles opnieuw controleren",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="blijf draaien en controleer opnieuw zodra u een bestand opslaat; toont de opmerkingen in de "
        "gewijzigde bestanden (stoppen: Ctrl-C)",
    )
    parser.set_defaults(run=execute)


def changed_pages(site: Site, config_file: Path, base: str, cache: Cache | None) -> set[str] | None:
    """Pages changed since `base` (working tree, untracked files included) plus what depends on them."""
    project = site.project
    top = gitbase.toplevel(project.root)
    under = project.root.resolve().relative_to(top).as_posix()
    prefix = "" if under == "." else f"{under}/"
    commit = gitbase.commit_of(top, base)
    changed = [name[len(prefix) :] for name in gitbase.changed_files(top, commit, prefix.rstrip("/"))]
    return affected_pages(site, changed, config_file, REGISTRY, cache)


def execute(args: argparse.Namespace) -> int:
    if args.base and not args.changed:
        raise UsageError("--base hoort bij --changed")
    if args.changed and args.paths:
        raise UsageError("geef pagina's op of gebruik --changed, niet allebei")
    if args.watch and (args.changed or args.format != "text"):
        raise UsageError("--watch werkt alleen met de gewone uitvoer (--format text), zonder --changed")
    config_file = config_file_from(args)
    project = project_at(config_file)
    cache = None if args.no_cache else Cache.for_project(project)
    before = watch.snapshot(project, config_file) if args.watch else {}  # a save during this run counts
    site, selected = load_selection(args, project, cache)
    if args.changed:
        selected = changed_pages(site, config_file, args.base or "HEAD", cache)
    jobs = args.jobs or default_jobs()
    result = run(
        site, selected, progress=for_terminal(), cache=cache, include_flagged=args.changed, jobs=jobs
    )
    if cache is not None:
        cache.save()
    sys.stdout.write(FORMATS[args.format](result))
    if args.watch:
        return _watch(args, config_file, project, cache, jobs, before, result.exit_code)
    return result.exit_code


def _watch(
    args: argparse.Namespace,
    config_file: Path,
    project: Project,
    cache: Cache | None,
    jobs: int,
    state: watch.Snapshot,
    exit_code: int,
) -> int:
    """Check again after every save, in this process (engine/watch.py), until Ctrl-C; the exit code of the
    last run."""
    out = sys.stdout
    out.write("\nIk wacht op wijzigingen: sla een bestand op en ik controleer opnieuw. Stoppen: Ctrl-C.\n")
    out.flush()
    _warm_up(args, project, cache)
    notifier = watch.Notifier.for_project(project, config_file)
    try:
        while True:
            state, paths = watch.wait_for_change(
                state,
                partial(watch.snapshot, project, config_file),
                *(notifier.wait, watch.NOTIFIED_POLL_SECONDS)
                if notifier
                else (time.sleep, watch.POLL_SECONDS),
            )
            started = time.perf_counter()
            try:
                if config_file.as_posix() in paths:  # new settings can mean other pages and another cache
                    project = project_at(config_file)
                    cache = None if args.no_cache else Cache.for_project(project)
                    if notifier is not None:
                        notifier.stop()
                        notifier = watch.Notifier.for_project(project, config_file)
                site, selected = load_selection(args, project, cache)
                result = run(site, selected, progress=for_terminal(), cache=cache, jobs=jobs)
            except PatientHubError as exc:  # e.g. mkdocs.yml half written: say so and wait for the next save
                out.write(f"\npatienthub: {exc}\n")
                out.flush()
                exit_code = 2
                continue
            shown = [_relative(Path(path), project.root) for path in paths]
            out.write(as_recheck_text(result, shown, time.perf_counter() - started))
            out.flush()
            exit_code = result.exit_code
            if cache is not None:
                cache.save()  # after the report: the editor does not wait for it
    except KeyboardInterrupt:
        out.write("\nGestopt.\n")
    finally:
        if notifier is not None:
            notifier.stop()
    return exit_code


def _warm_up(args: argparse.Namespace, project: Project, cache: Cache | None) -> None:
    """Check one page once without the cache, its findings unused, while the editor has not saved yet: what a
    first judgement loads (the hyphenation dictionary, the word frequencies, the Markdown converter) is then
    ready for the first save, which otherwise takes twice as long."""
    try:
        site, _ = load_selection(args, project, cache)
        if site.pages:
            run(site, {site.pages[0].path})  # without the cache: judged for real
    except PatientHubError:
        pass  # the first run said what is wrong


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
