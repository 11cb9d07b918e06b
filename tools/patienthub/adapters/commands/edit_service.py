"""`patienthub edit-service`: the web editor's check service on 127.0.0.1 (adapters/edit_service.py), started by
`make edit` next to decap-server and `mkdocs serve`; runs until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
from functools import partial

from patienthub.adapters import edit_service
from patienthub.adapters.commands.common import (
    add_config_option,
    add_today_option,
    config_file_from,
    project_at,
    today_from,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "edit-service",
        help="controleer pagina's in de webeditor tijdens het schrijven (make edit)",
        description=(
            "Start de controledienst van de webeditor op 127.0.0.1 (alleen deze computer). Het voorbeeld in de "
            "webeditor stuurt de pagina die u schrijft, ook als die nog niet is opgeslagen, en toont de "
            "opmerkingen van patienthub check over leesbaarheid, woorden en adviezen. Na het opslaan van een "
            "nieuwe pagina zet de dienst die in het menu en in CODEOWNERS, zoals patienthub new --page. "
            "make edit start deze dienst; stoppen met Ctrl-C."
        ),
    )
    add_config_option(parser)
    add_today_option(parser)
    parser.add_argument(
        "--port",
        type=int,
        metavar="POORT",
        help="de poort op 127.0.0.1 (standaard: web_editor.check_port in mkdocs.yml, 8082)",
    )
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    config_file = config_file_from(args)
    project = project_at(config_file)
    today_from(args)  # a wrong --today stops here, not at the first request
    port = args.port or project.config.web_editor.check_port
    service = edit_service.EditService(project, config_file, partial(today_from, args))
    server = edit_service.make_server(service, port)
    print(f"Controledienst van de webeditor: http://{edit_service.HOST}:{port}/ (stoppen: Ctrl-C)")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nGestopt.")
    finally:
        server.server_close()
    return 0
