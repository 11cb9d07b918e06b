"""The web editor in Debian's Chromium, for real: the editor page of the built site, Decap CMS's local backend
(decap-server from node_modules) on a copy of this repository, an editor who makes an education page.

One focused test (it is slow): open the editor, log in to the local backend, fill in title, owner and a source,
the preview shows the writer's panel (`patienthub edit-service`); publish; the page is in content/ with front matter
the schema accepts, the service has put it in the nav and CODEOWNERS, and the whole copy passes `patienthub check`. Then one
line of an existing page is changed: only that line changes. The editor asks nothing of any host but 127.0.0.1. The screenshots go to tests/artifacts/web-editor/ (the editors'
guide shows copies of them, handleiding/afbeeldingen/).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import expect
from tests.conftest import REPO_ROOT, TODAY, _site_prefix, launch_chromium, run_cli, serve

from patienthub.build import web_editor
from patienthub.load.config import load_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = REPO_ROOT / "tests" / "artifacts" / "web-editor"
DECAP_SERVER = REPO_ROOT / "node_modules" / ".bin" / "decap-server"
TITLE = "Rugpijn na het sporten"
EXISTING = REPO_ROOT / "content" / "lage-rugpijn.md"
OLD_LINE = "Dat is het deel tussen uw onderste ribben en uw billen."
NEW_LINE = "Dat is het deel van uw rug tussen uw onderste ribben en uw billen."  # the same, reworded


def _split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def _port() -> int:
    return load_project(REPO_ROOT / "mkdocs.yml").config.web_editor.local_port


def _service_port() -> int:
    return load_project(REPO_ROOT / "mkdocs.yml").config.web_editor.check_port


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{process.args[0]} stopte met code {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"{process.args[0]} luistert na {seconds} s nog niet op 127.0.0.1:{port}")


@pytest.fixture
def local_backend(copy_of_project: Path):
    """decap-server on 127.0.0.1 at the port cms/config.yml names, writing into a copy of this repository. The
    port is fixed by the committed configuration: a lock keeps two test runs on this machine from sharing it."""
    if not DECAP_SERVER.exists():
        message = "decap-server ontbreekt (node_modules); draai make setup"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    for name in ("cms", ".github", "handleiding"):
        shutil.copytree(REPO_ROOT / name, copy_of_project / name)
    port = _port()
    with open(Path(os.environ.get("TMPDIR", "/tmp")) / f"patienthub-decap-{port}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # waits while another test run has the port
        env = {
            **os.environ,
            "PORT": str(port),
            "BIND_HOST": "127.0.0.1",
            "GIT_REPO_DIRECTORY": str(copy_of_project),
            "LOG_LEVEL": "warn",
        }
        log = (copy_of_project.parent / "decap-server.log").open("w")
        process = subprocess.Popen([str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT)
        # The check service of `make edit` (the writer's panel in the preview), on the same copy.
        service_log = (copy_of_project.parent / "edit-service.log").open("w")
        service = subprocess.Popen(
            [
                str(REPO_ROOT / ".venv" / "bin" / "patienthub"),
                "edit-service",
                "--config",
                str(copy_of_project / "mkdocs.yml"),
                "--today",
                TODAY,
            ],
            cwd=copy_of_project,
            stdout=service_log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_port(port, process)
            _wait_for_port(_service_port(), service)
            yield copy_of_project
        finally:
            for running in (process, service):
                running.terminate()
                running.wait(timeout=10)
            log.close()
            service_log.close()


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(30000)
        yield tab
        context.close()
        chromium.close()


def _field(page, name: str):
    """A field of the form by its key (Decap numbers its ids across the whole session: title-field-1, -10, …)."""
    return page.locator(f"[id^='{name}-field-']").first


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.long
def test_an_editor_makes_an_education_page_that_passes_check(project_site, local_backend, browser_page):
    assert web_editor.available(load_project(REPO_ROOT / "mkdocs.yml")), "webeditor niet gebouwd: make setup"
    page = browser_page
    requests: list[str] = []
    failed: list[str] = []
    violations: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # A request the browser cancels because the test goes to another page (the preview's check in flight during
    # page.goto/reload) is net::ERR_ABORTED: no failure of the site or the service. Anything else counts.
    page.on(
        "requestfailed",
        lambda request: (
            None
            if request.failure == "net::ERR_ABORTED"
            else failed.append(f"{request.url} {request.failure}")
        ),
    )
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    with serve(project_site, _site_prefix()) as base:
        page.goto(base + web_editor.FOLDER)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Inhoudstypen").wait_for()
        _shot(page, "1-overzicht")

        page.goto(base + web_editor.FOLDER + "#/collections/education/new")
        _field(page, "title").wait_for()
        _field(page, "title").fill(TITLE)
        owner = _field(page, "owner")
        owner.fill("NHG")
        owner.press("Enter")
        _field(page, "last_reviewed").fill(TODAY)  # a date picker: the browser's own <input type=date>
        page.get_by_role("button", name="Voeg bronnen toe").click()
        page.get_by_label("Titel van de bron").fill("NHG-Standaard Aspecifieke lagerugpijn")
        # The writer's panel in the preview: the findings of `check` on the unsaved page, among them the
        # untouched description (draft.placeholder).
        panel = page.frame_locator("iframe").locator(".ph-editor-panel")
        expect(panel).to_contain_text("draft.placeholder", timeout=30000)
        expect(panel).to_contain_text("patienthub:")
        panel.locator("summary").click()  # open, as an editor does, for the screenshot
        expect(panel.locator(".ph-editor-panel__finding", has_text="draft.placeholder").first).to_be_visible()
        _shot(page, "2-nieuwe-pagina")

        page.get_by_role("button", name="Publiceer").click()
        page.get_by_role("menuitem", name="Publiceer nu").click()
        target = local_backend / "content" / "rugpijn-na-het-sporten.md"
        deadline = time.monotonic() + 30
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.exists(), page.inner_text("body")[:3000]
        # After the save the service gives the new page its place in the nav and CODEOWNERS (`new --page`).
        config = local_backend / "mkdocs.yml"
        while f"- {TITLE}: rugpijn-na-het-sporten.md" not in config.read_text(encoding="utf-8"):
            assert time.monotonic() < deadline + 30, "de nieuwe pagina staat na het opslaan niet in het menu"
            time.sleep(0.2)
        expect(page.frame_locator("iframe").locator(".ph-editor-panel")).to_contain_text("draft.placeholder")
        _shot(page, "3-gepubliceerd")

        # An existing page: one line of its text changed, everything else of the body kept byte for byte.
        page.goto(base + web_editor.FOLDER + f"#/collections/education/entries/{EXISTING.stem}")
        page.reload()  # a fresh form, not the one of the page just published
        expect(_field(page, "title")).to_have_value("Lage rugpijn")
        page.get_by_text(OLD_LINE).first.click(click_count=3)  # the whole line
        page.keyboard.type(NEW_LINE)
        page.get_by_role("button", name="Publiceer").click()
        page.get_by_role("menuitem", name="Publiceer nu").click()
        edited = local_backend / "content" / EXISTING.name
        deadline = time.monotonic() + 30
        while NEW_LINE not in edited.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
        _shot(page, "4-bestaande-pagina")
        failed_while_served = list(failed)  # after this the site's server stops, under the open page

    text = target.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == TITLE
    assert front["type"] == "education" and front["owner"] == "nhg" and front["status"] == "concept"
    assert front["sources"] == [{"title": "NHG-Standaard Aspecifieke lagerugpijn"}]
    assert str(front["last_reviewed"]) == TODAY
    assert "## Wanneer belt u de huisarts?" in text  # the skeleton of the type, as `patienthub new` writes it

    checked = run_cli("check", "--today", TODAY, "content/rugpijn-na-het-sporten.md", cwd=local_backend)
    page_lines = [
        line for line in checked.stdout.splitlines() if "content/rugpijn-na-het-sporten.md:" in line
    ]
    assert page_lines and not [line for line in page_lines if ": error " in line], checked.stdout
    assert not [line for line in page_lines if " schema." in line], checked.stdout
    # A new page needs its place in the nav and its line in CODEOWNERS (who approves it); after the save the
    # editor's check service did what `patienthub new --page` does, so the whole copy passes with no step by hand.
    assert "/content/rugpijn-na-het-sporten.md" in (local_backend / ".github" / "CODEOWNERS").read_text(
        encoding="utf-8"
    )
    whole = run_cli("check", "--today", TODAY, cwd=local_backend)
    assert whole.code == 0, whole.stdout
    (ARTIFACTS / "nieuwe-pagina.md").write_text(text, encoding="utf-8")

    # The existing page: the body is the original with that one line changed (the editor's Markdown mode keeps
    # lists, [[kernboodschap: …]] and the rest as written); the front matter has the same keys and values,
    # also those the form does not show (codes, evidence). Decap writes them in its own order and wrapping.
    before_front, before_body = _split(EXISTING.read_text(encoding="utf-8"))
    after_front, after_body = _split(edited.read_text(encoding="utf-8"))
    assert before_body.count(OLD_LINE) == 1
    assert after_body.strip() == before_body.replace(OLD_LINE, NEW_LINE).strip()
    assert "[[kernboodschap:" in after_body and "\\[[" not in after_body
    assert after_front == before_front
    assert "codes" in after_front and "evidence" in after_front

    outside = sorted({url for url in requests if urlparse(url).hostname not in ("127.0.0.1", None)})
    assert outside == [], outside
    assert not [url for url in requests if url.startswith("http://localhost")]
    assert violations == [], violations
    assert failed_while_served == [], failed_while_served
