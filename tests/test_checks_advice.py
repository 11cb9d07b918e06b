import datetime as dt
import json

from conftest import REPO_ROOT, run_cli
from patienthub import load_project, load_site, run

DATA_DIR = REPO_ROOT / "content" / "_data"


def with_language_data(repo):
    for name in ("terms.yml", "advice.yml", "kernboodschappen.yml"):
        repo.write(f"content/_data/{name}", (DATA_DIR / name).read_text(encoding="utf-8"))


def check(repo):
    return run(load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22)))


def line_of(path, text):
    return path.read_text(encoding="utf-8").split("\n").index(text) + 1


def test_a_page_advising_bed_rest_gets_an_advice_error_citing_the_guideline(repo):
    with_language_data(repo)
    path = repo.page("rust.md", body="# Rust\n\nHeeft u pijn?\nBlijf dan een paar dagen in bed liggen.\n")
    done = run_cli("check", "--format", "json", "--today", "2026-11-22", cwd=repo.root)
    [error] = [f for f in json.loads(done.stdout)["findings"] if f["rule"].startswith("advice.")]
    assert done.code == 1
    assert error["rule"] == "advice.contradicts-guideline" and error["severity"] == "error"
    assert "NHG-Standaard Aspecifieke lagerugpijn" in error["message"] and "KNGF" in error["message"]
    assert "kernboodschap: blijf-bewegen" in error["suggestion"]
    assert error["line"] == line_of(path, "Blijf dan een paar dagen in bed liggen.")
    line = path.read_text(encoding="utf-8").split("\n")[error["line"] - 1]
    assert line[error["column"] - 1 :].startswith("in bed liggen")


def test_routine_imaging_is_an_error_and_the_guideline_advice_is_not(repo):
    with_language_data(repo)
    path = repo.page(
        "foto.md", body="# Foto\n\nVraag uw huisarts om een MRI.\n\nEen foto of MRI is meestal niet nodig.\n"
    )
    found = check(repo).for_path("content/foto.md")
    assert [(f.rule, f.line) for f in found] == [
        ("advice.contradicts-guideline", line_of(path, "Vraag uw huisarts om een MRI."))
    ]
    assert "Beeldvormende diagnostiek bij aspecifieke lagerugpijn wordt niet aanbevolen" in found[0].message


def test_an_unknown_key_message_is_an_error_with_the_nearest_name(repo):
    with_language_data(repo)
    path = repo.page(
        "km.md", body="# Km\n\n[[kernboodschap: blijf-bewegn]]\n\n[[kernboodschap: blijf-bewegen]]\n"
    )
    found = check(repo).for_path("content/km.md")
    assert [(f.rule, f.line, f.column) for f in found] == [
        ("advice.key-message-unknown", line_of(path, "[[kernboodschap: blijf-bewegn]]"), 1)
    ]
    assert "'blijf-bewegn'" in found[0].message and "blijf-bewegen" in found[0].suggestion


def test_a_key_message_that_contradicts_the_guidelines_is_reported_at_its_file(repo):
    with_language_data(repo)
    repo.write(
        "content/_data/kernboodschappen.yml", "rust:\n  text: Neem een week bedrust.\n  source: Niemand\n"
    )
    found = [f for f in check(repo).findings if f.path == "content/_data/kernboodschappen.yml"]
    assert [(f.line, f.rule) for f in found] == [(2, "advice.contradicts-guideline")]
