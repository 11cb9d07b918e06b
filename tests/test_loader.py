import datetime as dt

import pytest
from mkdocs.structure.files import File

from patienthub import load_project, load_site
from patienthub.load import loader
from patienthub.load.files import discover, page_url

TODAY = dt.date(2026, 11, 22)


def test_page_urls_follow_mkdocs_directory_urls():
    assert page_url("index.md") == ""
    assert page_url("lage-rugpijn.md") == "lage-rugpijn/"
    assert page_url("uitleg/index.md") == "uitleg/"
    assert page_url("uitleg/README.md") == "uitleg/"
    assert page_url("uitleg/hernia.md") == "uitleg/hernia/"
    assert page_url("uitleg/hernia.md", directory_urls=False) == "uitleg/hernia.html"
    assert page_url("uitleg/index.md", directory_urls=False) == "uitleg/index.html"
    assert page_url("index.md", directory_urls=False) == "index.html"


SOURCES = (
    "index.md",
    "README.md",
    "lage-rugpijn.md",
    "uitleg/index.md",
    "uitleg/README.md",
    "uitleg/hernia.md",
    "uitleg/readme.md",
    "uitleg/index-oud.md",
    "a/b/c/diep.md",
    "a/b/index.md",
    "versie.2.md",
    "oud.markdown",
    "code/icpc/L03/index.md",
)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_urls_are_the_ones_mkdocs_gives(directory_urls):
    for src in SOURCES:
        mkdocs_url = File(src, "/docs", "/site", use_directory_urls=directory_urls).url
        assert page_url(src, directory_urls) == ("" if mkdocs_url == "./" else mkdocs_url), src


def test_pages_get_the_urls_of_the_projects_setting(repo):
    repo.write("mkdocs.yml", "use_directory_urls: false\n" + (repo.root / "mkdocs.yml").read_text())
    repo.page("uitleg/hernia.md")
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    assert sorted(site.by_url) == ["index.html", "uitleg/hernia.html"]


def test_discover_skips_data_and_hidden_files_like_mkdocs(repo):
    repo.page("a.md")
    repo.write("content/_data/notes.md", "niet publiceren")
    repo.write("content/.hidden.md", "niet publiceren")
    repo.write("content/plaatje.png", b"\x89PNG")
    found = [p.relative_to(repo.content).as_posix() for p in discover(load_project(repo.root / "mkdocs.yml"))]
    assert found == ["a.md", "index.md"]


def test_site_has_pages_and_organisations(repo):
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    assert [p.path for p in site.pages] == ["content/index.md"]
    assert site.by_url[""].meta.title == "Lage rugpijn"
    assert set(site.organisations) == {"nhg", "kngf"}
    assert site.data_findings == ()


def test_bom_and_crlf_are_normalised(repo):
    text = "---\r\n" + "\r\n".join(repo.content.joinpath("index.md").read_text().split("\n")[1:])
    repo.write("content/crlf.md", b"\xef\xbb\xbf" + text.encode())
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    page = site.by_path["content/crlf.md"]
    assert page.problems == ()
    assert "\r" not in page.text
    assert page.meta.title == "Lage rugpijn"


def test_unreadable_files_become_findings_with_a_line(repo):
    repo.write("content/latin1.md", "---\ntitle: Rug\n---\nCaf\xe9\n".encode("latin-1"))
    repo.write("content/binary.md", b"---\n\x00\x01")
    repo.write("content/empty.md", "")
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    problems = {p.path: [(f.rule, f.line) for f in p.problems] for p in site.pages}
    assert problems["content/latin1.md"] == [("schema.encoding", 4)]
    assert problems["content/binary.md"] == [("schema.binary-file", 2)]
    assert problems["content/empty.md"] == [("schema.empty-file", 1)]


def test_a_symbolic_link_is_a_finding_and_never_read(repo):
    (repo.content / "weg.md").symlink_to(repo.root / "bestaat-niet.md")
    (repo.content / "rondje.md").symlink_to("rondje.md")
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    for path in ("content/weg.md", "content/rondje.md"):
        [problem] = site.by_path[path].problems
        assert problem.rule == "files.symlink" and "koppeling" in problem.message
    (repo.content / "geheim.md").symlink_to("/etc/passwd")
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    secret = site.by_path["content/geheim.md"]
    assert secret.text == "" and [p.rule for p in secret.problems] == ["files.symlink"]


def test_broken_yaml_does_not_add_schema_noise(repo):
    repo.write("content/broken.md", "---\ntitle: [Rug\n---\nTekst\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY)
    assert [f.rule for f in site.by_path["content/broken.md"].problems] == ["schema.yaml-syntax"]


def test_a_file_outside_docs_dir_can_be_checked(repo, tmp_path):
    outside = tmp_path / "elders.md"
    outside.write_text(repo.content.joinpath("index.md").read_text(), encoding="utf-8")
    site = load_site(load_project(repo.root / "mkdocs.yml"), TODAY, extra_files=[outside])
    assert any(p.src_uri == "elders.md" for p in site.pages)


def test_a_body_full_of_control_characters_gives_ten_findings_not_one_per_line():
    text = "---\ntitle: x\n---\n" + "a\x1bb\n" * 5000
    page = loader._parse(text.encode(), "content/x.md", "x.md", "x/")
    found = [p for p in page.problems if p.rule == "schema.control-character"]
    assert len(found) == loader.MAX_CONTROL_FINDINGS == 10
    assert found[0].line == 4 and "U+001B" in found[0].message


def test_page_from_bytes_reads_as_a_file_would_without_touching_it(repo):
    from tests.conftest import page_text

    from patienthub.core import limits
    from patienthub.load.loader import page_from_bytes

    project = load_project(repo.root / "mkdocs.yml")
    path = repo.content / "concept.md"
    page = page_from_bytes(path, page_text().encode("utf-8"), project)
    assert (page.path, page.src_uri, page.url) == ("content/concept.md", "concept.md", "concept/")
    assert page.meta.title == "Lage rugpijn" and not path.exists()
    too_large = page_from_bytes(path, b"a" * (limits.limits().max_page_bytes + 1), project)
    assert [p.rule for p in too_large.problems] == ["schema.too-large"]
