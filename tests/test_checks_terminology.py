import datetime as dt
import json

from conftest import GOOD_META, REPO_ROOT, run_cli
from patienthub import Severity, load_project, load_site, run
from patienthub.checks.terminology import terms_used

DATA_DIR = REPO_ROOT / "content" / "_data"


def with_language_data(repo):
    for name in ("terms.yml", "advice.yml", "kernboodschappen.yml"):
        repo.write(f"content/_data/{name}", (DATA_DIR / name).read_text(encoding="utf-8"))
    return repo


def check(repo):
    return run(load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22)))


def terminology(result, path="content/les.md"):
    return [f for f in result.for_path(path) if f.rule.startswith("terminology.")]


def test_avoided_word_is_reported_at_its_line_and_column_with_the_preferred_term(repo):
    with_language_data(repo)
    path = repo.page(
        "les.md", body="# Les\n\nVeel mensen hebben\n  - ooit lumbago.\n\nEen HNP is een hernia.\n"
    )
    result = check(repo)
    found = terminology(result)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert [(f.excerpt, f.severity) for f in found] == [
        ("lumbago", Severity.WARNING),
        ("HNP", Severity.WARNING),
    ]
    for f in found:
        assert lines[f.line - 1][f.column - 1 :].startswith(f.excerpt)
    assert (
        "'lage rugpijn'" in found[0].message
        and "Vervang 'lumbago' door 'lage rugpijn'" in found[0].suggestion
    )


def test_severity_comes_from_the_entry_and_capitals_follow_the_sentence(repo):
    with_language_data(repo)
    repo.page("les.md", body="# Les\n\nAspecifieke lage rugpijn is vaak.\n")
    [found] = terminology(check(repo))
    assert found.severity is Severity.ERROR
    assert "'Lage rugpijn'" in found.suggestion


def test_never_inside_code_urls_link_targets_quotes_or_blockquotes(repo):
    with_language_data(repo)
    body = (
        "# Les\n\n"
        "Vroeger zei men 'lumbago' of \"ischias\".\n\n"
        "Zie [deze pagina](https://example.org/lumbago) en `HNP`.\n\n"
        "> Ik had echt lumbago, zegt Piet.\n\n"
        "```\nlumbago\n```\n\n"
        "<!-- lumbago -->\n\n"
        "Lees de NHG-Standaard Aspecifieke lagerugpijn.\n"
    )
    repo.page("les.md", body=body)
    assert terminology(check(repo)) == []


def test_title_and_description_are_checked_too(repo):
    with_language_data(repo)
    meta = GOOD_META.replace("title: Lage rugpijn", "title: Ischias").replace("Pijn onder", "Lumbago onder")
    repo.page("les.md", meta=meta, body="# Uitstralende pijn\n\nTekst.\n")
    found = terminology(check(repo))
    assert sorted(f.excerpt for f in found) == ["Ischias", "Lumbago"]
    assert all(f.line in (2, 3) for f in found)


def test_key_message_text_follows_the_termbase(repo):
    with_language_data(repo)
    repo.write(
        "content/_data/kernboodschappen.yml", "uitleg:\n  text: Bij lumbago helpt bewegen.\n  source: NHG\n"
    )
    found = [f for f in check(repo).findings if f.path == "content/_data/kernboodschappen.yml"]
    assert [(f.rule, f.line, f.excerpt) for f in found] == [("terminology.avoid", 2, "lumbago")]


def test_a_broken_termbase_fails_the_check_at_the_data_file(repo):
    repo.write("content/_data/terms.yml", "terms:\n  leeg:\n    explanation: Geen voorkeursterm.\n")
    result = check(repo)
    assert result.exit_code == 1
    assert [(f.path, f.line, f.rule) for f in result.findings] == [
        ("content/_data/terms.yml", 2, "schema.required")
    ]


def test_the_cli_reports_terms_used_and_the_rule_can_be_switched_off(repo):
    with_language_data(repo)
    repo.page("les.md", body="# Les\n\nEen hernia of HNP.\n")
    config = (repo.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert [f.rule for f in check(repo).for_path("content/les.md")] == ["terminology.avoid"]
    off = "  - patienthub:\n      rules:\n        terminology.avoid: 'off'\n"
    repo.write("mkdocs.yml", config.replace("  - patienthub\n", off))
    done = run_cli("check", "--format", "json", "--today", "2026-11-22", cwd=repo.root)
    report = json.loads(done.stdout)
    assert done.code == 0 and [f for f in report["findings"] if f["path"] == "content/les.md"] == []
    assert next(p for p in report["pages"] if p["path"] == "content/les.md")["metrics"]["terms"] == ["hernia"]


def test_terms_used_in_order_of_first_use(repo):
    with_language_data(repo)
    repo.page("les.md", body="# Les\n\nEen MRI toont soms een hernia. Nog een MRI.\n")
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    assert terms_used(site.by_path["content/les.md"], site) == ["mri", "hernia"]


def test_suggestion_names_the_automatic_replacement_only_where_fix_can_make_it(repo):
    with_language_data(repo)
    repo.page(
        "les.md", body="# Les\n\nHNP komt vaak voor. Een HNP-operatie ook. Uw klachten zijn aspecifiek.\n"
    )
    found = {f.excerpt: f for f in terminology(check(repo))}
    assert (
        "Vervang 'HNP' door 'Hernia' (dat kan automatisch: patienthub fix --write)."
        in found["HNP"].suggestion
    )
    assert "automatisch" not in found["HNP-operatie"].suggestion
    assert "automatisch" not in found["aspecifiek"].suggestion
