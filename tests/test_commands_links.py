"""`patienthub links` and `--external`, against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import socket

import pytest
from tests.conftest import GOOD_BODY, GOOD_META, TODAY, page_text, run_cli, serve


def free_port() -> int:
    """A port nothing listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def other_site(tmp_path):
    root = tmp_path / "andere-site"
    (root / "folder").mkdir(parents=True)
    (root / "folder" / "index.html").write_text("<h1>Folder</h1>", encoding="utf-8")
    with serve(root) as url:
        yield url


def findings(run) -> list[tuple[str, str, int]]:
    return [(f["path"], f["rule"], f["line"]) for f in json.loads(run.stdout)["findings"]]


def test_external_links_are_checked_only_on_request(repo, other_site):
    dead = f"http://127.0.0.1:{free_port()}/"
    meta = GOOD_META + f"    url: {other_site}oude-richtlijn.pdf\n"
    body = (
        f"{GOOD_BODY}\n"
        f"Lees [de folder]({other_site}folder/) en [de oude folder]({other_site}weg.html#kop).\n"
        f"Of kijk op <{dead}>.\n"
        f"Zie [de andere pagina](bestaat-niet.md).\n"
    )
    repo.page("index.md", meta=meta, body=body)
    text = page_text(meta=meta, body=body).split("\n")
    line = next(i for i, t in enumerate(text, 1) if "de folder" in t)
    source_line = next(i for i, t in enumerate(text, 1) if "oude-richtlijn" in t)

    offline = run_cli("links", "--today", TODAY, "--format", "json", cwd=repo.root)
    assert offline.code == 1
    assert findings(offline) == [("content/index.md", "links.missing-page", line + 2)]

    online = run_cli("links", "--external", "--today", TODAY, "--format", "json", cwd=repo.root)
    assert online.code == 1
    assert "Traceback" not in online.stderr
    assert sorted(findings(online)) == sorted(
        [
            ("content/index.md", "links.external-broken", source_line),
            ("content/index.md", "links.external-broken", line),
            ("content/index.md", "links.external-unreachable", line + 1),
            ("content/index.md", "links.missing-page", line + 2),
        ]
    )
    severities = {f["rule"]: f["severity"] for f in json.loads(online.stdout)["findings"]}
    assert severities["links.external-broken"] == "error"
    assert severities["links.external-unreachable"] == "warning"


def test_check_never_goes_on_the_network(repo):
    dead = f"http://127.0.0.1:{free_port()}/weg"
    repo.page("index.md", body=f"{GOOD_BODY}\nZie [dit]({dead}).\n")
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0
    assert run_cli("links", "--today", TODAY, cwd=repo.root).code == 0


def test_ignored_prefixes_are_named_not_checked(repo):
    dead = f"http://127.0.0.1:{free_port()}/"
    config = (
        (repo.root / "mkdocs.yml")
        .read_text()
        .replace("  - patienthub\n", f"  - patienthub:\n      links:\n        external_ignore: ['{dead}']\n")
    )
    repo.write("mkdocs.yml", config)
    repo.page("index.md", body=f"{GOOD_BODY}\nZie [dit]({dead}pagina).\n")
    run = run_cli("links", "--external", "--today", TODAY, cwd=repo.root)
    assert run.code == 0
    assert f"niet gecontroleerd (links.external_ignore): {dead}pagina" in run.stderr


def test_a_suppression_of_a_check_that_did_not_run_is_not_reported_unused(repo):
    body = (
        f"{GOOD_BODY}\n"
        '<!-- patienthub: disable readability.rare-word reason="Vakterm, uitgelegd." -->\n'
        "Een zeldzaam woord als lumbosacraal.\n"
        "<!-- patienthub: enable readability.rare-word -->\n"
    )
    repo.page("index.md", body=body)
    run = run_cli("links", "--today", TODAY, "--format", "json", cwd=repo.root)
    assert run.code == 0
    assert findings(run) == []
