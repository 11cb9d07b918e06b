import gzip

import brotli

from patienthub.publish.precompress import MIN_BYTES, compress_site


def test_text_files_get_gzip_and_brotli_copies_that_decompress_to_the_same_bytes(tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>Rugpijn gaat meestal vanzelf over.</p>\n" * 50, encoding="utf-8")
    style = tmp_path / "main.css"
    style.write_text(".md-typeset { color: #000; }\n" * 50, encoding="utf-8")
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
    (tmp_path / "a.css").write_text("p { margin: 0; }\n" * 100, encoding="utf-8")
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
