"""Real `mkdocs build` runs of mini sites: the plugin gates --strict and renders the review line."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from tests.conftest import GOOD_BODY, GOOD_META, LONG_SENTENCE, REPO_ROOT, mkdocs_build

from patienthub.adapters.engines import REPORTED_VARIABLE
from patienthub.adapters.mkdocs_plugin import WITHHELD_DOCUMENT


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One good mini site, built once for the HTML assertions below."""
    from tests.conftest import EDITORS, MKDOCS_YML, ORGANISATIONS, REPO_ROOT, MiniRepo, page_text

    repo = MiniRepo(tmp_path_factory.mktemp("built") / "repo")
    repo.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    repo.write("content/_data/organisations.yml", ORGANISATIONS + EDITORS)
    repo.write("content/index.md", page_text())
    repo.write("handleiding/redacteuren.md", "# Handleiding voor redacteuren\n")
    repo.write(
        "content/goedgekeurd.md",
        page_text(GOOD_META.replace("status: concept", "status: approved") + "reviewed_by: [nhg, kngf]\n"),
    )
    repo.write("content/gecontroleerd.md", page_text(GOOD_META + "reviewed_by: [nhg]\n"))  # not yet approved
    # The editors' own concept, checked by themselves only: no expert check, and nobody "still to approve" it.
    redactie = GOOD_META.replace("owner: nhg", "owner: redactie") + "reviewed_by: [redactie]\n"
    repo.write("content/redactie.md", page_text(redactie))
    run = mkdocs_build(repo.root)
    assert run.code == 0, run.stderr
    return repo.root / "site"


def test_review_line_in_dutch(built):
    html = (built / "index.html").read_text(encoding="utf-8")
    # A concept no association checked claims no expert check: only the editors checked it.
    assert 'Laatst gecontroleerd door de redactie: <time datetime="2026-03-12">12 maart 2026</time>' in html
    assert 'Volgende controle: <time datetime="2029-03-12">12 maart 2029</time>' in html
    assert "Nederlands Huisartsen Genootschap" in html
    # A concept names who must still check it, never who stands behind it, nor that it was asked to.
    assert "Nog te controleren door:" in html
    assert "Gevraagd" not in html
    assert "Verantwoordelijk voor deze tekst" not in html


def test_concept_notice_only_on_concept_pages(built):
    assert "nog niet goedgekeurd" in (built / "index.html").read_text(encoding="utf-8")
    approved = (built / "goedgekeurd" / "index.html").read_text(encoding="utf-8")
    assert "nog niet goedgekeurd" not in approved
    assert "Verantwoordelijk voor deze tekst:" in approved
    assert "Laatst gecontroleerd: <time" in approved and "door de redactie" not in approved
    assert re.search(
        r'Gecontroleerd door:\s*<a href="https://www.nhg.org"[^>]*>NHG</a>, <a href="https://www.kngf.nl"',
        approved,
    )


def test_concept_checked_by_its_owner_says_so_without_claiming_approval(built):
    html = (built / "gecontroleerd" / "index.html").read_text(encoding="utf-8")
    assert "Nog goed te keuren door:" in html and "Nog te controleren door" not in html
    assert (
        "gecontroleerd, maar nog niet goedgekeurd" in html and "moet deze tekst nog controleren" not in html
    )
    assert "Verantwoordelijk voor deze tekst" not in html
    assert re.search(r'Gecontroleerd door:\s*<a href="https://www.nhg.org"', html)
    assert "Laatst gecontroleerd: <time" in html and "door de redactie" not in html


def test_a_concept_checked_only_by_the_editors_claims_no_expert_check(built):
    html = (built / "redactie" / "index.html").read_text(encoding="utf-8")
    assert "Laatst gecontroleerd door de redactie:" in html
    assert "Geschreven door:" in html and "Nog te controleren door een vereniging van zorgverleners." in html
    assert "Nog goed te keuren door" not in html and "Nog te controleren door:" not in html
    assert (
        "moet deze tekst nog controleren" in html and "gecontroleerd, maar nog niet goedgekeurd" not in html
    )


def test_html_is_dutch_and_has_no_google_fonts(built):
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html, page
        assert "fonts.gstatic.com" not in html, page
    assert '<html lang="nl"' in (built / "index.html").read_text(encoding="utf-8")


def test_search_box_and_404_page_lead_to_the_search_page(built):
    assert 'action="zoeken/"' in (built / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/hub/zoeken/"' in (built / "404.html").read_text(encoding="utf-8")


def test_writers_panel_is_not_in_the_published_build(built):
    for page in built.rglob("*.html"):
        assert "ph-editor-panel" not in page.read_text(encoding="utf-8"), page


def _make_serve_command(port: int) -> list[str]:
    """The `make serve` recipe of this repository's Makefile, run with this interpreter's mkdocs."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nserve:", 1)[1].split("\n")[1].split()
    assert recipe[0] == "$(BIN)/mkdocs", recipe
    return [sys.executable, "-m", "mkdocs", *recipe[1:], "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"]


def test_writers_panel_shows_findings_under_mkdocs_serve_with_links_to_the_guide(repo):
    # Like this repository's mkdocs.yml: `make serve` must still show a page with an error, in its panel.
    repo.write("mkdocs.yml", "strict: true\n" + (repo.root / "mkdocs.yml").read_text(encoding="utf-8"))
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    repo.write(
        "handleiding/redacteuren.md", '# Handleiding\n\n<a id="freshness.overdue"></a>\n\n#### Te laat\n'
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATIENTHUB_TODAY": "2026-11-22"}
    server = subprocess.Popen(
        _make_serve_command(port), cwd=repo.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )

    def get(path: str) -> str:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/{path}", timeout=2) as response:
                    return response.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        return ""

    try:
        html = get("oud/")
        assert 'class="ph-editor-panel"' in html
        assert "freshness.overdue" in html
        # The rule links to its section of the editors' guide, served on the same local site.
        assert '<a href="../handleiding-voor-redacteuren/#freshness.overdue"' in html
        assert 'id="freshness.overdue"' in get("handleiding-voor-redacteuren/")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_guide_is_not_in_the_published_build(built):
    assert (built.parent / "handleiding" / "redacteuren.md").is_file()
    assert not (built / "handleiding-voor-redacteuren").exists()


def test_data_files_are_not_published(built):
    assert not (built / "_data").exists()


def test_overdue_page_fails_strict_build(repo):
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = mkdocs_build(repo.root)
    assert run.code == 1
    assert "freshness.overdue" in run.stderr
    assert "content/oud.md:6" in run.stderr


def test_a_quiet_strict_build_stops_on_the_same_errors(repo):
    # MkDocs counts warnings for --strict only when it logs them, and --quiet logs none: the plugin stops it itself.
    run = mkdocs_build(repo.root, options=("--quiet",))
    assert run.code == 0, run.stderr
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = mkdocs_build(repo.root, options=("--quiet",))
    assert run.code == 1
    assert "content/oud.md:6" in run.stderr and "freshness.overdue" in run.stderr
    assert "een strikte build stopt daarop, ook met --quiet" in run.stderr and "Traceback" not in run.stderr
    assert mkdocs_build(repo.root, strict=False, options=("--quiet",)).code == 0


def test_under_patienthub_build_the_plugin_logs_only_errors_and_strict_still_stops(repo):
    # `patienthub build` has printed the check's report: its warnings are not logged again, but an error (a page
    # that changed after the check) still is, and stops the strict build.
    repo.page("lang.md", body=LONG_SENTENCE)
    run = mkdocs_build(repo.root, env={REPORTED_VARIABLE: "1"})
    assert run.code == 0, run.stderr
    assert "Deze zin heeft 22 woorden" not in run.stderr and "gecontroleerd" not in run.stderr
    repo.page("oud.md", meta=GOOD_META.replace("2026-03-12", "2020-01-01"))
    run = mkdocs_build(repo.root, env={REPORTED_VARIABLE: "1"})
    assert run.code == 1
    assert "content/oud.md:6" in run.stderr and "freshness.overdue" in run.stderr


def test_mkdocs_build_alone_logs_every_finding_and_the_summary(repo):
    repo.page("lang.md", body=LONG_SENTENCE)
    run = mkdocs_build(repo.root)
    assert run.code == 0, run.stderr
    assert run.stderr.count("Deze zin heeft 22 woorden") == 1
    assert "2 pagina’s gecontroleerd: 0 fouten, 1 waarschuwing" in run.stderr


def test_broken_front_matter_fails_strict_build_instead_of_being_ignored(repo):
    repo.write("content/kapot.md", "---\ntitle: [Rug\n---\n# Kapot\n")
    run = mkdocs_build(repo.root)
    assert run.code == 1
    assert "schema.yaml-syntax" in run.stderr


def test_a_symbolic_link_stops_every_build_without_traceback(repo):
    (repo.content / "weg.md").symlink_to(repo.root / "bestaat-niet.md")
    run = mkdocs_build(repo.root, strict=False)
    assert run.code == 1
    assert "koppelingen (symbolic links)" in run.stderr and "content/weg.md" in run.stderr
    assert "Traceback" not in run.stderr


def test_invalid_plugin_config_stops_the_build(repo):
    text = (
        (repo.root / "mkdocs.yml")
        .read_text()
        .replace("  - patienthub\n", "  - patienthub:\n      onzin: 1\n")
    )
    repo.write("mkdocs.yml", text)
    run = mkdocs_build(repo.root)
    assert run.code == 1
    assert "onbekende instelling" in run.stderr


def test_a_build_without_directory_urls_is_checked_at_the_urls_it_writes(repo):
    """`mkdocs build --no-directory-urls` reaches the plugin in MkDocs' validated configuration, not by reading
    mkdocs.yml again: the checks see the addresses the build writes."""
    # A link in URL form that works only without directory URLs: from uitleg/hernia.html, ../ is the home page
    # (from uitleg/hernia/ it would be uitleg/, no page: links.missing-file would fail --strict).
    repo.page("uitleg/hernia.md", body=f"{GOOD_BODY}\n[Naar het begin](../)\n")
    run = mkdocs_build(repo.root, options=("--no-directory-urls",))
    assert run.code == 0, run.stderr
    site = repo.root / "site"
    assert (site / "uitleg" / "hernia.html").is_file() and not (site / "uitleg" / "hernia").exists()
    assert (site / "zoeken.html").is_file()
    # The theme's search box and 404 page lead to the search page at its address too.
    assert 'action="zoeken.html"' in (site / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/hub/zoeken.html"' in (site / "404.html").read_text(encoding="utf-8")
    # The sitemap's lastmod is the review date only for a page the plugin knows by the URL MkDocs gave it.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(
        r"<loc>https://example.org/hub/uitleg/hernia.html</loc>\s*<lastmod>2026-03-12</lastmod>", sitemap
    )
    hernia = (site / "uitleg" / "hernia.html").read_text(encoding="utf-8")
    assert '"lastReviewed": "2026-03-12"' in hernia or '"lastReviewed":"2026-03-12"' in hernia


@pytest.mark.parametrize(
    ("inherited", "named"),
    [
        ("extra_javascript:\n  - path: https://elders.example/x.js\n    type: module\n", "extra_javascript"),
        ("nav:\n  - 'Rug<meta http-equiv=refresh>': index.md\n", "nav"),
        ("copyright: 'NHG <script>x</script>'\n", "copyright"),
    ],
)
def test_the_build_refuses_what_check_refuses_in_an_inherited_config(repo, inherited, named):
    # mkdocs.yml inherits from basis.yml; the plugin judges MkDocs' validated configuration of both.
    repo.write("basis.yml", inherited)
    repo.write("mkdocs.yml", "INHERIT: basis.yml\n" + (repo.root / "mkdocs.yml").read_text(encoding="utf-8"))
    run = mkdocs_build(repo.root, strict=False)
    assert run.code == 1
    assert f"patienthub: {repo.root / 'mkdocs.yml'}: {named}" in run.stderr
    assert "Traceback" not in run.stderr


def _disable_the_plugin(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    disabled = re.sub(
        r"^  - patienthub(:?)$", r"  - patienthub:\n      enabled: false", text, count=1, flags=re.M
    )
    assert disabled != text
    config.write_text(disabled, encoding="utf-8")


def test_the_theme_builds_the_plain_pages_with_the_plugin_disabled(repo):
    """`enabled: false` (MkDocs 1.6): the overrides need nothing of the plugin; the pages come out plain."""
    repo.page("uitkomst.md", body=GOOD_BODY + "\n{{ uitkomst: operatie-bij-hernia }}\n")
    _disable_the_plugin(repo.root / "mkdocs.yml")
    run = mkdocs_build(repo.root)
    assert run.code == 0, run.stderr
    assert "Traceback" not in run.stderr
    site = repo.root / "site"
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Veel mensen hebben pijn onder in de rug." in html
    # What the plugin adds is absent, not broken: no policy, no review line, no generated pages.
    assert "Content-Security-Policy" not in html and "ph-review" not in html
    assert not (site / "zoeken").exists() and not (site / "api").exists()
    assert "{{ uitkomst: operatie-bij-hernia }}" in (site / "uitkomst" / "index.html").read_text(
        encoding="utf-8"
    )
    assert "Deze pagina bestaat niet" in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.long
def test_the_project_with_the_plugin_disabled_misses_only_the_generated_pages(copy_of_project):
    """The real project without the plugin: every page builds; MkDocs warns only about the nav entries the
    plugin would have generated (woordenlijst, zoeken), so --strict is not possible there."""
    from tests.conftest import site_of

    from patienthub.build import generators

    generated = {out.uri for make in generators.REGISTRY for out in make(site_of(REPO_ROOT)) if out.in_nav}
    _disable_the_plugin(copy_of_project / "mkdocs.yml")
    run = mkdocs_build(copy_of_project, strict=False, options=("--no-strict",))
    assert run.code == 0, run.stderr
    warnings = [line for line in run.stderr.splitlines() if line.startswith("WARNING")]
    missing = set(re.findall(r"A reference to '([^']+)' is included in the 'nav'", run.stderr))
    assert missing and missing <= generated
    assert len(warnings) == len(missing), warnings
    assert (copy_of_project / "site" / "lage-rugpijn" / "index.html").is_file()


def test_an_unsafe_finished_page_is_withheld_in_every_build_also_when_its_verdict_is_cached(repo):
    """The whole finished page is judged (theme and template overrides included); a rebuild takes the verdict on
    the same bytes from the cache, and still withholds the page."""
    overrides = repo.root / "overrides"
    shutil.copytree(REPO_ROOT / "overrides", overrides)
    footer = overrides / "partials" / "footer.html"
    footer.write_text("<footer><script>document.title = 'x'</script></footer>\n", encoding="utf-8")
    config = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    repo.write("mkdocs.yml", re.sub(r"custom_dir: .*", f"custom_dir: {overrides}", config))
    for _ in range(2):
        run = mkdocs_build(repo.root, strict=False)
        assert "niet veilig en is niet gepubliceerd" in run.stderr, run.stderr[-2000:]
        assert (repo.root / "site" / "index.html").read_text(encoding="utf-8") == WITHHELD_DOCUMENT


def test_a_second_build_of_the_same_pages_puts_the_stored_search_index_back(repo):
    from patienthub.load.cache import machine_key
    from patienthub.publish.stored_index import StoredIndex

    assert mkdocs_build(repo.root).code == 0
    store = StoredIndex(repo.root / ".patienthub-cache" / "search-index", machine_key())
    assert (store.folder / "index.json").is_file()
    # Mark the stored index (signed as the build signs it): the next build must publish the marked copy.
    marked = repo.root / "elsewhere"
    shutil.copytree(repo.root / "site", marked)
    (marked / "pagefind" / "gemarkeerd.txt").write_text("uit de cache", encoding="utf-8")
    store.store(marked, store.key(repo.root / "site"))
    assert mkdocs_build(repo.root).code == 0
    assert (repo.root / "site" / "pagefind" / "gemarkeerd.txt").is_file()
    repo.page("index.md", body="# Rugpijn\n\nBewegen helpt bij rugpijn. Dat is goed voor u.\n")
    assert mkdocs_build(repo.root).code == 0  # a page changed: Pagefind indexes the site again
    again = sorted(
        p.relative_to(repo.root / "site").as_posix() for p in (repo.root / "site" / "pagefind").rglob("*")
    )
    assert "pagefind/gemarkeerd.txt" not in again and "pagefind/pagefind.js" in again
