"""files.*: what content/ may publish besides pages, and no symbolic links."""

from __future__ import annotations

import datetime as dt

import pytest

from patienthub import load_project, load_site, run
from patienthub.core.errors import ConfigError
from patienthub.load.config import Config

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def files_findings(repo) -> list[tuple[str, str, int | None]]:
    site = load_site(load_project(repo.root / "mkdocs.yml"), dt.date(2026, 11, 22))
    return sorted((f.rule, f.path, f.line) for f in run(site).findings if f.rule.startswith("files."))


def test_images_pdf_and_a_plain_svg_are_published(repo):
    repo.write("content/assets/rug.png", PNG)
    repo.write("content/folder.pdf", b"%PDF-1.7\n")
    repo.write("content/assets/rug.svg", '<svg xmlns="http://www.w3.org/2000/svg"><circle r="2"/></svg>')
    repo.write("content/_data/notities.html", "<p>niet gepubliceerd: exclude_docs</p>")
    assert files_findings(repo) == []


def test_other_files_and_disguised_ones_are_refused(repo):
    repo.write("content/x.html", "<script>alert(1)</script>")
    repo.write("content/assets/teller.js", "alert(1)")
    repo.write("content/nep.png", "<html><script>alert(1)</script></html>")
    assert files_findings(repo) == [
        ("files.not-allowed", "content/assets/teller.js", None),
        ("files.not-allowed", "content/nep.png", None),
        ("files.not-allowed", "content/x.html", None),
    ]


def test_an_svg_with_script_is_refused_at_its_line(repo):
    repo.write(
        "content/logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg">\n<circle r="1"/>\n<script>x</script></svg>',
    )
    assert files_findings(repo) == [("files.unsafe-svg", "content/logo.svg", 3)]


def test_every_symbolic_link_is_refused_and_never_read(repo):
    (repo.content / "wachtwoorden.txt").symlink_to("/etc/passwd")
    (repo.content / "sub").mkdir()
    (repo.content / "sub" / "omhoog").symlink_to("..")
    (repo.content / "_data" / "termen.yml").symlink_to("/etc/hostname")
    (repo.content / "pagina.md").symlink_to("/etc/passwd")
    assert files_findings(repo) == [
        ("files.symlink", "content/_data/termen.yml", None),
        ("files.symlink", "content/pagina.md", None),
        ("files.symlink", "content/sub/omhoog", None),
        ("files.symlink", "content/wachtwoorden.txt", None),
    ]


def test_files_rules_cannot_be_demoted_in_the_configuration():
    for rule in ("files", "files.symlink", "html.script"):
        with pytest.raises(ConfigError, match="beveiligingsregel"):
            Config.from_options({"rules": {rule: "off"}})
    assert (
        Config.from_options({"rules": {"html.multiple-h1": "warning"}}).rules["html.multiple-h1"] == "warning"
    )
