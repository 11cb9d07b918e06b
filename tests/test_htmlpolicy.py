"""The HTML allowlist, on HTML as a browser parses it."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
import yaml

from patienthub.text import htmlpolicy
from patienthub.text.htmlpolicy import inspect, inspect_document, inspect_svg


def kinds(html: str) -> list[tuple[str, str]]:
    return [(v.kind, v.element) for v in inspect(html).violations]


def test_the_policy_file_matches_its_schema():
    package = resources.files("patienthub")
    data = yaml.safe_load(package.joinpath("data", "html-policy.yml").read_text(encoding="utf-8"))
    schema = json.loads(package.joinpath("schemas", "html-policy.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert "script" not in data["html_elements"] and "style" not in data["svg_elements"]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # Comments end where the browser ends them, not only at -->.
        ('<p>a <!-- b --!><meta http-equiv="refresh" content="0"></p>', [("forbidden-element", "meta")]),
        ("<p>a <!--><script>alert(1)</script></p>", [("script", "script")]),
        # Inside <svg>, <textarea> and <title> are not raw text: the markup in them is parsed.
        (
            '<svg><textarea><meta http-equiv="refresh"></textarea></svg>',
            [("form", "textarea"), ("forbidden-element", "meta")],
        ),
        ('<svg><title><img src="x" onerror="alert(1)"></title></svg>', [("element-not-allowed", "img")]),
        (
            '<svg><a href="#"><animate attributeName="href" to="javascript:x"/></a></svg>',
            [("element-not-allowed", "animate")],
        ),
        ('<a href=" java\tscript:alert(1)">x</a>', [("unsafe-url", "a")]),
        ('<img src="data:image/svg+xml,x" alt="x">', [("unsafe-url", "img")]),
        ('<img src="//elders.example/x.png" alt="x">', [("external-resource", "img")]),
        ('<svg><use href="https://elders.example/x.svg#a"/></svg>', [("unsafe-url", "use")]),
        ('<div id="__drawer">x</div>', [("attribute-not-allowed", "div")]),
        ('<form><input name="x"><button>Stuur</button></form>', [("form", "form")]),  # one problem, not three
    ],
)
def test_what_the_browser_would_run_is_refused(html, expected):
    assert kinds(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<p>Zie <a href="https://www.thuisarts.nl/" rel="noopener">Thuisarts</a> of <a href="mailto:x@y.nl">mail</a>.</p>',
        '<table><tr><td style="text-align: right;">12</td></tr></table>',
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Schema">',
        '<svg viewBox="0 0 10 10" role="img" aria-label="3 van de 10"><path d="M0 0h1" fill="#000"/></svg>',
        "<details><summary>Meer</summary><p>Tekst</p></details>",
        "<p>Een &lt;script&gt; als tekst</p>",
    ],
)
def test_ordinary_content_passes(html):
    assert inspect(html).violations == ()
    assert not inspect(html).swallowed


def test_an_unclosed_comment_swallows_the_rest():
    assert inspect("<p>Tekst <!-- open</p><p>Meer</p>").swallowed
    assert not inspect("<p>Tekst <!-- dicht --></p>").swallowed


def test_level_one_headings_are_counted_outside_drawings():
    assert inspect("<h1>Een</h1><h1>Twee</h1>").h1s == ("Een", "Twee")


def test_generated_pages_may_use_nav_and_noscript_but_pages_may_not():
    html = '<nav aria-label="Letters"><a href="#a">A</a></nav><noscript><p>Zet JavaScript aan.</p></noscript>'
    assert kinds(html) == [("element-not-allowed", "nav"), ("forbidden-element", "noscript")]
    assert inspect(html, htmlpolicy.default_policy().for_generated()).violations == ()


def test_an_svg_file_is_judged_as_xml_with_its_line():
    good = b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>'
    assert inspect_svg(good) == []
    bad = b'<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>'
    assert [(p.violation.kind, p.line) for p in inspect_svg(bad)] == [("script", 2)]
    entities = b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    assert [p.violation.element for p in inspect_svg(entities)] == ["!doctype"]
    assert [p.violation.kind for p in inspect_svg(b"<svg><circle")] == ["unparsable"]


def _document(head: str, body: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_a_document_needs_its_policy_first_and_only_hashed_scripts():
    csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='\">"
    # sha256 of "alert(1)"
    good = _document('<meta charset="utf-8">' + csp, "<script>alert(1)</script>")
    assert inspect_document(good) == []
    late = _document('<meta charset="utf-8"><meta name="description" content="x">' + csp)
    assert inspect_document(late) == ["de Content-Security-Policy is niet het eerste element na de tekenset"]
    unknown = _document('<meta charset="utf-8">' + csp, "<script>alert(2)</script>")
    assert inspect_document(unknown) == ["een inline <script> staat niet in de Content-Security-Policy"]
    refresh = _document('<meta charset="utf-8">' + csp, '<meta http-equiv="refresh" content="0;url=x">')
    assert inspect_document(refresh) == ["een <meta http-equiv=refresh> stuurt de lezer door"]
    data_block = _document('<meta charset="utf-8">' + csp, '<script type="application/ld+json">{}</script>')
    assert inspect_document(data_block) == []
