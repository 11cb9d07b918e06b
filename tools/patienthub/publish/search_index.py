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


def build(site_dir: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--force-language",
        LANGUAGE,
        "--quiet",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PatientHubError(f"de zoekindex kon niet worden gemaakt: {exc}") from exc
    if result.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        raise PatientHubError(f"de zoekindex kon niet worden gemaakt (pagefind): {' '.join(detail)}")
