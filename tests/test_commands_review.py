"""The real `patienthub review` command: stamps pages, byte for byte, all or nothing."""

from tests.conftest import EDITORS, GOOD_META, ORGANISATIONS, TODAY, run_cli

COMMENTED = GOOD_META.replace("owner: nhg\n", "owner: nhg  # huisartsen\n").replace(
    "sources:\n", "# de bronnen\nsources:\n"
)


def test_stamp_changes_only_the_stamped_lines(repo):
    path = repo.page("rug.md", meta=COMMENTED)
    before = path.read_bytes()
    run = run_cli(
        "review", "content/rug.md", "--by", "kngf", "--date", "2026-11-20", "--today", TODAY, cwd=repo.root
    )
    assert run.code == 0, run.stderr
    assert "content/rug.md: gecontroleerd door kngf op 2026-11-20" in run.stdout
    expected = before.replace(b"last_reviewed: 2026-03-12\n", b"last_reviewed: 2026-11-20\n").replace(
        b"status: concept\n", b"status: concept\nreviewed_by: [kngf]\n"
    )
    assert path.read_bytes() == expected
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0


def test_default_date_is_today(repo):
    path = repo.page("rug.md")
    assert run_cli("review", str(path), "--by", "nhg", "--today", TODAY, cwd=repo.root).code == 0
    assert f"last_reviewed: {TODAY}\n" in path.read_text(encoding="utf-8")


def test_unknown_organisation_is_a_usage_error_and_changes_nothing(repo):
    path = repo.page("rug.md")
    before = path.read_bytes()
    run = run_cli("review", "content/rug.md", "--by", "huisarts", "--today", TODAY, cwd=repo.root)
    assert run.code == 2
    assert "huisarts" in run.stderr and "kngf, nhg" in run.stderr
    assert path.read_bytes() == before


def test_review_date_in_the_future_is_refused(repo):
    run = run_cli(
        "review", "content/index.md", "--by", "nhg", "--date", "2027-01-01", "--today", TODAY, cwd=repo.root
    )
    assert run.code == 2
    assert "na vandaag" in run.stderr


def test_all_or_nothing_when_one_page_cannot_be_stamped(repo):
    good = repo.page("goed.md")
    broken = repo.write("content/kapot.md", "# Geen gegevensblok\n")
    before = good.read_bytes()
    run = run_cli(
        "review", "content/goed.md", "content/kapot.md", "--by", "nhg", "--today", TODAY, cwd=repo.root
    )
    assert run.code == 2
    assert "kapot.md" in run.stderr and "niets aangepast" in run.stderr
    assert good.read_bytes() == before
    assert broken.read_text(encoding="utf-8") == "# Geen gegevensblok\n"
    assert "Traceback" not in run.stderr


def test_stamping_an_approved_page_by_its_owner_clears_the_review_finding(repo):
    repo.page("rug.md", meta=GOOD_META.replace("status: concept", "status: approved"))
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 1  # approved without reviewers
    assert run_cli("review", "content/rug.md", "--by", "nhg", "--today", TODAY, cwd=repo.root).code == 0
    assert run_cli("check", "--today", TODAY, cwd=repo.root).code == 0


def test_a_check_by_an_organisation_that_may_not_approve_says_so(repo):
    repo.write("content/_data/organisations.yml", ORGANISATIONS + EDITORS)
    repo.page("rug.md")
    run = run_cli("review", "content/rug.md", "--by", "redactie", "--today", TODAY, cwd=repo.root)
    assert run.code == 0, run.stderr
    assert "Redactie mag niet goedkeuren" in run.stderr
    assert (
        "mag niet goedkeuren" not in run_cli("review", "content/rug.md", "--by", "nhg", cwd=repo.root).stderr
    )
