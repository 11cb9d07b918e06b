"""The web editor's page (build/web_editor.py): a deliberate exception to the site's policy, for editors only."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT

from patienthub.build import csp, web_editor
from patienthub.load.config import load_project
from patienthub.text import htmlpolicy

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _project():
    return load_project(REPO_ROOT / "mkdocs.yml")


def test_editor_page_has_its_own_narrow_policy_and_no_inline_script():
    page = web_editor.page(_project())
    assert htmlpolicy.inspect_document(page) == []  # CSP first after the charset, no refresh, no handlers
    assert csp.inline_scripts(page) == []
    assert re.findall(r'<script src="([^"]+)"', page) == ["decap-cms.js", "patienthub-editor.js"]
    assert '<meta name="robots" content="noindex, nofollow">' in page
    directives = dict(d.split(" ", 1) for d in CSP_META.search(page).group(1).split("; "))
    assert directives["default-src"] == "'none'"
    # What Decap needs and a patient page never gets: eval for its config validator, inline styles (emotion).
    assert directives["script-src"] == "'self' 'unsafe-eval'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    origins = set(re.findall(r"https?://[^\s;]+", "; ".join(directives.values())))
    assert (
        origins
        == {
            "http://127.0.0.1:8081",
            "http://127.0.0.1:8082",  # the check service of `make edit` (patienthub edit-service): connect-src only
            "https://api.github.com",
            "https://avatars.githubusercontent.com",
        }
    )
    assert directives["connect-src"] == (
        "'self' http://127.0.0.1:8081 http://127.0.0.1:8082 https://api.github.com"
    )
    assert 'data-check-service="http://127.0.0.1:8082"' in page
    assert directives["base-uri"] == "'none'" and directives["form-action"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_only_what_the_browser_loads_is_copied_from_the_package():
    files = web_editor.vendor_files(_project())
    names = {path.name for path in files}
    assert "decap-cms.js" in names and "decap-cms.js.LICENSE.txt" in names
    assert not [name for name in names if name.endswith(".map") or name.startswith("cms.")]
    assert all(name.endswith((".decap-cms.js", ".wasm")) or name.startswith("decap-cms.js") for name in names)


def test_the_built_site_has_the_editor_in_its_folder_only(project_site):
    editor = project_site / web_editor.FOLDER
    project = _project()
    assert (editor / "index.html").read_text(encoding="utf-8") == web_editor.page(project)
    committed = (REPO_ROOT / project.config.web_editor.config_file).read_text(encoding="utf-8")
    assert (editor / "config.yml").read_text(encoding="utf-8") == committed
    vendor = web_editor.vendor_dir(project) / "decap-cms.js"
    assert (editor / "decap-cms.js").read_bytes() == vendor.read_bytes()
    copies = [p for p in project_site.rglob("*decap-cms.js") if not p.is_relative_to(editor)]
    assert copies == []
    for page in project_site.rglob("*.html"):
        if not page.is_relative_to(editor):
            html = page.read_text(encoding="utf-8")
            assert "decap-cms" not in html and "redactie/bewerken" not in html, page
