"""The benchmark's generated corpus (tests/bench/corpus.py) passes the check, as a published site must: the bench
times strict builds, and a corpus with errors would time a build that fails."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, run_cli

sys.path.insert(0, str(REPO_ROOT / "tests" / "bench"))
import corpus  # the bench's own module, not a package


@pytest.mark.long
def test_the_generated_corpus_has_no_errors(tmp_path: Path) -> None:
    generated = corpus.generate(tmp_path / "corpus", 1000)
    run = run_cli("check", "--today", "2026-11-22", "--format", "json", cwd=generated.root)
    assert run.code == 0, run.stdout[-3000:]
