import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser

import pytest
from tests.conftest import GOOD_BODY, REPO_ROOT, TODAY

from patienthub.core.findings import Finding, Severity
from patienthub.reports.editor_panel import PANEL_CLASS, render


def test_panel_lists_findings_worst_first_with_metrics_and_escapes_text():
    findings = [
        Finding(
            "readability.passive", Severity.SUGGESTION, "p.md", 9, "Lijdende vorm.", excerpt="wordt <gedaan>"
        ),
        Finding("freshness.overdue", Severity.ERROR, "p.md", 6, "Te laat.", "Laat controleren."),
    ]
    html = render(
        findings, {"flesch_douma": 72.5, "days_left": -3, "unrelated": 1}, lambda rule: f"../gids/#{rule}"
    )
    assert html.startswith(f'<section class="{PANEL_CLASS}"')
    assert html.index("freshness.overdue") < html.index("readability.passive")
    assert "1 fouten, 0 waarschuwingen, 1 suggesties" in html
    assert "<strong>72,5</strong> Flesch-Douma" in html  # written the Dutch way, as in the report
    assert "<strong>-3</strong> dagen tot controle" in html
    assert "unrelated" not in html
    assert 'data-excerpt="wordt &lt;gedaan&gt;"' in html
    assert "<details open>" in html
    assert '<a href="../gids/#freshness.overdue" title="Uitleg' in html
    HTMLParser().feed(html)  # well-formed enough to parse


def test_panel_leaves_out_a_metric_the_page_cannot_have():
    # No last_reviewed (a typo in the key): no review date, so no "None dagen tot controle".
    html = render([], {"avg_sentence_words": 7.894, "days_left": None})
    assert "<strong>7,9</strong> woorden per zin" in html
    assert "dagen tot controle" not in html
    assert "None" not in html


def test_clean_page():
    html = render([], {})
    assert "Geen opmerkingen" in html
    assert "<details>" in html


# --- in a browser: the project's script marks in the text what the panel is about (under `mkdocs serve`) --------

LONG_SENTENCES = [
    "Dit is een heel lange zin zonder opmaak die veel meer dan vijftien woorden heeft en dus gemeld wordt.",
    "Dit is een lange zin met een **vetgedrukt woord** erin die ook veel meer dan vijftien woorden telt en\n"
    "over twee regels loopt.",
    "Een lange zin over een hernia in de rug die ook meer dan vijftien woorden heeft en daarom gemeld wordt.",
]


def _normal(text: str) -> str:
    return " ".join(text.replace("**", "").split())


@pytest.mark.browser
@pytest.mark.slow
def test_serve_marks_every_long_sentence_also_across_bold_text_and_glossary_links(repo):
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium ontbreekt; installeer het Debian-pakket 'chromium'")
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    shutil.copy(REPO_ROOT / "content" / "_data" / "terms.yml", repo.content / "_data" / "terms.yml")
    script = "assets/javascripts/patienthub.js"  # in overrides/, the theme folder the mini site shares
    repo.write("mkdocs.yml", (repo.root / "mkdocs.yml").read_text() + f"extra_javascript:\n  - {script}\n")
    repo.page("lang.md", body=GOOD_BODY + "\n" + "\n\n".join(LONG_SENTENCES) + "\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": TODAY}
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=repo.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/hub/lang/"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("mark.ph-editor-mark")
            in_glossary_link = page.locator("a mark.ph-editor-mark, mark.ph-editor-mark a").count()
            marked = _normal("".join(page.eval_on_selector_all("mark", "ms => ms.map(m => m.textContent)")))
            nested = page.locator("mark.ph-editor-mark mark.ph-editor-mark").count()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    for sentence in LONG_SENTENCES:
        assert _normal(sentence) in marked, (sentence, marked)
    assert in_glossary_link >= 1  # "hernia" became a glossary link and is marked as part of its sentence
    assert nested == 0  # two findings on one sentence (length, passive) mark it once
