"""checks/readability.py: Dutch B1 readability on a hand-counted corpus, via the real CLI and the engine."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import sys

import pytest
from tests.conftest import (
    GOOD_META,
    MKDOCS_YML,
    ORGANISATIONS,
    REPO_ROOT,
    TODAY,
    MiniRepo,
    mkdocs_build,
    run_cli,
)

from patienthub.checks.readability import RULES
from patienthub.domain.metadata import schema
from patienthub.engine import runner as engine
from patienthub.load.config import load_project
from patienthub.load.loader import load_site
from patienthub.text import dutch
from patienthub.text.frontmatter import parse
from patienthub.text.prose import extract

CORPUS = REPO_ROOT / "tests" / "corpus" / "readability"
PAGES = sorted(p.name for p in CORPUS.glob("*.md"))
B1_PAGES = [name for name in PAGES if not name.startswith("formal-")]
FORMAL = "formal-zorgstandaard.md"


def hand_counted(name: str, *, running: bool = False) -> list[tuple[int, int, str]]:
    """The corpus' hand-counted sentences: (file line, words, sentence); with `running`, only those of running
    prose (a row marked "label" is a heading or table header: checked, but not part of the page score)."""
    lines = (CORPUS / name).with_suffix(".sentences").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(int(row[0]), int(row[1]), row[2]) for row in rows if not (running and row[3:] == ["label"])]


@pytest.mark.parametrize("name", PAGES)
def test_splitter_finds_every_hand_counted_sentence(name: str) -> None:
    fm = parse((CORPUS / name).read_text(encoding="utf-8"))
    prose = extract(fm.body, fm.body_start_line)
    assert [(s.line, s.words, s.text) for s in prose.sentences] == hand_counted(name)


@pytest.fixture(scope="module")
def corpus_check(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One real `patienthub check --format json` over the whole corpus, shared by the assertions below."""
    mini = MiniRepo(tmp_path_factory.mktemp("corpus") / "repo")
    mini.write("mkdocs.yml", MKDOCS_YML.format(overrides=REPO_ROOT / "overrides"))
    mini.write("content/_data/organisations.yml", ORGANISATIONS)
    for name in PAGES:
        shutil.copy(CORPUS / name, mini.content / name)
    result = run_cli("check", "--format", "json", "--today", TODAY, cwd=mini.root)
    assert result.code == 1, result.stderr  # the formal page has errors
    return json.loads(result.stdout)


def findings(report: dict, name: str, prefix: str = "readability.") -> list[dict]:
    return [f for f in report["findings"] if f["path"] == f"content/{name}" and f["rule"].startswith(prefix)]


@pytest.mark.parametrize("name", B1_PAGES)
def test_b1_patient_text_has_no_readability_error_or_long_sentence(corpus_check: dict, name: str) -> None:
    found = findings(corpus_check, name)
    assert not [f for f in found if f["severity"] == "error"]
    assert not [f for f in found if f["rule"] in ("readability.sentence-length", "readability.flesch-douma")]


def test_formal_policy_dutch_fails_on_score_and_sentence_length_at_the_right_lines(
    corpus_check: dict,
) -> None:
    found = findings(corpus_check, FORMAL)
    score = [f for f in found if f["rule"] == "readability.flesch-douma"]
    assert [(f["severity"], f["line"]) for f in score] == [("error", 13)]  # at the page's first heading
    counted = hand_counted(FORMAL)
    too_long = sorted(line for line, words, _ in counted if words > 25)
    named = [int(n) for n in re.findall(r"regel (\d+):", score[0]["message"])]
    assert len(named) == 3 and set(named) <= set(too_long)  # the sentences that pull the score down most
    long_ = sorted(line for line, words, _ in counted if 15 < words <= 25)
    lengths = [f for f in found if f["rule"] == "readability.sentence-length"]
    assert sorted(f["line"] for f in lengths if f["severity"] == "error") == too_long
    assert sorted(f["line"] for f in lengths if f["severity"] == "warning") == long_
    assert len(too_long) == 17


@pytest.mark.parametrize("name", PAGES)
def test_metrics_are_the_hand_counts_and_satisfy_the_flesch_douma_identity(
    corpus_check: dict, name: str
) -> None:
    metrics = next(p["metrics"] for p in corpus_check["pages"] if p["path"] == f"content/{name}")
    counted = hand_counted(name, running=True)
    assert len(counted) < len(hand_counted(name))  # every corpus page has a heading, which does not count
    assert metrics["sentences"] == len(counted)
    assert metrics["words"] == sum(words for _, words, _ in counted)
    words, sentences, syllables = metrics["words"], metrics["sentences"], metrics["syllables"]
    assert metrics["flesch_douma"] == pytest.approx(
        206.835 - 0.93 * words / sentences - 77 * syllables / words, abs=0.006
    )
    assert metrics["brouwer"] == pytest.approx(
        195 - 2 * words / sentences - 67 * syllables / words, abs=0.006
    )
    assert metrics["avg_sentence_words"] == pytest.approx(words / sentences, abs=0.006)
    assert metrics["long_sentences"] == sum(1 for _, w, _ in hand_counted(name) if w > 15)
    assert metrics["rare_words"] == len(findings(corpus_check, name, "readability.rare-word"))


def test_this_repositorys_pages_have_no_readability_error() -> None:
    result = run_cli(
        "check",
        "--format",
        "json",
        "--today",
        TODAY,
        "--config",
        str(REPO_ROOT / "mkdocs.yml"),
        cwd=REPO_ROOT,
    )
    report = json.loads(result.stdout)
    errors = [
        f for f in report["findings"] if f["rule"].startswith("readability.") and f["severity"] == "error"
    ]
    assert errors == []
    for page in report["pages"]:
        m = page["metrics"]
        if m["words"]:
            assert m["flesch_douma"] == pytest.approx(
                206.835 - 0.93 * m["words"] / m["sentences"] - 77 * m["syllables"] / m["words"], abs=0.006
            )


# --- the engine on small pages ---------------------------------------------------------------------------


def run(repo: MiniRepo, body: str, meta: str = GOOD_META, explained: frozenset[str] = frozenset()):
    repo.page("pagina.md", meta, body)
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY))
    site = dataclasses.replace(site, explained_words=explained)
    result = engine.run(site, {"content/pagina.md"})
    return result, [f for f in result.findings if f.path == "content/pagina.md"]


RARE = "# Rugpijn\n\nDe dokter geeft een epidurale injectie bij een hernia.\n"


def test_rare_words_skip_names_acronyms_compounds_and_plurals(repo: MiniRepo) -> None:
    body = (
        "# Rugpijn\n\nDe arts van Thuisarts maakt een MRI.\nBel de huisartsenpost over de hernia's.\n"
        "Hij geeft een epidurale injectie. Epidurale injecties helpen soms.\n"
    )
    _, found = run(repo, body)
    rare = [(f.line, f.excerpt) for f in found if f.rule == "readability.rare-word"]
    assert rare == [(18, "epidurale")]  # once, at its first line


def test_inflected_forms_are_as_familiar_as_their_base_form(repo: MiniRepo) -> None:
    body = "# Kop\n\nDe fysiotherapeuten en neurologen verdoven niet. De arts verdooft het.\n"
    _, found = run(repo, body)
    assert not [f for f in found if f.rule == "readability.rare-word"]


def test_words_the_termbase_explains_are_not_rare(repo: MiniRepo) -> None:
    _, found = run(repo, RARE, explained=frozenset({"epidurale"}))
    assert not [f for f in found if f.rule == "readability.rare-word"]
    _, found = run(repo, RARE, explained=frozenset({"epidurale injectie"}))
    assert not [f for f in found if f.rule == "readability.rare-word"]
    _, found = run(repo, RARE, explained=frozenset({"epidurale ruimte"}))
    assert [f.excerpt for f in found if f.rule == "readability.rare-word"] == ["epidurale"]
    _, found = run(
        repo, RARE.replace("epidurale", "epidurale-cauda"), explained=frozenset({"epiduraal", "cauda"})
    )
    assert not [f for f in found if f.rule == "readability.rare-word"]


FORMAL_BODY = (CORPUS / FORMAL).read_text(encoding="utf-8").split("---\n", 2)[2]


def test_a_page_exemption_with_reason_removes_readability_findings_but_keeps_metrics(repo: MiniRepo) -> None:
    meta = GOOD_META + 'readability:\n  exempt: "Letterlijk citaat uit een beleidsdocument."\n'
    result, found = run(repo, FORMAL_BODY, meta)
    assert not [f for f in found if f.rule.startswith("readability.")]
    assert result.pages[0].metrics["sentences"] == len(hand_counted(FORMAL, running=True))


def test_a_rule_exemption_removes_only_that_rule(repo: MiniRepo) -> None:
    meta = GOOD_META + 'readability:\n  exempt:\n    readability.sentence-length: "Citaat."\n'
    _, found = run(repo, FORMAL_BODY, meta)
    rules = {f.rule for f in found}
    assert "readability.sentence-length" not in rules
    assert "readability.flesch-douma" in rules


@pytest.mark.parametrize(
    ("exempt", "rule"),
    [
        ('""', "schema.empty"),
        ("{}", "schema.empty"),
        ("true", "schema.type"),
        ('\n    readability.sentence-length: ""', "schema.empty"),
        ('\n    readability.sentence-lenght: "Citaat."', "schema.enum"),
    ],
)
def test_an_exemption_without_reason_is_a_schema_error_and_exempts_nothing(
    repo: MiniRepo, exempt: str, rule: str
) -> None:
    meta = GOOD_META + f"readability:\n  exempt: {exempt}\n"
    _, found = run(repo, FORMAL_BODY, meta)
    schema_errors = [f for f in found if f.rule.startswith("schema.")]
    assert [(f.rule, f.severity.value) for f in schema_errors] == [(rule, "error")]
    assert schema_errors[0].line is not None and schema_errors[0].line >= 10
    assert "readability.flesch-douma" in {f.rule for f in found}


def test_the_schema_lists_exactly_the_readability_rules() -> None:
    exempt = schema()["properties"]["readability"]["properties"]["exempt"]
    assert exempt["propertyNames"]["enum"] == [rule.id for rule in RULES]


def test_thresholds_per_page_type(repo: MiniRepo) -> None:
    config = repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text()
        + "      readability:\n        by_type:\n          overview:\n"
        + "            flesch_douma_error: 5\n            flesch_douma_warning: 10\n"
        + "            sentence_warning_words: 90\n            sentence_error_words: 100\n",
    )
    config.write_text(config.read_text().replace("  - patienthub\n", "  - patienthub:\n"))
    body = FORMAL_BODY
    _, found = run(repo, body, GOOD_META.replace("type: education", "type: overview"))
    assert not [f for f in found if f.rule in ("readability.flesch-douma", "readability.sentence-length")]
    _, found = run(repo, body)  # an education page keeps the defaults
    assert {"readability.flesch-douma", "readability.sentence-length"} <= {f.rule for f in found}


def test_wrong_thresholds_are_a_configuration_error(repo: MiniRepo) -> None:
    config = repo.root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - patienthub\n", "  - patienthub:\n      readability:\n")
        + "        by_type:\n          folder: {flesch_douma_error: 50}\n"
    )
    result = run_cli("check", "--today", TODAY, cwd=repo.root)
    assert result.code == 2
    assert "by_type: 'folder' is geen soort pagina" in result.stderr


def test_sentence_length_warning_and_error_quote_the_sentence(repo: MiniRepo) -> None:
    sixteen = "Dit is een zin met precies zestien woorden want ik wil weten of de grens goed werkt."
    long_ = "Dit is een veel langere zin " + "met nog een paar woorden " * 5 + "erbij."
    _, found = run(repo, f"# Kop\n\n{sixteen}\n\n{long_}\n")
    lengths = [(f.line, f.severity.value) for f in found if f.rule == "readability.sentence-length"]
    assert lengths == [(16, "warning"), (18, "error")]
    assert "“Dit is een zin met precies zestien woorden …”" in found[0].message


def test_passive_nominalisation_and_mixed_address_are_suggestions_outside_headings(repo: MiniRepo) -> None:
    body = (
        "# Hoe wordt het behandeld?\n\nUw rug wordt door de arts onderzocht.\n"
        "Na de behandeling en de verwijzing door de huisarts krijgt u van de fysiotherapeut "
        "nog een oefening mee.\n"
        "Als je pijn hebt, bel dan.\n"
    )
    _, found = run(repo, body)
    signals = {(f.rule, f.line, f.severity.value) for f in found if f.rule != "readability.rare-word"}
    assert signals == {
        ("readability.passive", 16, "suggestion"),
        ("readability.nominalisation", 17, "suggestion"),
        ("readability.sentence-length", 17, "warning"),
        ("readability.mixed-address", 18, "suggestion"),
    }


@pytest.mark.slow
def test_the_site_build_refuses_an_unreadable_page(repo: MiniRepo) -> None:
    shutil.copy(CORPUS / FORMAL, repo.content / FORMAL)
    result = mkdocs_build(repo.root)
    assert result.code != 0
    assert f"content/{FORMAL}:13: error readability.flesch-douma" in result.stderr
    assert f"content/{FORMAL}:17: error readability.sentence-length" in result.stderr


def test_key_messages_are_read_as_their_text_on_the_line_of_their_reference(repo: MiniRepo) -> None:
    repo.write(
        "content/_data/kernboodschappen.yml",
        "blijf-bewegen:\n  text: Blijf zo veel mogelijk bewegen.\n  source: NHG-Standaard Aspecifieke lagerugpijn\n",
    )
    body = "# Kop\n\n[[kernboodschap: blijf-bewegen]]\n\n[[kernboodschap: blijf-bewegn]]\n"
    result, found = run(repo, body)
    # the key message, not the heading (a label) nor the unknown reference
    assert result.pages[0].metrics["words"] == 5
    assert not [f for f in found if f.rule.startswith("readability.")]
    assert [f.rule for f in found] == ["advice.key-message-unknown"]


def test_sentences_of_outcome_data_are_checked_at_their_line_in_the_data_file(repo: MiniRepo) -> None:
    # Outcome blocks and keuzekaarten reach the page through {{ }} references: the page check never reads them.
    long_ = "Mensen die " + "met nog een paar woorden " * 5 + "hun rugpijn hadden."
    repo.write(
        "content/_data/keuzekaarten/kaart.yml",
        "title: Kiezen\nfor_whom: Iedereen\ndatasets: [test]\n"
        "options:\n  zelf: {label: Zelf, self_care: true}\n  ander: {label: Ander}\n"
        f"rows:\n  - question: Wat houdt het in?\n    answers: {{zelf: '{long_}', ander: Oefenen.}}\n"
        "sources:\n  - title: Bron\n",
    )
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date.fromisoformat(TODAY))
    found = [f for f in engine.run(site).findings if f.rule == "readability.sentence-length"]
    assert [(f.path, f.line, f.severity.value) for f in found] == [
        ("content/_data/keuzekaarten/kaart.yml", 9, "error")
    ]


# --- issue 21: the sentence-level findings as trustworthy as the page score --------------------------------


def test_headings_do_not_count_in_the_page_score(repo: MiniRepo) -> None:
    # Short headings raised the score; Flesch-Douma is defined on running prose.
    prose = (
        "Een zorgverzekeraar vergoedt fysiotherapie gedeeltelijk, afhankelijk van uw aanvullende verzekering."
    )
    body = "# Kop\n\n## Pijn\n\n## Rust\n\n" + prose + "\n"
    result, _ = run(repo, body)
    metrics = result.pages[0].metrics
    words, syllables = metrics["words"], metrics["syllables"]
    assert (metrics["sentences"], words) == (1, 10)
    assert metrics["flesch_douma"] == pytest.approx(
        206.835 - 0.93 * words - 77 * syllables / words, abs=0.006
    )


def test_officialese_is_a_warning_with_the_plain_word(repo: MiniRepo) -> None:
    body = "# Kop\n\nIndien u pijn heeft, belt u de huisarts.\nBeweeg teneinde fit te blijven.\n"
    _, found = run(repo, body)
    officialese = [
        (f.line, f.severity.value, f.excerpt) for f in found if f.rule == "readability.officialese"
    ]
    assert officialese == [(16, "warning", "Indien"), (17, "warning", "teneinde")]
    first = next(f for f in found if f.rule == "readability.officialese")
    assert "'als' in plaats van 'indien'" in first.suggestion


def test_plain_patient_words_are_not_rare(repo: MiniRepo) -> None:
    # Thuisarts' own words: the disc "puilt uit" and works "als een schokdemper"
    body = (
        "# Kop\n\nDe schijf tussen de wervels puilt uit.\nDat uitpuilen doet pijn.\n"
        "De schijven zijn schokdempers.\n"
    )
    _, found = run(repo, body)
    assert [f.excerpt for f in found if f.rule == "readability.rare-word"] == []


def test_passive_with_zijn_is_a_suggestion(repo: MiniRepo) -> None:
    body = "# Kop\n\nHet beleid is aangepast.\nDe pijn is verdwenen.\nDe pijn wordt erger bij het tillen van gewichten.\n"
    _, found = run(repo, body)
    passives = [(f.line, f.message.split(":")[0]) for f in found if f.rule == "readability.passive"]
    assert passives == [(16, "Lijdende vorm “is aangepast”")]


LANGUAGE = REPO_ROOT / "tests" / "corpus" / "language"


@pytest.fixture(scope="module")
def measure():
    import importlib.util

    spec = importlib.util.spec_from_file_location("measure", LANGUAGE / "measure.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["measure"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["measure"]


def test_the_committed_language_results_are_up_to_date(measure) -> None:
    written = (LANGUAGE / "RESULTS.md").read_text(encoding="utf-8")
    assert written == measure.results(), "run: .venv/bin/python tests/corpus/language/measure.py"


@pytest.mark.parametrize("folder", ["", "heldout"])
def test_the_language_corpus_meets_the_acceptance_levels(measure, folder: str) -> None:
    where = LANGUAGE / folder
    errors: list[str] = []
    passive = measure.sentence_score(
        where, "passive.tsv", "passive", lambda s: dutch.passive(s) is not None, errors
    )
    assert passive.precision >= 0.9
    split = measure.splitting(where, errors)
    assert split.right / split.found >= 0.97 and split.right / split.expected >= 0.97
    assert all(score >= measure.WARNING for _, score, _, _ in measure.plain_texts(where))
    assert all(officialese + rare >= 1 for _, officialese, rare, _ in measure.officialese_paragraphs(where))
