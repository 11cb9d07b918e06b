"""The work over a finished site folder: Pagefind (really run) while the CSS is trimmed and files compressed."""

import gzip
import shutil

import pytest

from patienthub.publish import afterbuild, precompress, search_index, slimcss

THEME_CSS = ".md-typeset p{margin:0}.md-unused-widget{color:red}" + "/* opvulling */" * 60
PAGE = (
    "<!doctype html><html lang='nl'><head><title>Rugpijn</title>"
    "<link rel='stylesheet' href='assets/stylesheets/main.abc.min.css'></head>"
    "<body><div class='md-typeset'><main data-pagefind-body><h1>Rugpijn</h1>"
    + "<p>Blijf zoveel mogelijk bewegen. Rugpijn gaat meestal vanzelf over.</p>" * 40
    + "</main></div></body></html>"
)


def _site(folder):
    (folder / "rugpijn").mkdir(parents=True)
    (folder / "rugpijn" / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "assets" / "stylesheets").mkdir(parents=True)
    (folder / "assets" / "stylesheets" / "main.abc.min.css").write_text(THEME_CSS, encoding="utf-8")
    return folder


def _files(folder):
    """Every file and its bytes, except Pagefind's index chunks (named by a hash of their build)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] != search_index.BUNDLE_DIR
    }


def test_the_index_the_trimmed_css_and_the_copies_are_all_made(tmp_path):
    site = _site(tmp_path / "site")
    afterbuild.run(site)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (
        site / "pagefind" / "pagefind.js.gz"
    ).is_file()  # Pagefind's own files, compressed once it is done
    css = (site / "assets" / "stylesheets" / "main.abc.min.css").read_text(encoding="utf-8")
    assert ".md-typeset p" in css and "md-unused-widget" not in css
    assert gzip.decompress((site / "rugpijn" / "index.html.gz").read_bytes()).decode() == PAGE


def test_the_result_is_what_the_steps_one_after_the_other_make(tmp_path):
    together = _site(tmp_path / "together")
    one_by_one = _site(tmp_path / "one-by-one")
    afterbuild.run(together)
    search_index.build(one_by_one)
    slimcss.trim_site(one_by_one)
    precompress.compress_site(one_by_one)
    assert _files(together) == _files(one_by_one)
    assert sorted(p.name for p in (together / "pagefind").iterdir()) == sorted(
        p.name for p in (one_by_one / "pagefind").iterdir()
    )


def test_without_trimming_and_compressing_only_the_index_is_made(tmp_path):
    site = _site(tmp_path / "site")
    before = _files(site)
    afterbuild.run(site, trim_css=False, compress=False)
    assert _files(site) == before
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_a_failing_pagefind_is_reported_after_the_other_work(tmp_path):
    site = _site(tmp_path / "site")
    shutil.rmtree(site / "rugpijn")  # no page to index: Pagefind writes no bundle
    with pytest.raises(search_index.PatientHubError, match="zoekindex"):
        afterbuild.run(site)
    assert "md-unused-widget" not in (site / "assets" / "stylesheets" / "main.abc.min.css").read_text()


def test_a_module_in_the_working_folder_cannot_stand_in_for_pagefind(tmp_path, monkeypatch):
    # Pagefind's wrapper imports pagefind_bin_extended first; the build runs in the repository, which a pull
    # request may fill with files of its own.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind_bin_extended.py").write_text(
        "import pathlib\npathlib.Path('ingevoegd.txt').write_text('ja')\nraise SystemExit(0)\n",
        encoding="utf-8",
    )
    site = _site(tmp_path / "site")
    search_index.build(site)
    assert not (tmp_path / "ingevoegd.txt").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_a_pagefind_link_in_the_site_is_not_written_through(tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "geplant.js").write_text("alert(1)", encoding="utf-8")
    site = _site(tmp_path / "site")
    (site / "pagefind").symlink_to(elsewhere, target_is_directory=True)
    afterbuild.run(site)
    assert not (site / "pagefind").is_symlink() and (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "pagefind" / "geplant.js").exists()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["geplant.js"]
