"""The `patienthub` command. Each subcommand lives in commands/<name>.py; one line registers it here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .commands import check, codeowners, diff, fix, links, new, report, review, terms, urls
from .errors import PatientHubError

COMMANDS = (check, new, fix, urls, codeowners, review, diff, terms, report, links)


class _DutchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep that, in Dutch
        self.print_usage(sys.stderr)
        self.exit(2, f"patienthub: fout in de opdracht: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _DutchParser(
        prog="patienthub",
        description="Controleert en publiceert de patiënteninformatie over lage rugklachten.",
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_DutchParser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    # argparse hands PATHs that follow an option to nobody once a command has two positionals
    # ("report readability --format markdown content/x.md"): they are paths all the same.
    if extra and isinstance(getattr(args, "paths", None), list) and not any(a.startswith("-") for a in extra):
        args.paths += [Path(a) for a in extra]
    elif extra:
        parser.error(f"onbekende argumenten: {' '.join(extra)}")
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except PatientHubError as exc:
        print(f"patienthub: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
