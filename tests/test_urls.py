from conftest import GOOD_META, REPO_ROOT, site_of
from patienthub.load import urls


def meta(**extra: str) -> str:
    return GOOD_META + "".join(f"{key}:{value}\n" for key, value in extra.items())


def test_alias_forms():
    assert urls.alias_url("oud/adres/") == "oud/adres/"
    assert urls.alias_url("/oud/adres") == "oud/adres/"
    assert urls.alias_url("oude-naam.md") == "oude-naam/"
    assert urls.alias_url("map/index.md") == "map/"
    assert urls.alias_url("oud/rugpijn.html") == "oud/rugpijn.html"
    assert urls.alias_url("oud/index.html") == "oud/"
    for bad in ("https://elders.nl/x/", "a?b=1", "a#kop", "../buiten/", "", "met spatie/", "folder.pdf"):
        assert urls.alias_url(bad) is None, bad


def test_an_alias_has_one_canonical_spelling_or_none():
    # Each of these was listed by `patienthub urls` and produced no redirect (issue 16).
    for bad in (
        "./",
        "404.html",
        "x//",
        "./x/",
        "..%2fx/",
        "a\0b/",
        "a\tb/",
        ".verborgen/",
        "oud/./adres/",
        "één/",
    ):
        assert urls.alias_url(bad) is None, repr(bad)
    assert urls.alias_url("  /Oud_Adres/v1.2/ ") == "Oud_Adres/v1.2/"


def test_relative_links_climb_out_of_the_source_folder():
    assert urls.relative("code/icd10/M54.5/", "lage-rugpijn/") == "../../../lage-rugpijn/"
    assert urls.relative("oud/rugpijn.html", "rug/") == "../rug/"
    assert urls.relative("p/rug/", "") == "../../"
    assert urls.relative("", "") == "./"


def test_absolute_keeps_the_sub_path(repo):
    site = site_of(repo.root)
    assert urls.absolute(site, "rug/") == "https://example.org/hub/rug/"
    assert urls.absolute(site, "") == "https://example.org/hub/"


def test_short_slug_is_last_url_part_unless_set(repo):
    repo.page("rug/lage-rugpijn.md")
    repo.page("been.md", meta(short_link=" been-pijn"))
    site = site_of(repo.root)
    slugs = {page.path: urls.short_slug(page) for page in site.pages}
    assert slugs == {
        "content/index.md": None,
        "content/rug/lage-rugpijn.md": "lage-rugpijn",
        "content/been.md": "been-pijn",
    }


def test_code_index_merges_spellings_and_puts_the_primary_page_first(repo):
    repo.page("a.md", meta(codes="\n  icd10: [m54.5, M54.4]"))
    repo.page("b.md", meta(codes="\n  icd10:\n    - {code: M545, primary: true}"))
    repo.page("c.md", meta(codes="\n  icd10: [kapot]"))
    entries = {(e.system, e.code): e for e in urls.code_index(site_of(repo.root))}
    assert set(entries) == {("icd10", "M54.4"), ("icd10", "M54.5")}
    assert [p.path for p in entries[("icd10", "M54.5")].pages] == ["content/b.md", "content/a.md"]
    assert [p.path for p in entries[("icd10", "M54.5")].primaries] == ["content/b.md"]


def test_redirects_cover_aliases_short_links_and_code_spellings(repo):
    repo.page("a.md", meta(aliases=" [oud/]", codes="\n  icpc: [L03]\n  icd10: [M54.5]"))
    repo.page("b.md", meta(codes="\n  icd10: [M54.5]"))
    found = {(r.source, r.target, r.kind) for r in urls.redirects(site_of(repo.root))}
    assert ("oud/", "a/", "alias") in found
    assert ("p/a/", "a/", "short") in found
    assert {("code/icpc/L03/", "a/", "code"), ("code/icpc/l03/", "a/", "code")} <= found
    # M54.5 has two pages: its canonical URL is a list page, the other spellings lead to that list.
    assert ("code/icd10/m545/", "code/icd10/M54.5/", "code") in found
    assert not any(source == "code/icd10/M54.5/" for source, _, _ in found)


def test_manifest_round_trip(repo):
    repo.page("a.md", meta(aliases=" [oud/]", codes="\n  icpc: [L03]"))
    site = site_of(repo.root)
    path = urls.manifest_path(site)
    assert urls.read_manifest(path) is None
    path.write_text(urls.render_manifest(site), encoding="utf-8")
    manifest = urls.read_manifest(path)
    assert manifest is not None
    assert manifest.urls == {item.url for item in urls.published(site)}
    assert {"", "a/", "oud/", "p/a/", "code/icpc/L03/", "feed.xml", "api/v1/pages.json"} <= manifest.urls
    assert "code/icpc/l03/" not in manifest.urls  # spellings follow from the canonical code
    line = path.read_text(encoding="utf-8").splitlines().index("/a/") + 1
    assert ("a/", line) in manifest.entries


def test_alias_of_an_old_page_file_follows_use_directory_urls():
    assert urls.alias_url("oude-naam.md", directory_urls=False) == "oude-naam.html"
    assert urls.alias_url("map/index.md", directory_urls=False) == "map/index.html"
    assert urls.alias_url("oud/adres/", directory_urls=False) == "oud/adres/"  # a folder stays a folder


def test_manifest_without_directory_urls(repo):
    repo.write("mkdocs.yml", "use_directory_urls: false\n" + (repo.root / "mkdocs.yml").read_text())
    terms = (REPO_ROOT / "content" / "_data" / "terms.yml").read_text(encoding="utf-8")
    repo.write("content/_data/terms.yml", terms)  # a glossary to publish
    repo.page("uitleg/a.md", meta(aliases=" [oud.md, ouder/]"))
    repo.page("uitleg/index.md")
    site = site_of(repo.root)
    published = {item.url for item in urls.published(site)}
    assert {
        "index.html",
        "uitleg/a.html",
        "uitleg/index.html",
        "oud.html",
        "ouder/",
        "zoeken.html",
    } <= published
    assert {"p/a/", "p/uitleg/"} <= published  # short links name the page, not its file
    assert site.termbase.terms and "woordenlijst.html" in published
    assert not {"", "uitleg/a/", "oud/", "zoeken/", "woordenlijst/"} & published
    redirects = {(r.source, r.target) for r in urls.redirects(site)}
    assert {
        ("oud.html", "uitleg/a.html"),
        ("ouder/", "uitleg/a.html"),
        ("p/a/", "uitleg/a.html"),
    } <= redirects
    dashboard = urls.reserved_by(site, "redactie/controles/eigenaar-nhg.html")
    assert dashboard is not None and dashboard.folder
