"""The site search index, built with Pagefind over the finished HTML (engine-neutral: it only needs a folder).

Pagefind stems Dutch (a patient typing "rugpijnen" finds "rugpijn", which lunr's search-as-you-type does not) and
loads its index in small chunks, so a phone does not download one big file. The binary ships inside the
`pagefind[bin]` wheel: no network at build time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from patienthub.core.errors import PatientHubError

BUNDLE_DIR = "pagefind"
LANGUAGE = "nl"


def arguments() -> list[str]:
    """Pagefind's options besides the folder (what its output depends on, with the pages)."""
    return ["--force-language", LANGUAGE, "--quiet"]


def unlink_bundle_link(site_dir: Path) -> None:
    """A `pagefind` link in the site folder (MkDocs' clean step keeps links it cannot remove) goes, so the index is
    never written through it into another folder, nor that folder's files published as the index."""
    bundle = site_dir / BUNDLE_DIR
    if bundle.is_symlink():
        bundle.unlink()


class Indexing:
    """Pagefind at work on a finished site, in its own process: the build goes on with other work meanwhile."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        unlink_bundle_link(site_dir)
        # -I: Python in isolated mode does not put the working folder (the repository) first on its module path,
        # so a file in a pull request (pagefind_bin_extended.py, a pagefind/ folder) cannot stand in for Pagefind.
        command = [sys.executable, "-I", "-m", "pagefind", "--site", str(site_dir), *arguments()]
        try:
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        except OSError as exc:
            raise PatientHubError(f"de zoekindex kon niet worden gemaakt: {exc}") from exc

    def wait(self) -> None:
        try:
            stdout, stderr = self._process.communicate(timeout=600)
        except subprocess.TimeoutExpired as exc:
            self._process.kill()
            self._process.communicate()
            raise PatientHubError(f"de zoekindex kon niet worden gemaakt: {exc}") from exc
        if self._process.returncode != 0 or not (self.site_dir / BUNDLE_DIR / "pagefind.js").is_file():
            detail = (stderr or stdout).strip().splitlines()[-3:]
            raise PatientHubError(f"de zoekindex kon niet worden gemaakt (pagefind): {' '.join(detail)}")


def start(site_dir: Path) -> Indexing:
    """Start indexing the HTML pages of `site_dir`; `.wait()` for the index."""
    return Indexing(site_dir)


def build(site_dir: Path) -> None:
    start(site_dir).wait()
