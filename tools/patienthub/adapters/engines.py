"""The engines that can build the hub, and how each is run. docs/engines.md says what each one builds.

An engine runs as its own process (`python -m <engine> build --strict`), with this Python, so the engine that
builds is the one installed next to patienthub (requirements.lock), whatever is on PATH.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

from patienthub.core.errors import UsageError

# Set by `patienthub build`, which has just printed the check's report: the plugin's own check inside the build
# then logs only its errors (none, unless a page changed in between), so a finding is shown once and --strict
# still stops on an error. Here, not in the plugin: `patienthub build` must not import MkDocs to name it.
REPORTED_VARIABLE = "PATIENTHUB_CHECK_REPORTED"


@dataclass(frozen=True)
class Engine:
    name: str  # as on the command line (--engine)
    label: str  # as in messages
    module: str  # the Python package that must be installed
    # True: the engine runs no MkDocs plugin; patienthub stages the docs and publishes around it (zensical.py).
    staged: bool = False

    def command(self, config_file: Path, site_dir: Path) -> list[str]:
        """The strict build of `config_file` into `site_dir`. Not `--quiet`: MkDocs counts the warnings for
        --strict only when it logs them, so a quiet strict build passes a warning (the plugin logs only errors
        under `patienthub build`, which has printed the check's report already: REPORTED_VARIABLE)."""
        return [
            sys.executable,
            "-m",
            self.module,
            "build",
            "--strict",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(site_dir),
        ]


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "MkDocs", "mkdocs"),
        # The maintained fork of MkDocs 1.x: it loads the patienthub plugin through the same entry points.
        Engine("properdocs", "ProperDocs", "properdocs"),
        # The Material team's successor: runs no MkDocs plugin, so patienthub works around it (zensical.py).
        Engine("zensical", "Zensical", "zensical", staged=True),
    )
}


def engine_named(name: str) -> Engine:
    """The engine called `name`, installed and able to build the hub; a UsageError (exit 2) otherwise."""
    engine = ENGINES.get(name)
    if engine is None:
        raise UsageError(f"onbekende engine '{name}'; kies uit {', '.join(ENGINES)}")
    if importlib.util.find_spec(engine.module) is None:
        raise UsageError(
            f"{engine.label} is niet geïnstalleerd (het Python-pakket '{engine.module}' ontbreekt); "
            "installeer de pakketten uit requirements.lock met: make setup"
        )
    return engine
