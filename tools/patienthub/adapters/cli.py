"""The `patienthub` command. Each subcommand lives in commands/<name>.py; one line registers it here."""

from __future__ import annotations

import argparse
import importlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from patienthub.core.errors import PatientHubError

# Each subcommand by name, and its module in commands/. Only the command being run is imported: `check` (run on
# every save) does not pay for the imports of the build, the web editor or the link checker.
COMMANDS = {
    "check": "check",
    "build": "build",
    "new": "new",
    "fix": "fix",
    "urls": "urls",
    "codeowners": "codeowners",
    "cms-config": "cms_config",
    "edit-service": "edit_service",
    "review": "review",
    "diff": "diff",
    "terms": "terms",
    "report": "report",
    "links": "links",
}


# argparse writes its own words in English and Python ships no Dutch translation of them: the editors read Dutch.
_ARGPARSE_DUTCH = (
    (re.compile(r"the following arguments are required: (.*)"), r"deze argumenten ontbreken: \1"),
    (re.compile(r"invalid choice: (.*) \(choose from (.*)\)"), r"ongeldige keuze: \1 (kies uit \2)"),
    (re.compile(r"invalid (\w+) value: (.*)"), r"ongeldige waarde: \2"),
    (re.compile(r"expected one argument"), "hier hoort één waarde achter"),
    (re.compile(r"expected at least one argument"), "hier hoort minstens één waarde achter"),
    (re.compile(r"not allowed with argument (.*)"), r"mag niet samen met \1"),
    (re.compile(r"one of the arguments (.*) is required"), r"een van deze argumenten is nodig: \1"),
    (re.compile(r"ambiguous option: (.*) could match (.*)"), r"onduidelijke optie: \1 kan zijn: \2"),
)


def _dutch(message: str) -> str:
    for pattern, replacement in _ARGPARSE_DUTCH:
        message = pattern.sub(replacement, message)
    return message


class _DutchHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "gebruik: ")


class _DutchParser(argparse.ArgumentParser):
    commands: dict[str, argparse.ArgumentParser]  # the top-level parser's subcommands, by name

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _DutchHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:  # argparse exits 2 on usage errors; keep that, in Dutch
        self.print_usage(sys.stderr)
        self.exit(2, f"patienthub: fout in de opdracht: {_dutch(message)}\n")


def build_parser(argv: Sequence[str] = ()) -> _DutchParser:
    """The parser with every command, or with only the one `argv` starts with."""
    parser = _DutchParser(
        prog="patienthub",
        description="Controleert en publiceert de patiënteninformatie over lage rugklachten.",
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_DutchParser)
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    for name, module in COMMANDS.items():
        if wanted is None or name == wanted:
            importlib.import_module(f"patienthub.adapters.commands.{module}").register(sub)
    parser.commands = sub.choices
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args, extra = parser.parse_known_args(argv)
    # argparse hands PATHs that follow an option to nobody once a command has two positionals
    # ("report readability --format markdown content/x.md"): they are paths all the same.
    if extra and isinstance(getattr(args, "paths", None), list) and not any(a.startswith("-") for a in extra):
        args.paths += [Path(a) for a in extra]
    elif extra:  # shown with the usage of the command they were given to
        parser.commands.get(args.command or "", parser).error(f"onbekende argumenten: {' '.join(extra)}")
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code = int(args.run(args))
        sys.stdout.flush()  # here, where a reader that went away can still be handled
        return code
    except BrokenPipeError:
        # The reader stopped early (`| head`, quitting `less`): nothing more to say to it, and no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except PatientHubError as exc:
        print(f"patienthub: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
