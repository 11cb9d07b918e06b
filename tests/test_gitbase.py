import os
import subprocess

import pytest

from patienthub.core.errors import UsageError
from patienthub.load import gitbase

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
}


def git(root, *args):
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture
def history(tmp_path):
    """A repository with the project in a sub-folder and two commits."""
    root = tmp_path / "git"
    (root / "site" / "content").mkdir(parents=True)
    (root / "README").write_text("buiten het project\n", encoding="utf-8")
    page = root / "site" / "content" / "rug.md"
    page.write_text("een\ntwee\ndrie\nvier\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "een")
    page.write_text("een\nTWEE\ndrie\nvier\nvijf\n", encoding="utf-8")
    (root / "README").write_text("gewijzigd\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "twee")
    return root


def test_toplevel_and_commit(history):
    assert gitbase.toplevel(history / "site" / "content") == history.resolve()
    assert len(gitbase.commit_of(history, "HEAD~1")) == 40


def test_unknown_ref_is_a_usage_error(history):
    with pytest.raises(UsageError, match="geen bekende commit"):
        gitbase.commit_of(history, "bestaat-niet")


def test_changed_files_under_the_project_with_untracked_files(history):
    (history / "site" / "content" / "nieuw.md").write_text("nieuw\n", encoding="utf-8")
    assert gitbase.changed_files(history, "HEAD~1", "site") == [
        "site/content/nieuw.md",
        "site/content/rug.md",
    ]
    assert "README" in gitbase.changed_files(history, "HEAD~1", "")


def test_changed_lines_are_the_new_sides_of_the_hunks(history):
    assert gitbase.changed_lines(history, "HEAD~1", "site/content/rug.md") == {2, 5}
    (history / "site" / "content" / "nieuw.md").write_text("a\nb\n", encoding="utf-8")
    assert gitbase.changed_lines(history, "HEAD~1", "site/content/nieuw.md") == {1, 2}


def test_export_writes_the_base_files_without_touching_the_work_tree(history, tmp_path):
    folder = gitbase.export(history, "HEAD~1", "site", tmp_path / "base")
    assert folder == tmp_path / "base" / "site"
    assert (folder / "content" / "rug.md").read_text(encoding="utf-8") == "een\ntwee\ndrie\nvier\n"
    assert not (tmp_path / "base" / "README").exists()
    assert (history / "site" / "content" / "rug.md").read_text(encoding="utf-8").startswith("een\nTWEE")


def test_export_of_a_folder_that_did_not_exist_yet_is_empty(history, tmp_path):
    folder = gitbase.export(history, "HEAD~1", "later", tmp_path / "base")
    assert not folder.exists()


def test_export_leaves_out_links_that_leave_the_folder(history, tmp_path):
    content = history / "site" / "content"
    os.symlink("/etc/passwd", content / "passwd.md")
    os.symlink("../../../..", content / "up")
    os.symlink("rug.md", content / "alias.md")  # stays inside: kept
    git(history, "add", "-A")
    git(history, "commit", "-q", "-m", "links")
    folder = gitbase.export(history, "HEAD", "site", tmp_path / "base")
    assert (folder / "content" / "rug.md").is_file()
    assert not (folder / "content" / "passwd.md").is_symlink()
    assert not (folder / "content" / "up").exists() and not (folder / "content" / "up").is_symlink()
    assert (folder / "content" / "alias.md").read_text(encoding="utf-8").startswith("een")
