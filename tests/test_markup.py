import pytest

from patienthub.domain import markup

BODY = """\
# Kop één

Tekst met <span onclick="x">klik</span>, `<script>` als code en \\<b> als tekst.
Zie [de uitleg](uitleg.md#kop "titel") en ![](foto.png) en <https://www.nhg.org>.
Een [verwijzing][bron] en een [korte].

[bron]: https://richtlijnen.nhg.org
[korte]: korte.md
{: #eigen-id onclick="y" }

```html
<script>in een codeblok</script>
[geen link](code.md)
```

    <script>ingesprongen code</script>

<!-- <script>commentaar</script> -->

<div markdown id="blok">
[binnen](binnen.md)
<img src="a.png">
</div>

## Kop één {#anders}

## Kop één
"""


@pytest.fixture(scope="module")
def scanned():
    return markup.scan(BODY, first_line=10)


def test_tags_outside_code_with_file_lines(scanned):
    assert [(t.name, t.line) for t in scanned.tags] == [("span", 12), ("div", 29), ("img", 31)]
    assert scanned.tags[0].get("onclick") == "x"
    assert scanned.tags[1].has("markdown")


def test_references_with_lines_and_origins(scanned):
    found = sorted((r.line, r.kind, r.url, r.text or "", r.origin) for r in scanned.references)
    assert found == sorted(
        (line, kind, url, text or "", origin)
        for kind, url, text, line, origin in [
            ("link", "uitleg.md#kop", "de uitleg", 13, "markdown"),
            ("image", "foto.png", "", 13, "markdown"),
            ("link", "https://www.nhg.org", "https://www.nhg.org", 13, "autolink"),
            ("link", "https://richtlijnen.nhg.org", "verwijzing", 14, "reference"),
            ("link", "korte.md", "korte", 14, "reference"),
            ("link", "https://richtlijnen.nhg.org", "bron", 16, "definition"),
            ("link", "korte.md", "korte", 17, "definition"),
            ("link", "binnen.md", "binnen", 30, "markdown"),
            ("image", "a.png", None, 31, "html"),
        ]
    )
    assert [r.text for r in scanned.references if r.origin == "html"] == [None]  # <img> without alt


def test_nested_image_in_link_and_parentheses_in_url():
    found = markup.scan("[![Logo van NHG](logo.png)](https://nhg.org/a_(b))\n").references
    assert [(r.kind, r.url) for r in found] == [("link", "https://nhg.org/a_(b)"), ("image", "logo.png")]


def test_entities_in_urls_are_decoded_as_a_browser_would():
    found = markup.scan("[x](&#106;avascript:alert(1))\n").references
    assert found[0].url == "javascript:alert(1)"
    assert markup.scheme(found[0].url) == "javascript"


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("JaVaScRiPt:alert(1)", "javascript"),
        (" java\tscript:alert(1)", "javascript"),
        ("&#x6A;avascript:x", "javascript"),
        ("data:text/html,<b>", "data"),
        ("lage-rugpijn.md#kop", None),
        ("https://nhg.org", "https"),
    ],
)
def test_scheme_as_the_browser_sees_it(url, scheme):
    assert markup.scheme(url) == scheme


def test_text_that_only_looks_like_markup():
    scanned = markup.scan("Bij 3 < 5 en a > b [geen link] en [ook niet](zonder sluithaak\n")
    assert scanned.tags == ()
    assert scanned.references == ()


def test_unclosed_html_is_reported_not_skipped():
    scanned = markup.scan("Tekst\n\n<div>\n<a href='x>\nklik</a>\n")
    assert [t.name for t in scanned.tags] == ["div"]
    assert scanned.unparsable == (4,)


@pytest.mark.parametrize(
    ("source", "tags"),
    [
        ('<img alt=">" onerror="alert(1)">', [("img", (("alt", ">"), ("onerror", "alert(1)")))]),
        ("<svg/onload=alert(1)>", [("svg", (("onload", "alert(1)"),))]),
        ("<A HREF=x ONCLICK>", [("a", (("href", "x"), ("onclick", None)))]),
        ("<![ x <script>y</script>", []),  # a bogus comment ends at the first '>'
        ("<script>'<b onclick=x>'</script><i>", [("script", ()), ("i", ())]),
        ("Tekst <!-- <script> --> <b>", [("b", ())]),
        ("a < b en c<3 en </ >", []),
    ],
)
def test_tags_as_a_browser_reads_them(source, tags):
    assert [(t.name, t.attrs) for t in markup.scan(source + "\n").tags] == tags
