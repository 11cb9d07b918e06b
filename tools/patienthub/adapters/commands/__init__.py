"""Subcommands of the CLI: each module has register(subparsers) and sets `run` to a function returning an exit code."""
