"""The last search index a full build made, kept in the cache folder and put back when nothing it was made of changed.

Pagefind reads every HTML page of the finished site, and nothing else but its settings: when every page is byte for
byte what the stored index was made of (and Pagefind and its settings are the same), running it again would write
the same files. That is the common case for an editor's second `make site` and for a build after `check`-fix-build
rounds that did not touch the text; it saves Pagefind's 1.4 s floor (1,000 pages) off the end of the build.

Pagefind's files are JavaScript and WebAssembly that every patient's browser runs. The stored copy is therefore
signed with this user's cache key (the key that signs the cache file, kept outside the repository) and every file is
checked against the digest in the signed list before it goes into the site: a folder put into the checkout or the
cache by anyone else is not used, and neither is a copy that was changed or cut short. Anything wrong: Pagefind runs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import importlib.metadata
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from patienthub.load.cache import digest_of, sign
from patienthub.publish import search_index

# Pagefind reads its settings from the folder it runs in and from the environment (its documentation).
CONFIG_FILES = ("pagefind.json", "pagefind.toml", "pagefind.yml", "pagefind.yaml")
ENV_PREFIX = "PAGEFIND_"
# Pagefind's Python wrapper runs the binary of the first of its packages it finds (extended first).
PAGEFIND_PACKAGES = ("pagefind", "pagefind_bin", "pagefind_bin_extended")
FILES_DIR = "files"
MANIFEST = "index.json"
FORMAT = 1


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "-"


class StoredIndex:
    """One project's stored search index in `folder` (inside the cache folder), signed with `secret`."""

    def __init__(self, folder: Path, secret: bytes) -> None:
        self.folder = folder
        self._secret = secret

    def key(self, site_dir: Path) -> str:
        """A digest of everything Pagefind's output depends on: the HTML pages (paths and bytes), its version,
        the command line and its settings files and environment."""
        return digest_of(self._inputs(site_dir))

    @staticmethod
    def _inputs(site_dir: Path) -> Iterator[str | bytes]:
        # Every part is labelled with its kind: a setting can never pass for a page, nor a page for a setting.
        yield from ("format", str(FORMAT), "versions", *(_version(p) for p in PAGEFIND_PACKAGES))
        yield from ("options", *search_index.arguments())
        for name in CONFIG_FILES:
            with contextlib.suppress(OSError):
                content = Path(name).read_bytes()
                yield from ("config", name, content)
        for name in sorted(os.environ):
            if name.startswith(ENV_PREFIX):
                yield from ("environment", name, os.environ[name])
        # Pages in the index's own folder too (a page copied there from the content): Pagefind indexes them.
        for path in sorted(site_dir.rglob("*.html")):
            if path.is_file():
                yield from ("page", path.relative_to(site_dir).as_posix(), path.read_bytes())

    def _usable(self) -> bool:
        """The store's folders are real folders: a link (a pull request can add one to the checkout) would make
        `store` delete and write wherever it points."""
        return not any(
            path.is_symlink() for path in (self.folder.parent, self.folder, self.folder / FILES_DIR)
        )

    def restore(self, site_dir: Path, key: str) -> bool:
        """Put the stored index into `site_dir` if it was made of what `key` says; False (and nothing written)
        when there is none, it was made of something else, or any of it fails its check."""
        if not self._usable():
            return False
        try:
            signed = (self.folder / MANIFEST).read_bytes()
        except OSError:
            return False
        mac, payload = signed[:32], signed[32:]
        if not hmac.compare_digest(mac, sign(self._secret, payload)):
            return False
        try:
            manifest = json.loads(payload)
        except ValueError:
            return False
        if manifest.get("key") != key or not isinstance(manifest.get("files"), dict):
            return False
        checked: list[tuple[PurePosixPath, bytes]] = []
        for name, expected in sorted(manifest["files"].items()):
            relative = PurePosixPath(name)
            if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                return False
            try:
                data = (self.folder / FILES_DIR / relative).read_bytes()
            except OSError:
                return False
            if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), str(expected)):
                return False
            checked.append((relative, data))
        search_index.unlink_bundle_link(site_dir)
        target = site_dir / search_index.BUNDLE_DIR
        shutil.rmtree(target, ignore_errors=True)
        for relative, data in checked:
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return True

    def store(self, site_dir: Path, key: str) -> None:
        """Keep the index in `site_dir` as the one made of `key` (the previous one is replaced). A cache that
        cannot be written is no error: the next build runs Pagefind."""
        source = site_dir / search_index.BUNDLE_DIR
        staging = self.folder / f"{FILES_DIR}.{os.getpid()}.tmp"
        if not self._usable() or source.is_symlink():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(staging, ignore_errors=True)
            files: dict[str, str] = {}
            for path in sorted(source.rglob("*")):
                if not path.is_file() or path.is_symlink():
                    continue
                relative = path.relative_to(source).as_posix()
                data = path.read_bytes()
                files[relative] = hashlib.sha256(data).hexdigest()
                copy = staging / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(data)
            payload = json.dumps({"key": key, "files": files}, sort_keys=True).encode("utf-8")
            # The list goes first: a build that reads it with the old files finds their digests wrong and runs Pagefind.
            manifest = self.folder / f"{MANIFEST}.{os.getpid()}.tmp"
            manifest.write_bytes(sign(self._secret, payload) + payload)
            os.replace(manifest, self.folder / MANIFEST)
            shutil.rmtree(self.folder / FILES_DIR, ignore_errors=True)
            os.replace(staging, self.folder / FILES_DIR)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
