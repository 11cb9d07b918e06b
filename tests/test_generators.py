"""The generator registry: which generators write pages the HTML check judges, and outputs made once per site."""

from tests.conftest import REPO_ROOT, site_of

from patienthub.build import generators


def test_file_generators_write_no_markdown_page_so_the_html_check_may_leave_them_out():
    # checks/html.py renders and judges only the outputs of PAGES: a generator in FILES that wrote a Markdown
    # page would reach patients unjudged.
    site = site_of(REPO_ROOT)
    for generate in generators.FILES:
        written = [output.uri for output in generate(site)]
        assert not [uri for uri in written if uri.endswith(".md")], generate.__module__
    # glossary, search and evidence pages (code pages only when two pages share a code; the project has none)
    writing = [g for g in generators.PAGES if any(o.uri.endswith(".md") for o in g(site))]
    assert len(writing) >= 3
    assert set(generators.REGISTRY) == {*generators.PAGES, *generators.FILES}
    assert len(generators.REGISTRY) == len(generators.PAGES) + len(generators.FILES)


def test_outputs_are_made_once_per_site_in_registry_order():
    site = site_of(REPO_ROOT)
    first = generators.outputs(site)
    assert [o.uri for o in first] == [o.uri for generate in generators.REGISTRY for o in generate(site)]
    again = generators.outputs(site)
    assert all(a is b for a, b in zip(first, again, strict=True))  # not made a second time
    pages = generators.pages(site)
    assert pages and all(any(p is o for o in first) for p in pages)
    assert {o.uri for o in pages} == {o.uri for generate in generators.PAGES for o in generate(site)}
    other = site_of(REPO_ROOT)  # another site object (e.g. after an edit under `mkdocs serve`): made anew
    assert generators.outputs(other)[0] is not first[0]
