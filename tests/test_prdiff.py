import datetime as dt

from tests.conftest import GOOD_META

from patienthub import load_project, load_site, run
from patienthub.core.findings import Finding, Severity
from patienthub.reports import prdiff


def f(rule: str, line: int, message: str = "m", severity: Severity = Severity.WARNING, path: str = "p.md"):
    return Finding(rule, severity, path, line, message)


def test_difference_matches_by_rule_and_message_as_a_multiset():
    before = [f("readability.long-sentence", 3), f("readability.long-sentence", 9)]
    after = [
        f("readability.long-sentence", 4),
        f("readability.long-sentence", 10),
        f("readability.long-sentence", 12),
    ]
    assert prdiff._difference(after, before) == [after[2]]  # two moved, one is new
    assert prdiff._difference(before, after) == []


def test_metric_delta_is_generic_over_numbers():
    assert prdiff.MetricDelta("flesch_douma", 61.5, 68.0).delta == 6.5
    assert prdiff.MetricDelta("days_left", 1096, 1044).delta == -52
    assert prdiff.MetricDelta("next_review", "2029-11-22", "2029-10-01").delta is None
    assert prdiff.MetricDelta("passive", True, False).delta is None
    assert prdiff.MetricDelta("words", None, 120).delta is None
    assert prdiff._signed(-52) == "−52" and prdiff._signed(6.5) == "+6,5" and prdiff._signed(0) == "0"


def test_list_metrics_are_written_as_words_not_python():
    assert prdiff._value(["hernia", "mri"]) == "hernia, mri"
    assert prdiff._value([]) == "—"


def results(repo, body_before: str, body_after: str, meta_after: str = GOOD_META):
    today = dt.date(2026, 11, 22)
    repo.page("index.md", body=body_before)
    before = run(load_site(load_project(repo.root / "mkdocs.yml"), today))
    repo.page("index.md", meta=meta_after, body=body_after)
    after = run(load_site(load_project(repo.root / "mkdocs.yml"), today))
    return before, after


def test_new_findings_on_changed_lines_come_first(repo):
    approved = GOOD_META.replace("status: concept", "status: approved").replace("2026-03-12", "2020-01-01")
    before, after = results(repo, "# Rug\n", "# Rug\n", approved)
    # freshness.overdue is on line 6, review.approved-without-reviewer on line 7; only line 7 changed
    comparison = prdiff.compare(
        before, after, {"content/index.md"}, {"content/index.md": frozenset({7})}, "main"
    )
    [page] = comparison.pages
    assert [x.rule for x in page.new] == ["review.approved-without-reviewer", "freshness.overdue"]
    text = prdiff.markdown(comparison)
    assert text.index("review.approved-without-reviewer` (regel 7, gewijzigde regel)") < text.index(
        "freshness.overdue` (regel 6)"
    )
    assert "| dagen tot controle (`days_left`) | 841 | −1421 | −2262 |" in text
    assert "Fouten 0 → 2 (+2)" in text


def test_unchanged_pages_appear_only_when_their_findings_change(repo):
    before, after = results(repo, "# Rug\n", "# Rug\n")
    assert prdiff.compare(before, after, set(), {}, "main").pages == ()
    assert "Geen pagina’s gewijzigd" in prdiff.markdown(prdiff.compare(before, after, set(), {}, "main"))


def test_pages_that_did_not_exist_at_the_base_are_new(repo):
    _, after = results(repo, "# Rug\n", "# Rug\n")
    comparison = prdiff.compare(None, after, {"content/index.md"}, {}, "main")
    assert [(p.path, p.kind) for p in comparison.pages] == [("content/index.md", "added")]
    text = prdiff.markdown(comparison)
    assert "| dagen tot controle (`days_left`) | — | 841 |  |" in text
    assert "| Flesch-Douma (`flesch_douma`) |" in text  # Dutch names for the editor, the JSON key beside them
    assert prdiff._metric_name("a_new_metric") == "`a_new_metric`"  # a metric added later still shows


def test_findings_outside_pages_are_listed_apart(repo):
    today = dt.date(2026, 11, 22)
    before = run(load_site(load_project(repo.root / "mkdocs.yml"), today))
    repo.write("content/_data/sources.yml", "kapot:\n  title: Zonder datum\n")
    after = run(load_site(load_project(repo.root / "mkdocs.yml"), today))
    comparison = prdiff.compare(before, after, {"content/_data/sources.yml"}, {}, "main")
    assert comparison.pages == ()
    assert [x.rule for x in comparison.other_new] == ["schema.required"] * 3
    text = prdiff.markdown(comparison)
    assert "### Registers en instellingen" in text
    assert "- nieuw: `content/_data/sources.yml` **fout** `schema.required` (regel 1)" in text
