"""`patienthub build`: check, then the engine's strict build (exit 0 built, 1 check or build failed, 2 usage).

The check runs first, as `patienthub check` runs it (same cache): a site with errors is not built at all, and its
report is the only one printed (the plugin's check inside the build logs only errors then). The engine then builds
with the patienthub plugin, which renders and publishes what the hub adds (docs/engines.md).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from patienthub.adapters import engines
from patienthub.adapters.commands.common import (
    add_config_option,
    add_today_option,
    config_file_from,
    project_at,
    today_from,
)
from patienthub.core import dates
from patienthub.core.progress import for_terminal
from patienthub.engine.runner import run
from patienthub.load.cache import Cache
from patienthub.load.loader import load_site
from patienthub.reports.formats import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "build",
        help="controleer en bouw de site",
        description="Controleert alle pagina's en bouwt daarna de site (strikt: elke fout stopt de bouw). "
        "Meer over de engines in docs/engines.md.",
    )
    parser.add_argument(
        "--engine",
        choices=sorted(engines.ENGINES),
        default="mkdocs",
        help="waarmee de site wordt gebouwd (standaard: mkdocs)",
    )
    parser.add_argument(
        "-d",
        "--site-dir",
        metavar="MAP",
        type=Path,
        help="map waarin de site komt (standaard: site_dir uit mkdocs.yml, meestal site/)",
    )
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    engine = engines.engine_named(args.engine)
    config_file = config_file_from(args).resolve()
    project = project_at(config_file)
    today = today_from(args)
    site_dir = (args.site_dir or project.site_dir).resolve()

    cache = Cache.for_project(project)
    site = load_site(project, today, cache=cache)
    result = run(site, None, progress=for_terminal(), cache=cache)
    cache.save()
    sys.stdout.write(FORMATS["text"](result))
    sys.stdout.flush()
    if result.exit_code != 0:
        print("patienthub: de controle vond fouten; de site is niet gebouwd", file=sys.stderr)
        return 1

    print(f"patienthub: de site wordt gebouwd met {engine.label} in {site_dir}", file=sys.stderr)
    env = {
        **os.environ,
        dates.TODAY_VARIABLE: today.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
        engines.REPORTED_VARIABLE: "1",  # the report above: the plugin does not print it again
    }
    if engine.staged:
        # Imported here: the staging code and the Markdown extension cost every other command start-up time.
        from patienthub.adapters import markdown_extension, zensical

        with tempfile.TemporaryDirectory(prefix="patienthub-build-") as folder:
            work = Path(folder)
            staged = zensical.stage(config_file, project, site, result, work)
            env[markdown_extension.TITLES_VARIABLE] = str(zensical.titles_file(work))
            code = _run(engine, zensical.command(sys.executable, staged), work, env)
            if code == 0:
                for problem in zensical.finish(work, site_dir, site, result):
                    print(f"patienthub: {problem}", file=sys.stderr)
                    code = 1
    else:
        code = _run(engine, engine.command(config_file, site_dir), project.root, env)
    if code != 0:
        print(
            f"patienthub: bouwen met {engine.label} is mislukt (code {code}); zie de meldingen hierboven",
            file=sys.stderr,
        )
        return 1
    print(f"patienthub: klaar: de site staat in {site_dir} (gebouwd met {engine.label})", file=sys.stderr)
    return 0


def _run(engine: engines.Engine, command: list[str], cwd: Path, env: dict[str, str]) -> int:
    try:
        return subprocess.run(command, cwd=cwd, env=env, check=False).returncode
    except OSError as exc:  # the interpreter itself could not be started
        print(f"patienthub: {engine.label} kon niet starten ({exc.strerror})", file=sys.stderr)
        return 1
