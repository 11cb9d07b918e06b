import gzip

import brotli

from patienthub.publish.precompress import MIN_BYTES, Compressor, compress_site


def test_text_files_get_gzip_and_brotli_copies_that_decompress_to_the_same_bytes(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Rugpijn gaat meestal vanzelf over.</p>\n" * 80, encoding="utf-8")
    style = tmp_path / "main.css"
    style.write_text(".md-typeset { color: #000; }\n" * 100, encoding="utf-8")
    assert compress_site(tmp_path) == 2
    for original in (page, style):
        data = original.read_bytes()
        assert gzip.decompress(original.with_name(original.name + ".gz").read_bytes()) == data
        assert brotli.decompress(original.with_name(original.name + ".br").read_bytes()) == data
        assert len(original.with_name(original.name + ".br").read_bytes()) < len(data) / 5


def test_binary_small_and_already_compressed_files_are_left_alone(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(2000))
    (tmp_path / "tiny.js").write_text("x", encoding="utf-8")
    (tmp_path / "index.pf_fragment").write_bytes(bytes(2000))
    (tmp_path / "big.txt").write_text("a" * MIN_BYTES, encoding="utf-8")
    assert compress_site(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "big.txt", "big.txt.br", "big.txt.gz", "index.pf_fragment", "logo.png", "tiny.js",
    ]  # fmt: skip


def test_copies_are_reproducible(tmp_path):
    (tmp_path / "a.css").write_text("p { margin: 0; }\n" * 200, encoding="utf-8")
    compress_site(tmp_path)
    first = (tmp_path / "a.css.gz").read_bytes()
    compress_site(tmp_path)  # a second run (a rebuild) writes the same bytes and does not compress the copies
    assert (tmp_path / "a.css.gz").read_bytes() == first
    assert not (tmp_path / "a.css.gz.gz").exists()


def test_top_folders_named_in_skip_are_left_alone(tmp_path):
    for name in ("a/index.html", "pagefind/pagefind.js"):
        path = tmp_path / name
        path.parent.mkdir(parents=True)
        path.write_text("x" * (MIN_BYTES + 10), encoding="utf-8")
    assert compress_site(tmp_path, skip={"pagefind"}) == 1
    assert (tmp_path / "a" / "index.html.gz").is_file()
    assert not (tmp_path / "pagefind" / "pagefind.js.gz").exists()


def _copies(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.*[zr]"))}


def test_copies_made_during_the_build_equal_those_made_after_it(tmp_path):
    pages = {"a/index.html": "<p>Blijf bewegen.</p>\n" * 150, "b/deel/index.html": "<p>Rugpijn.</p>\n" * 200}
    during, after = tmp_path / "during", tmp_path / "after"
    compressor = Compressor()
    for name, text in pages.items():
        compressor.submit(during / name, text.encode())  # handed over before the engine writes the file
        for site in (during, after):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
    done = compressor.finish()
    assert compress_site(during, done=done) == 0  # nothing left to do
    assert compress_site(after) == 2
    assert _copies(during) == _copies(after)
    assert len(_copies(during)) == 4


def test_a_file_changed_after_it_was_handed_over_is_compressed_again(tmp_path):
    page = tmp_path / "index.html"
    compressor = Compressor()
    compressor.submit(page, b"<p>oud</p>" * 300)
    compressor.submit(page, b"<p>nieuwer</p>" * 300)  # written twice: the last bytes count
    done = compressor.finish()
    page.write_bytes(b"<p>nieuwer</p>" * 300)
    assert compress_site(tmp_path, done=done) == 0
    assert gzip.decompress((tmp_path / "index.html.gz").read_bytes()) == b"<p>nieuwer</p>" * 300
    page.write_bytes(b"<p>door een andere plugin veranderd</p>" * 100)  # changed after it was handed over
    assert compress_site(tmp_path, done=done) == 1
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == page.read_bytes()
    page.write_bytes(b"<p>door een andere plugin veranderd</p>".upper() * 100)  # the same size, other bytes
    assert compress_site(tmp_path, done=done) == 1
    assert brotli.decompress((tmp_path / "index.html.br").read_bytes()) == page.read_bytes()


def test_files_that_are_not_text_are_not_taken(tmp_path):
    compressor = Compressor()
    compressor.submit(tmp_path / "logo.png", bytes(5000))
    assert compressor.finish() == {}
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_shrank_below_the_minimum_keeps_no_stale_copies(tmp_path):
    page = tmp_path / "index.html"
    compressor = Compressor()
    compressor.submit(page, b"<p>lang</p>" * 300)  # compressed while the engine writes it
    done = compressor.finish()
    page.write_bytes(b"<p>kort</p>")  # then made small by another plugin
    assert compress_site(tmp_path, done=done) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]
