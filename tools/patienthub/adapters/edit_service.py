"""The web editor's check service (`patienthub edit-service`, started by `make edit`): the writer's panel inside
the editor's preview, in local mode (docs/web-editor.md).

A small HTTP service on 127.0.0.1 only. The preview (tools/patienthub/data/web-editor.js) sends the entry being
edited, unsaved, and gets back the findings `patienthub check` has for that page, rendered by the same
reports/editor_panel.py as the panel of `mkdocs serve`. No rule is implemented here: the page is checked by
`engine.runner.run_unsaved`, with the project's cache. After a save, a NEW page gets what `patienthub new --page`
gives it (nav section, CODEOWNERS: `edit.newpage.adopt_file`), so it passes `check` with no manual step.

Every request is untrusted: POST with a JSON body only, at most `MAX_REQUEST_BYTES`, from a page on 127.0.0.1
(Origin and Host checked; CORS answers those origins only); a path must name a Markdown file inside docs_dir
(no `..`, no absolute path, no symbolic link). Checking writes nothing; only the save of a new page writes, and
only mkdocs.yml's nav and CODEOWNERS, never the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from patienthub.build.web_editor import FOLDER
from patienthub.core import limits
from patienthub.core.errors import PatientHubError
from patienthub.core.findings import Finding
from patienthub.domain.model import PAGE_TYPES
from patienthub.domain.result import Result
from patienthub.edit import newpage
from patienthub.engine import runner
from patienthub.load.cache import Cache
from patienthub.load.config import Project
from patienthub.load.files import MARKDOWN_SUFFIXES
from patienthub.load.loader import load_site
from patienthub.reports import editor_panel, guide

HOST = "127.0.0.1"
# The page's text plus its front matter as JSON: a page over the page limit is refused by `check` anyway.
MAX_REQUEST_BYTES = limits.limits().max_page_bytes + 64 * 1024
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
# Seconds a connection may stay silent: one request at a time, so an idle one (a browser's preconnect) would
# otherwise hold the service.
REQUEST_TIMEOUT = 10
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Front matter is a few levels deep (sources: a list of mappings); deeper nesting is refused outright rather than
# left to Python's recursion limit, whose reach depends on the stack in use.
MAX_NESTING = 20


class Refused(Exception):
    """A request the service does not carry out; the status and the Dutch reason go back to the browser."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _relative(value: object, what: str) -> PurePosixPath:
    if not isinstance(value, str) or not value or "\x00" in value or "\\" in value:
        raise Refused(400, f"{what} ontbreekt of is ongeldig")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts:
        raise Refused(403, f"{what} moet binnen de map met pagina's liggen")
    return path


def target(project: Project, request: dict[str, Any]) -> Path:
    """The page file the request is about, confined to docs_dir: `path` (the entry's file, relative to the
    repository) or, for a new entry that has none yet, `collection` (its page type: the folder `patienthub new`
    and the editor use for it) and `title` (the file name both make of it)."""
    root = project.root.resolve()
    docs = project.docs_dir.resolve()
    if request.get("path"):
        path = root / _relative(request["path"], "het pad")
    else:
        kind = request.get("collection")
        title = request.get("title")
        if kind not in PAGE_TYPES:
            raise Refused(400, "het soort pagina (collection) ontbreekt of is onbekend")
        if not isinstance(title, str) or not newpage.slugify(title):
            raise Refused(400, "de titel ontbreekt")
        folder = project.config.new_page.folders.get(kind, "").strip("/")
        path = docs / folder / f"{newpage.slugify(title)}.md"
    if path.suffix.lower() not in MARKDOWN_SUFFIXES:
        raise Refused(403, "alleen pagina's (Markdown-bestanden) worden gecontroleerd")
    try:
        if path.is_symlink() or not path.parent.resolve().is_relative_to(docs):
            raise Refused(403, "het pad moet binnen de map met pagina's liggen")
        return path.parent.resolve() / path.name
    except OSError:  # a name too long for the file system, say
        raise Refused(400, "de naam van de pagina is ongeldig of te lang") from None


def _value(value: Any, depth: int = 0) -> Any:
    """A form value as Decap writes it to the file: a date as a YAML date, lists and mappings alike."""
    if depth > MAX_NESTING:
        raise Refused(400, "de velden zijn te diep genest")
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [_value(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {key: _value(item, depth + 1) for key, item in value.items() if not _empty(item)}
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def entry_text(data: object, body: object) -> str:
    """The file the form would save: its fields as front matter (empty ones left out, as Decap does), then the
    body."""
    if not isinstance(data, dict) or not isinstance(body, str):
        raise Refused(400, "de velden (data) of de tekst (body) ontbreken")
    front = {key: _value(value) for key, value in data.items() if key != "body" and not _empty(value)}
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=math.inf)
    return f"---\n{dumped}---\n{body}"


class EditService:
    """What the requests do, without HTTP (tested directly and through a real server)."""

    def __init__(self, project: Project, config_file: Path, today: Callable[[], dt.date]) -> None:
        self.project = project
        self.config_file = config_file
        self.today = today
        self.cache = Cache.for_project(project)

    def check(self, request: dict[str, Any]) -> dict[str, Any]:
        """The findings for the unsaved entry; nothing is written."""
        path = target(self.project, request)
        try:
            raw = entry_text(request.get("data"), request.get("body")).encode("utf-8")
        except (UnicodeEncodeError, RecursionError):  # a lone surrogate, values nested beyond reason
            raise Refused(400, "de velden (data) of de tekst (body) zijn ongeldig") from None
        if len(raw) > limits.limits().max_page_bytes:
            raise Refused(413, "de pagina is te groot")
        site = load_site(self.project, self.today(), cache=self.cache)
        return self._answer(runner.run_unsaved(site, path, raw, cache=self.cache), path)

    def saved(self, request: dict[str, Any]) -> dict[str, Any]:
        """After a save: a new page gets its nav section and CODEOWNERS line (`new --page`); then the findings of
        the file as saved."""
        path = target(self.project, request)
        if not path.is_file():
            raise Refused(404, "de pagina is (nog) niet opgeslagen")
        adopted = None
        if request.get("new") is True:
            adopted = newpage.adopt_file(path, self.project, self.config_file, self.today())
        site = load_site(self.project, self.today(), cache=self.cache)
        rel = path.relative_to(self.project.root.resolve()).as_posix()
        result = runner.run(site, {rel}, cache=self.cache)
        if self.cache is not None:
            self.cache.save()
        answer = self._answer(result, path)
        answer["adopted"] = None if adopted is None else dataclasses.asdict(adopted)
        return answer

    def _answer(self, result: Result, path: Path) -> dict[str, Any]:
        rel = path.relative_to(self.project.root.resolve()).as_posix()
        report = next((r for r in result.pages if r.page.path == rel), None)
        findings = list(result.for_path(rel))
        served = guide.text(self.project) is not None  # `mkdocs serve` (make edit) serves the guide then
        where = self.project.config.guide
        directory_urls = self.project.use_directory_urls

        def link(rule: str) -> str:
            return guide.serve_href(FOLDER, rule, directory_urls) if served else guide.link(where, rule)

        metrics = report.metrics if report is not None else {}
        return {
            "path": rel,
            "panel": editor_panel.render(findings, metrics, link),
            "findings": [_finding(f) for f in findings],
        }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "line": finding.line,
        "message": finding.message,
    }


def allowed_origin(origin: str | None) -> bool:
    """A page on this machine (the editor under `make edit`), any port; `localhost` is 127.0.0.1 too."""
    if not origin:
        return False
    parts = urlsplit(origin)
    return parts.scheme == "http" and parts.hostname in LOCAL_HOSTS and parts.path in ("", "/")


def handler(service: EditService) -> type[BaseHTTPRequestHandler]:
    routes = {"/check": service.check, "/saved": service.saved}

    class Handler(BaseHTTPRequestHandler):
        server_version = "patienthub-edit-service"
        sys_version = ""
        timeout = REQUEST_TIMEOUT

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the editor's typing is no news; refusals go back to the browser

        def _cors(self) -> None:
            origin = self.headers.get("Origin")
            if allowed_origin(origin):
                self.send_header("Access-Control-Allow-Origin", origin or "")
                self.send_header("Vary", "Origin")

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self._cors()
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def _guard(self) -> None:
            port = self.server.server_address[1]
            if self.headers.get("Host") not in {
                f"{host}:{port}" for host in LOCAL_HOSTS
            }:  # a name that resolves here (DNS rebinding) is not us
                raise Refused(403, "onbekende host")
            origin = self.headers.get("Origin")
            if origin is not None and not allowed_origin(origin):
                raise Refused(403, "alleen de webeditor op 127.0.0.1 mag deze dienst gebruiken")
            if self.path not in routes:
                raise Refused(404, "onbekend adres")

        def do_OPTIONS(self) -> None:
            try:
                self._guard()
                if not allowed_origin(self.headers.get("Origin")):
                    raise Refused(403, "alleen de webeditor op 127.0.0.1 mag deze dienst gebruiken")
            except Refused as refused:
                self._send(refused.status, {"error": refused.reason})
                return
            self.send_response(204)
            self._cors()
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            try:
                self._guard()
                kind = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
                if kind != "application/json":
                    raise Refused(415, "alleen JSON (Content-Type: application/json)")
                try:
                    length = int(self.headers.get("Content-Length", ""))
                except ValueError:
                    raise Refused(411, "de lengte van het verzoek ontbreekt") from None
                if length < 0 or length > MAX_REQUEST_BYTES:
                    raise Refused(413, "het verzoek is te groot")
                try:
                    request = json.loads(self.rfile.read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError, RecursionError):
                    raise Refused(400, "het verzoek is geen geldige JSON") from None
                if not isinstance(request, dict):
                    raise Refused(400, "het verzoek is geen JSON-object")
                answer = routes[self.path](request)
            except Refused as refused:
                self._send(refused.status, {"error": refused.reason})
                return
            except PatientHubError as exc:  # e.g. mkdocs.yml half written, a page without a title
                self._send(422, {"error": str(exc)})
                return
            except Exception as exc:  # a fault here, not in the page: an answer, and the service goes on
                self.log_error("%s: %r", self.path, exc)
                self._send(
                    500, {"error": "interne fout in de controledienst; meld het aan het technische team"}
                )
                return
            self._send(200, answer)

        def do_GET(self) -> None:
            self._send(405, {"error": "alleen POST"})

    return Handler


def make_server(service: EditService, port: int) -> HTTPServer:
    """One request at a time (the checks share one cache): bound to 127.0.0.1 only."""
    return HTTPServer((HOST, port), handler(service))
