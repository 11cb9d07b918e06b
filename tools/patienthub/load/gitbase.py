"""What git knows about a change: the files changed since a base revision, the changed lines of a file, and the
base revision's files written to a folder so the core can check them exactly like the current ones."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import tarfile
from pathlib import Path

from patienthub.core.errors import UsageError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@", re.M)


def _git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise UsageError(
            "git is niet gevonden; installeer git of voer deze opdracht uit in een git-repository"
        ) from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise UsageError(f"git {' '.join(args[:2])} mislukte: {message[-1] if message else proc.returncode}")
    return proc.stdout


def toplevel(path: Path) -> Path:
    """The root of the git repository that holds `path`."""
    return Path(_git(path, "rev-parse", "--show-toplevel").decode("utf-8").strip()).resolve()


def commit_of(root: Path, ref: str) -> str:
    """The commit `ref` names; a clear usage error when it names none (a typo, or a shallow clone)."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except UsageError as exc:
        raise UsageError(
            f"'{ref}' is geen bekende commit in deze repository (in CI: haal de geschiedenis op met fetch-depth: 0)"
        ) from exc


def changed_files(root: Path, base: str, under: str) -> list[str]:
    """Repository-relative paths under `under` that differ between `base` and the working tree, new untracked
    files included. A renamed file counts as removed and added."""
    scope = ["--", under] if under else []
    changed = _git(root, "diff", "--name-only", "--no-renames", "-z", base, *scope)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", *scope)
    names = {name for name in (changed + untracked).decode("utf-8").split("\0") if name}
    return sorted(names)


def changed_lines(root: Path, base: str, path: str) -> frozenset[int]:
    """1-based lines of the working-tree file `path` that are new or changed since `base`."""
    diff = _git(root, "diff", "-U0", "--no-renames", base, "--", path).decode("utf-8", errors="replace")
    if not diff and (root / path).is_file():
        tracked = _git(root, "ls-files", "--", path)
        if not tracked:  # an untracked file is new from its first line to its last
            count = len((root / path).read_bytes().splitlines())
            return frozenset(range(1, count + 1))
    lines: set[int] = set()
    for hunk in _HUNK.finditer(diff):
        start, count = int(hunk["start"]), int(hunk["count"] or 1)
        lines.update(range(start, start + count))
    return frozenset(lines)


def export(root: Path, base: str, under: str, destination: Path) -> Path:
    """Write the files under `under` as they were at `base` into `destination`; returns the folder that
    corresponds to `root / under`. Nothing in the repository or its work tree changes."""
    destination.mkdir(parents=True, exist_ok=True)
    if under and not _git(root, "ls-tree", "--name-only", base, "--", under):
        return destination / under  # the project did not exist yet at base: no files
    archive = _git(root, "archive", "--format=tar", base, *([under] if under else []))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            _extract(tar, member, destination)
    return destination / under if under else destination


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, destination: Path) -> None:
    """One file of the base revision. A link that leaves the folder (to /etc/passwd, or an absolute path) is
    not written: the base is read as content, never followed outside it (the current tree's check reports such
    links)."""
    if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4: refuses links and paths that leave the folder
        with contextlib.suppress(tarfile.FilterError):
            tar.extract(member, destination, filter="data")
    elif not (member.issym() or member.islnk()):  # pragma: no cover - older 3.11 patch releases
        tar.extract(member, destination)
