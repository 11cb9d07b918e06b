import datetime as dt

from tests.conftest import GOOD_BODY, GOOD_META, page_text

from patienthub import load_project, load_site
from patienthub.engine import external
from patienthub.load.config import LinksConfig


def line_of(needle: str, meta: str, body: str) -> int:
    return next(i for i, text in enumerate(page_text(meta, body).split("\n"), 1) if needle in text)


def site_with(repo, meta: str, body: str):
    repo.page("index.md", meta=meta, body=body)
    return load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))


def test_collect_finds_text_links_and_source_urls_with_lines(repo):
    meta = GOOD_META + "    url: https://richtlijnen.nhg.org/standaarden/aspecifieke-lagerugpijn\n"
    body = f"{GOOD_BODY}\n[NHG](https://www.nhg.org) <https://www.thuisarts.nl> [intern](index.md) [mail](mailto:x@y.nl)\n"
    site = site_with(repo, meta, body)
    found = [(link.url, link.line) for link in external.collect(site.pages)]
    text_line, source_line = line_of("[NHG]", meta, body), line_of("url:", meta, body)
    assert sorted(found) == [
        ("https://richtlijnen.nhg.org/standaarden/aspecifieke-lagerugpijn", source_line),
        ("https://www.nhg.org", text_line),
        ("https://www.thuisarts.nl", text_line),
    ]


def test_each_url_is_fetched_once_and_only_failures_are_reported(repo):
    body = (
        f"{GOOD_BODY}\n[a](https://a.example/x#een) [b](https://a.example/x#twee) [c](https://c.example/)\n"
    )
    site = site_with(repo, GOOD_META, body)
    asked: list[str] = []

    def fetcher(url: str) -> external.Outcome:
        asked.append(url)
        return external.Outcome(410) if "a.example" in url else external.Outcome(None, "timed out")

    found = list(external.check(external.collect(site.pages), LinksConfig(), fetcher))
    assert sorted(asked) == ["https://a.example/x", "https://c.example/"]
    line = line_of("[a]", GOOD_META, body)
    assert [(f.rule, f.line) for f in found] == [
        ("links.external-broken", line),
        ("links.external-broken", line),
        ("links.external-unreachable", line),
    ]
    assert "timed out" in found[2].message
