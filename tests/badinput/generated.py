"""Corpus cases that are generated, not committed: too big for the repository, or bytes that editors and git
would "fix" (a BOM with CRLF line ends, invalid UTF-8, NUL bytes). Each returns the file's exact bytes."""

from __future__ import annotations

from pathlib import Path

PAGES = Path(__file__).parent / "pages"
VALID = (PAGES / "ok.md").read_text(encoding="utf-8")
META, _, BODY = VALID.partition("---\n\n")
META += "---\n\n"


def bom_crlf() -> bytes:
    """A valid page as Windows Notepad saves it: UTF-8 with BOM, CRLF line ends. Must pass."""
    return b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8")


def cr_only() -> bytes:
    """A valid page with old Mac line ends (CR only). Must pass."""
    return VALID.replace("\n", "\r").encode("utf-8")


def non_utf8() -> bytes:
    """Latin-1 text (as an old editor saves 'é') on the first body line after the heading."""
    return (
        (META + "# Lage rugpijn\n\nDe pijn is vervelend, zegt de arts.\n")
        .encode("utf-8")
        .replace(b"vervelend", "vervelend é".encode("latin-1"))
    )


def surrogate() -> bytes:
    """An encoded UTF-16 surrogate (CESU-8), which is not valid UTF-8, on the heading line."""
    return (META + "# Lage rugpijn ").encode("utf-8") + b"\xed\xa0\x80\n"


def nul_bytes() -> bytes:
    """Text with a NUL byte on the second body line."""
    return (META + "# Lage rugpijn\n\nTekst\x00met een NUL-teken.\n").encode("utf-8")


def binary_png() -> bytes:
    """A PNG picture saved with the name of a page."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def huge_paragraph() -> bytes:
    """One paragraph of 1 MB: words without any punctuation."""
    words = ("rugpijn bewegen huisarts oefening wandelen rust werk pijnstiller " * 20_000)[:1_000_000]
    return (META + "# Lage rugpijn\n\n" + words + "\n").encode("utf-8")


def deep_list() -> bytes:
    """200 levels of nested list items."""
    items = "".join("  " * depth + f"- niveau {depth}\n" for depth in range(200))
    return (META + "# Lage rugpijn\n\n" + items).encode("utf-8")


def deep_blockquote() -> bytes:
    """A quote nested 5,000 levels deep."""
    return (META + "# Lage rugpijn\n\n" + ">" * 5000 + " diep\n").encode("utf-8")


def hostile_markup() -> bytes:
    """60 KB of unclosed brackets, tags, code spans, emphasis and attribute lists: must not take quadratic time."""
    chunk = "[a]( [[[ <a b=' `` ``` {: *a _b ![ <!-- &#x6A; "
    return (META + "# Lage rugpijn\n\n" + chunk * (60_000 // len(chunk)) + "\n").encode("utf-8")


def many_links() -> bytes:
    """5,000 links to pages and headings, half of them broken."""
    links = "".join(f"[link {i}](ok.md#{'wat-kunt-u-zelf-doen' if i % 2 else 'weg'}) " for i in range(5000))
    return (META + "# Lage rugpijn\n\n" + links + "\n").encode("utf-8")


def too_large() -> bytes:
    """A valid page padded to just over the page limit of data/limits.yml (1 MiB): refused before reading."""
    padding = "Blijf bewegen. " * (1_100_000 // 15)
    return (META + "# Lage rugpijn\n\n" + padding + "\n").encode("utf-8")


def brackets() -> bytes:
    """100,000 '[' on one line: Python-Markdown searches the rest of the block for each (quadratic)."""
    return (META + "# Lage rugpijn\n\n" + "[" * 100_000 + "\n").encode("utf-8")


def nested_brackets() -> bytes:
    """'[' 8,000 deep, every one closed: each level is searched again."""
    return (META + "# Lage rugpijn\n\n" + "[" * 8000 + "x" + "]" * 8000 + "\n").encode("utf-8")


def unclosed_tags() -> bytes:
    """20,000 '<a ' without '>': each is parsed again up to the end of the block."""
    return (META + "# Lage rugpijn\n\n" + "<a " * 20_000 + "\n").encode("utf-8")


def deep_div() -> bytes:
    """400 nested <div markdown>: Python-Markdown's md_in_html ends in a RecursionError."""
    return (META + "# Lage rugpijn\n\n" + "<div markdown>\n" * 400 + "x\n" + "</div>\n" * 400).encode("utf-8")


def deep_list_1000() -> bytes:
    """A 1,000-deep list (one space more per level): a RecursionError in the build."""
    items = "".join(" " * depth + "- x\n" for depth in range(1000))
    return (META + "# Lage rugpijn\n\n" + items).encode("utf-8")


def backticks() -> bytes:
    """A run of 5,000 backticks."""
    return (META + "# Lage rugpijn\n\n" + "`" * 5000 + "a\n").encode("utf-8")


def body_control() -> bytes:
    """An ESC and a C1 control character typed (pasted) into the text, on the second body line."""
    return (META + "# Lage rugpijn\n\nTekst met \x1b[31m kleur\x85.\n").encode("utf-8")


GENERATORS = {
    function.__name__: function
    for function in (
        bom_crlf,
        cr_only,
        non_utf8,
        surrogate,
        nul_bytes,
        binary_png,
        huge_paragraph,
        deep_list,
        deep_blockquote,
        hostile_markup,
        many_links,
        too_large,
        brackets,
        nested_brackets,
        unclosed_tags,
        deep_div,
        deep_list_1000,
        backticks,
        body_control,
    )
}
