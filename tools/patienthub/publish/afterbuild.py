"""What is made over a finished site folder, by any engine: the Pagefind index, the theme's CSS without what no
page uses, and precompressed copies. Pagefind runs in its own process while the CSS is trimmed and the rest is
compressed (it only reads the HTML pages); its own files are compressed when it is done. When the pages are those
an earlier full build indexed, its stored index is put back instead (publish/stored_index.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from patienthub.publish import precompress, search_index, slimcss
from patienthub.publish.stored_index import StoredIndex


def run(
    site_dir: Path,
    *,
    trim_css: bool = True,
    compress: bool = True,
    compressed: Mapping[Path, bytes] | None = None,
    stored_index: StoredIndex | None = None,
) -> None:
    """`compressed`: files whose copies the engine's adapter already made during the build (with the digest of
    their bytes). `stored_index`: the index of an earlier full build, put back instead of running Pagefind when
    the pages are those it was made of (only where copies are made: a stored index has its own)."""
    stored_index = stored_index if compress else None
    key = stored_index.key(site_dir) if stored_index is not None else ""
    indexing = None
    if stored_index is None or not stored_index.restore(site_dir, key):
        indexing = search_index.start(site_dir)
    try:
        if trim_css:
            slimcss.trim_site(site_dir)
        if compress:
            precompress.compress_site(site_dir, skip={search_index.BUNDLE_DIR}, done=compressed)
    finally:
        if indexing is not None:
            indexing.wait()
    if indexing is None:
        return  # the stored index came with its compressed copies
    if compress:
        precompress.compress_site(site_dir / search_index.BUNDLE_DIR)
    if stored_index is not None:
        stored_index.store(site_dir, key)
