"""Precompressed copies of the site's text files (`x.css.gz`, `x.css.br` next to `x.css`), for static hosts
that serve them as they are (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, Netlify, …): a patient
on a slow phone line then gets a page's CSS and JavaScript at a fraction of their size, and the host spends no
time compressing. Engine-neutral: it reads and writes files in a finished site folder.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections.abc import Collection, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import brotli

# Text files worth compressing; images, fonts and Pagefind's index (already compressed) are left alone.
SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest"})
# Below this a compressed copy saves about a kilobyte and no round trip (Lighthouse ignores savings under 1,400
# bytes), but adds two files to the site: the ~1.8 KB short-link redirect pages, one per page, would be a quarter
# of all files in site/ (deploys upload them; creating files is a real part of a build on disk).
MIN_BYTES = 2048
# Brotli's quality 11 took 24 s for this site's 2.7 MB of text on the 2-core build machine (every build, every
# test build) for 10 % fewer bytes than quality 6, which takes 0.2 s and still beats gzip -9.
BROTLI_QUALITY = 6
# gzip's level 9 took 70 % longer than level 6 on a 1,000-page site (0.84 s against 0.49 s of CPU for 33 MB) for
# 0.3 % fewer bytes; 6 is also what servers use when they compress on the fly.
GZIP_LEVEL = 6


class Compressor:
    """Copies made while the build is still writing other pages. The engine hands over the bytes of each file it
    is about to write; MkDocs renders in one Python thread, and zlib and Brotli release the GIL, so the copies are
    made on the otherwise idle core instead of after the build (about 3 s of a 1,000-page build)."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
        self._pending: dict[Path, tuple[bytes, Future[int]]] = {}

    def submit(self, path: Path, data: bytes) -> None:
        """`data` is what will be written at `path` (written there or not yet)."""
        if path.suffix.lower() not in SUFFIXES:
            return
        earlier = self._pending.get(path)
        if earlier is not None:  # the same file written again: its last bytes must win
            earlier[1].result()
        self._pending[path] = (digest(data), self._pool.submit(_write_copies, path, data))

    def finish(self) -> dict[Path, bytes]:
        """Wait for every copy; returns each compressed file with the digest of the bytes its copies were made of."""
        self._pool.shutdown(wait=True)
        for _, future in self._pending.values():
            future.result()  # a copy that could not be written stops the build, as in compress_site
        return {path: made_of for path, (made_of, _) in self._pending.items()}


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def compress_site(
    site_dir: Path, skip: Collection[str] = (), done: Mapping[Path, bytes] | None = None
) -> int:
    """Write a .gz and a .br copy of every text file in `site_dir` (but not in its top folders named in
    `skip`, nor the files in `done` whose bytes are still those their copies were made of: a Compressor's
    work); returns how many files were compressed. Copies are byte-for-byte reproducible (no timestamp, no
    file name in the gzip header). zlib and Brotli release the GIL: files are compressed on every core."""
    done = done or {}
    paths = [
        path
        for path in sorted(site_dir.rglob("*"))
        if path.suffix.lower() in SUFFIXES
        and path.relative_to(site_dir).parts[0] not in skip
        and path.is_file()
        and not path.is_symlink()
    ]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return sum(pool.map(lambda path: _compress(path, done.get(path)), paths))


def _compress(path: Path, made_of: bytes | None) -> int:
    data = path.read_bytes()
    if made_of is not None and digest(data) == made_of:  # hashing is ~50 times cheaper than compressing
        return 0
    return _write_copies(path, data, make_folder=False)


def _write_copies(path: Path, data: bytes, make_folder: bool = True) -> int:
    if len(data) < MIN_BYTES:  # and copies of what was there before, larger, would be served stale
        path.with_name(path.name + ".gz").unlink(missing_ok=True)
        path.with_name(path.name + ".br").unlink(missing_ok=True)
        return 0
    if make_folder:  # the engine may not have made the file's folder yet
        path.parent.mkdir(parents=True, exist_ok=True)
    path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=BROTLI_QUALITY))
    return 1
