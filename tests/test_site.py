"""The built site as a patient's browser gets it: Content-Security-Policy, internal links checked by linkchecker
over HTTP on 127.0.0.1 (no external network), and content that tries to run script stopped at every layer."""

from __future__ import annotations

import html as html_entities
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import (
    GOOD_BODY,
    MKDOCS_YML,
    ORGANISATIONS,
    REPO_ROOT,
    MiniRepo,
    mkdocs_build,
    page_text,
    require_chromium,
    run_cli,
    serve,
)

from patienthub.build import csp, web_editor

pytestmark = pytest.mark.slow

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
LINKCHECKER = Path(sys.executable).parent / "linkchecker"
# AnchorCheck makes linkchecker verify #fragments too; checkextern=0 keeps it off the internet. The request rate
# only applies to a host that opts out of linkchecker's politeness delay (our test server does, see serve()).
LINKCHECKER_CONFIG = "[checking]\nmaxrequestspersecond=1000\n\n[filtering]\ncheckextern=0\n\n[AnchorCheck]\n"


def linkchecker(url: str, workdir: Path) -> subprocess.CompletedProcess[str]:
    config = workdir / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    env = {**os.environ, "HOME": str(workdir)}  # linkchecker keeps its state under $HOME
    return subprocess.run(
        [str(LINKCHECKER), "--no-status", "--config", str(config), "--output", "text", url],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.long
def test_linkchecker_finds_no_broken_internal_links(served_site, tmp_path):
    result = linkchecker(served_site, tmp_path)
    assert "0 warnings found. 0 errors found." in result.stdout, result.stdout
    assert result.returncode == 0
    checked = int(re.search(r"(\d+) links in \d+ URLs checked", result.stdout).group(1))
    assert checked >= 20  # it really crawled the site, not just the home page


@pytest.mark.long
def test_linkchecker_harness_reports_a_broken_link(repo, tmp_path):
    """The same harness on a site with a broken link (built without --strict) must fail."""
    repo.page("kapot.md", body=f'{GOOD_BODY}\n<a href="../bestaat-niet/">weg</a>\n')
    assert mkdocs_build(repo.root, strict=False).code == 0
    with serve(repo.root / "site") as url:
        result = linkchecker(url, tmp_path)
    assert result.returncode == 1
    assert "1 error found" in result.stdout or re.search(r"[1-9]\d* errors found", result.stdout)
    assert "bestaat-niet" in result.stdout


def test_every_page_has_a_csp_that_allows_exactly_the_theme_scripts(project_site):
    # The web editor has a policy of its own, for editors only (tests/test_web_editor.py): the one exception.
    editor = project_site / web_editor.FOLDER
    pages = sorted(p for p in project_site.rglob("*.html") if not p.is_relative_to(editor))
    assert len(pages) >= 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policies = CSP_META.findall(html)
        assert len(policies) == 1, page
        policy = html_entities.unescape(policies[0])
        assert html.index("Content-Security-Policy") < html.index("<script"), page
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert (
            "default-src 'self'" in policy and "frame-src 'none'" in policy and "object-src 'none'" in policy
        )
        directives = dict(d.split(" ", 1) for d in policy.split("; "))
        allowed = set(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", directives["script-src"]))
        # No inline script left unhashed, no hash for a script that is not there.
        assert {csp.source_hash(script) for script in csp.inline_scripts(html)} == allowed, page
        styles = set(re.findall(r' style="([^"]*)"', html))
        assert styles <= set(csp.TABLE_ALIGN_STYLES), (
            page,
            styles,
        )  # the only inline styles the policy allows
        assert not re.search(r"https?://", policy)  # no third-party origins


def _script_page(repo: MiniRepo, body: str) -> None:
    repo.page("aanval.md", body=f"{GOOD_BODY}\n{body}\n")


@pytest.mark.parametrize(
    ("body", "rule"),
    [
        ("<script>alert('hallo')</script>", "html.script"),
        ("Klik [hier](javascript:alert(1)).", "html.unsafe-url"),
    ],
)
def test_script_in_content_fails_check_and_strict_build(repo, body, rule):
    _script_page(repo, body)
    line = page_text(body=f"{GOOD_BODY}\n{body}\n").split("\n").index(body) + 1
    checked = run_cli("check", "--today", "2026-11-22", cwd=repo.root)
    assert checked.code == 1
    assert f"content/aanval.md:{line}: error {rule}" in checked.stdout
    built = mkdocs_build(repo.root)
    assert built.code == 1
    assert rule in built.stderr and f"content/aanval.md:{line}" in built.stderr


# --- in a real browser -------------------------------------------------------------------------------------------

VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample)));
"""


@pytest.fixture(scope="module")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(VIOLATIONS)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


@pytest.mark.long
@pytest.mark.browser
def test_theme_and_search_work_under_the_policy(served_site, browser):
    # The dashboard has right-aligned table columns: style attributes the policy allows by hash.
    for path in ("", "lage-rugpijn/", "zoeken/?q=hernia", "deze-pagina-bestaat-niet/", "redactie/controles/"):
        page, errors = _open(browser, served_site + path)
        # The search module, Pagefind's worker and its WebAssembly run under the policy.
        if path.startswith("zoeken/"):
            page.wait_for_selector(".ph-search__result", timeout=15000)
        assert page.evaluate("typeof __md_get") == "function", path  # Material's hashed inline script ran
        if path.startswith("redactie/"):
            aligned = page.evaluate("getComputedStyle(document.querySelector('td[style]')).textAlign")
            assert aligned == "right"
        assert page.evaluate("window.__violations") == [], path
        assert errors == [], path
        page.close()


@pytest.mark.browser
def test_a_non_strict_build_withholds_a_page_with_script(tmp_path, browser):
    """Even a non-strict build with a script page publishes nothing that runs: the plugin judges MkDocs' own HTML
    with the check's policy and withholds the page's content (the CSP would block the script as well)."""
    repo = MiniRepo(tmp_path / "repo")
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write("content/_data/organisations.yml", ORGANISATIONS)
    repo.page(
        "index.md",
        body=f"{GOOD_BODY}\n<script>window.__owned = 1</script>\n\n"
        '<img src="nergens.png" alt="x" onerror="window.__owned = 2">\n',
    )
    assert mkdocs_build(repo.root, strict=False).code == 0
    with serve(repo.root / "site") as url:
        page, _ = _open(browser, url)
        page.wait_for_timeout(300)
        assert page.evaluate("window.__owned") is None
        assert page.locator(".ph-withheld").count() == 1
        assert "__owned" not in (repo.root / "site" / "index.html").read_text(encoding="utf-8")
        page.close()


def test_every_label_of_the_table_of_contents_has_exactly_one_toggle(project_site):
    # Material labels #__toc in the sidebar of every page with headings but writes the toggle only beside pages in
    # the menu; main.html adds it for the others (the plugin tells it which pages are in the menu). Wrong either
    # way: a label pointing at nothing, or two elements with id __toc.
    labelled = 0
    for page in project_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        toggles = text.count('id="__toc"')
        assert toggles <= 1, page.relative_to(project_site)
        if 'for="__toc"' in text:
            labelled += 1
            assert toggles == 1, page.relative_to(project_site)
    assert labelled > 20
