"""The `patienthub` command. Each subcommand lives in commands/<name>.py; one line registers it here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .commands import check, codeowners, diff, fix, links, new, report, review, terms, urls
from .errors import PatientHubError

COMMANDS = (check, new, fix, urls, codeowners, review, diff, terms, report, links)


# argparse's own words (help headings, usage errors) in Dutch: editors read them too. argparse looks up `_` in its
# module at every call, the hook gettext translation uses; a text not listed here stays as argparse wrote it.
_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze uitleg en stop",
    "the following arguments are required: %s": "deze ontbreken: %s",
    "unrecognized arguments: %s": "onbekend: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "%(value)r kan niet; kies uit %(choices)s",
    "expected one argument": "hier hoort één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s is niet duidelijk: bedoelt u %(matches)s?",
    "not allowed with argument %s": "kan niet samen met %s",
    "one of the arguments %s is required": "geef een van deze op: %s",
    "ignored explicit argument %r": "waarde %r hoort hier niet",
}
argparse._ = lambda text: _ARGPARSE_DUTCH.get(text, text)  # type: ignore[attr-defined]


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
    args = parser.parse_args(argv)
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
