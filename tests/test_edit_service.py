"""The web editor's check service (adapters/edit_service.py): a real server on 127.0.0.1, real requests, a copy
of this repository. It answers the findings of unsaved text, writes nothing while checking, adopts a new page
after its save, and refuses what is not the editor on this machine."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import shutil
import threading
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, TODAY, run_cli

from patienthub.adapters import edit_service
from patienthub.domain.skeletons import DESCRIPTION_PLACEHOLDER, skeleton
from patienthub.load.config import load_project

TITLE = "Rugpijn na het tuinieren"
ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture
def served(copy_of_project: Path):
    shutil.copytree(REPO_ROOT / ".github", copy_of_project / ".github")
    config_file = copy_of_project / "mkdocs.yml"
    project = load_project(config_file)
    service = edit_service.EditService(project, config_file, lambda: dt.date.fromisoformat(TODAY))
    server = edit_service.make_server(service, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield copy_of_project, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def _post(
    port: int, route: str, payload: object, headers: dict[str, str] | None = None, raw: bytes | None = None
):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = raw if raw is not None else json.dumps(payload).encode("utf-8")
    sent = {"Content-Type": "application/json", "Origin": ORIGIN, **(headers or {})}
    connection.request("POST", route, body=body, headers=sent)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, json.loads(data) if data else None


def _new_entry(description: str = DESCRIPTION_PLACEHOLDER) -> dict:
    return {
        "path": "",
        "collection": "education",
        "title": TITLE,
        "data": {
            "title": TITLE,
            "description": description,
            "type": "education",
            "owner": "nhg",
            "last_reviewed": TODAY,
            "status": "concept",
            "reviewed_by": [],
            "sources": [{"title": "NHG-Standaard Aspecifieke lagerugpijn", "key": None}],
        },
        "body": skeleton("education"),
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_unsaved_text_gets_the_panel_of_check_and_nothing_is_written(served):
    root, port = served
    before = _tree(root)
    response, answer = _post(port, "/check", _new_entry())
    assert response.status == 200, answer
    assert response.getheader("Access-Control-Allow-Origin") == ORIGIN
    assert answer["path"] == "content/rugpijn-na-het-tuinieren.md"
    rules = [f["rule"] for f in answer["findings"]]
    assert "draft.placeholder" in rules  # the untouched description
    assert not [f for f in answer["findings"] if f["rule"].startswith("schema.")], answer["findings"]
    assert 'class="ph-editor-panel"' in answer["panel"] and "draft.placeholder" in answer["panel"]
    assert _tree(root) == before

    # The description rewritten: that finding goes, in the same way `check` judges the file.
    _, rewritten = _post(
        port, "/check", _new_entry("Rugpijn na het werken in de tuin gaat meestal vanzelf over.")
    )
    placeholders = [f for f in answer["findings"] if f["rule"] == "draft.placeholder"]
    left = [f for f in rewritten["findings"] if f["rule"] == "draft.placeholder"]
    assert len(left) == len(placeholders) - 1  # the skeleton's placeholders in the text stay

    # An existing page with unsaved text: judged as that text, not as the file on disk.
    edited = {"path": "content/lage-rugpijn.md", "data": {"title": "Lage rugpijn"}, "body": "Hallo.\n"}
    _, answer = _post(port, "/check", edited)
    assert "schema.required" in [f["rule"] for f in answer["findings"]] or any(
        f["severity"] == "error" for f in answer["findings"]
    )
    assert _tree(root) == before


def test_after_saving_a_new_page_it_is_in_the_nav_and_codeowners_and_passes_check(served):
    root, port = served
    entry = _new_entry()
    target = root / "content" / "rugpijn-na-het-tuinieren.md"
    target.write_text(
        edit_service.entry_text(entry["data"], entry["body"]), encoding="utf-8"
    )  # as Decap saves it
    response, answer = _post(port, "/saved", {**entry, "new": True, "data": None, "body": None})
    assert response.status == 200, answer
    assert answer["adopted"]["in_nav"] is True and answer["adopted"]["codeowners"] is True
    assert f"- {TITLE}: rugpijn-na-het-tuinieren.md" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "/content/rugpijn-na-het-tuinieren.md" in (root / ".github" / "CODEOWNERS").read_text(
        encoding="utf-8"
    )
    assert "draft.placeholder" in [f["rule"] for f in answer["findings"]]
    whole = run_cli("check", "--today", TODAY, cwd=root)
    assert whole.code == 0, whole.stdout

    # Saving an existing page again adopts nothing.
    nav = (root / "mkdocs.yml").read_bytes()
    _, again = _post(port, "/saved", {"path": "content/rugpijn-na-het-tuinieren.md", "new": False})
    assert again["adopted"] is None and (root / "mkdocs.yml").read_bytes() == nav


@pytest.mark.parametrize(
    "path",
    [
        "../mkdocs.yml",
        "/etc/passwd",
        "content/../../etc/x.md",
        "content/../mkdocs.yml",
        "mkdocs.yml",
        "overrides/main.md",
        "content\\..\\x.md",
        "content/_data/organisations.yml",
    ],
)
def test_paths_outside_the_pages_are_refused(served, path):
    root, port = served
    before = _tree(root)
    for route in ("/check", "/saved"):
        response, answer = _post(port, route, {"path": path, "data": {}, "body": "", "new": True})
        assert response.status in (400, 403), (route, path, answer)
    assert _tree(root) == before


def test_a_symbolic_link_among_the_pages_is_refused(served, tmp_path):
    root, port = served
    outside = tmp_path / "geheim.md"
    outside.write_text("---\ntitle: geheim\n---\n", encoding="utf-8")
    (root / "content" / "link.md").symlink_to(outside)
    response, _ = _post(port, "/check", {"path": "content/link.md", "data": {}, "body": ""})
    assert response.status == 403


def test_only_json_from_the_editor_on_this_machine(served):
    _, port = served
    entry = _new_entry()
    wrong_type, _ = _post(port, "/check", entry, {"Content-Type": "text/plain"})
    assert wrong_type.status == 415
    foreign, _ = _post(port, "/check", entry, {"Origin": "https://example.org"})
    assert foreign.status == 403 and foreign.getheader("Access-Control-Allow-Origin") is None
    rebound, _ = _post(port, "/check", entry, {"Host": f"evil.example:{port}"})
    assert rebound.status == 403
    # Refused on its announced length, before a byte of it is read.
    length = {"Content-Length": str(edit_service.MAX_REQUEST_BYTES + 1)}
    too_large, _ = _post(port, "/check", None, length, raw=b"{}")
    assert too_large.status == 413
    broken, _ = _post(port, "/check", None, raw=b"{not json")
    assert broken.status == 400
    unknown, _ = _post(port, "/write", entry)
    assert unknown.status == 404

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/check", headers={"Origin": ORIGIN})
    assert connection.getresponse().status == 405
    connection.close()
    for origin, status in ((ORIGIN, 204), ("http://localhost:8000", 204), ("https://evil.example", 403)):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("OPTIONS", "/check", headers={"Origin": origin})
        response = connection.getresponse()
        response.read()
        assert response.status == status, origin
        allowed = response.getheader("Access-Control-Allow-Origin")
        assert allowed == (origin if status == 204 else None)
        connection.close()


def test_the_server_listens_on_127_0_0_1_only():
    assert edit_service.HOST == "127.0.0.1"
    server = edit_service.make_server(edit_service.EditService.__new__(edit_service.EditService), 0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_the_form_becomes_the_file_decap_writes():
    text = edit_service.entry_text(
        {"title": "Een", "last_reviewed": "2026-12-03", "reviewed_by": [], "next_review": "", "codes": None},
        "## Kop\n",
    )
    assert text == "---\ntitle: Een\nlast_reviewed: 2026-12-03\n---\n## Kop\n"
    with pytest.raises(edit_service.Refused):
        edit_service.entry_text("geen velden", "")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deeply-nested-json"),
        pytest.param(
            b'{"path":"content/x.md","body":"","data":{"a":' + b"[" * 900 + b"]" * 900 + b"}}",
            id="nested-form-value",
        ),
        pytest.param(b'{"path":"content/x.md","body":"\\ud800","data":{}}', id="lone-surrogate"),
        pytest.param(
            json.dumps({"path": "content/" + "a" * 5000 + ".md", "data": {}, "body": ""}).encode(),
            id="file-name-too-long",
        ),
        pytest.param(
            json.dumps({"collection": "education", "title": "a" * 400, "data": {}, "body": ""}).encode(),
            id="title-too-long-for-a-file-name",
        ),
    ],
)
def test_a_hostile_body_gets_an_answer_and_the_service_goes_on(served, raw):
    """Every request gets a JSON answer (no dropped connection, no traceback), and the next one is served."""
    root, port = served
    before = _tree(root)
    response, answer = _post(port, "/check", None, raw=raw)
    assert 400 <= response.status < 600 and isinstance(answer, dict) and answer.get("error")
    assert "Traceback" not in answer["error"]
    assert _tree(root) == before
    again, _ = _post(port, "/check", _new_entry())
    assert again.status == 200


@pytest.mark.long
def test_an_idle_connection_does_not_block_the_editor(served):
    """One request at a time: a client that connects and sends nothing (a browser's preconnect) must not hold
    the service, or the panel stops answering."""
    import socket

    _, port = served
    idle = socket.create_connection(("127.0.0.1", port))
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=edit_service.REQUEST_TIMEOUT + 20)
        connection.request(
            "POST",
            "/check",
            body=json.dumps(_new_entry()).encode(),
            headers={"Content-Type": "application/json"},
        )
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        idle.close()
