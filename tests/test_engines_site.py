"""The same hub on every engine: this repository's site built by ProperDocs, compared with the MkDocs build
(`project_site`) page by page. docs/engines.md lists which engines build the hub and what differs.

ProperDocs (the maintained fork of MkDocs 1.x) loads the patienthub plugin through the same entry points, so the
hub is expected to come out the same: no documented difference today. A difference found here either is a bug or
goes into docs/engines.md and into this file as a named, tested exception.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser
from tests.conftest import REPO_ROOT, TODAY

# Compressed copies are compared through the files they are made of (gzip and brotli output may differ
# between library builds without the site differing).
COMPRESSED = (".gz", ".br")


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    """This repository's site, built for real by `properdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("properdocs-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": TODAY}
    env.pop("SITE_URL", None)
    properdocs = Path(sys.executable).with_name("properdocs")
    proc = subprocess.run(
        [str(properdocs), "build", "--strict", "--site-dir", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return out


def site_files(site: Path) -> set[str]:
    """Every file of a built site (its set of URLs and machine files), compressed copies left out."""
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix not in COMPRESSED
    }


def article_text(html: str) -> str:
    """The text a patient reads on a page: the article (review line, notices, outcome blocks, glossary terms),
    whitespace normalised; the whole body for a page without an article (redirects)."""
    tree = LexborHTMLParser(html)
    node = tree.css_first("article") or tree.body
    return " ".join((node.text(separator=" ") if node is not None else "").split())


def test_properdocs_writes_the_same_set_of_urls(project_site, properdocs_site):
    mkdocs_files = site_files(project_site)
    assert "index.html" in mkdocs_files and "api/v1/pages.json" in mkdocs_files
    assert site_files(properdocs_site) == mkdocs_files


def test_properdocs_pages_have_the_same_article_text(project_site, properdocs_site):
    pages = sorted(p.relative_to(project_site) for p in project_site.rglob("*.html"))
    assert len(pages) > 30
    different = [
        page.as_posix()
        for page in pages
        if article_text((project_site / page).read_text(encoding="utf-8"))
        != article_text((properdocs_site / page).read_text(encoding="utf-8"))
    ]
    assert different == []
    # The comparison sees what the hub adds: the review line and an outcome icon array on a real page.
    outcome = article_text((properdocs_site / "uitkomsten/operatie-bij-hernia/index.html").read_text("utf-8"))
    assert "Laatst gecontroleerd" in outcome and "{{ uitkomst" not in outcome


def test_properdocs_writes_the_same_pages_api_and_feed(project_site, properdocs_site):
    for name in ("api/v1/pages.json", "api/v1/terms.json"):
        assert json.loads((properdocs_site / name).read_text("utf-8")) == json.loads(
            (project_site / name).read_text("utf-8")
        )
    assert (properdocs_site / "feed.xml").read_text("utf-8") == (project_site / "feed.xml").read_text("utf-8")


def test_properdocs_builds_the_mkdocs_site_byte_for_byte(project_site, properdocs_site):
    """Stronger than the comparisons above, and true today: every file (HTML, CSS, Pagefind index, sitemap) is
    the same. Should a ProperDocs release change its output, this test names the files: document the
    difference in docs/engines.md and narrow this test to it."""
    different = [
        name
        for name in sorted(site_files(project_site))
        if (project_site / name).read_bytes() != (properdocs_site / name).read_bytes()
    ]
    assert different == []
