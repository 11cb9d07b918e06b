"""What is made over a finished site folder, by any engine: the Pagefind index, the theme's CSS without what no
page uses, and precompressed copies. Pagefind runs in its own process while the CSS is trimmed and the rest is
compressed (it only reads the HTML pages); its own files are compressed when it is done."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from patienthub.publish import precompress, search_index, slimcss


def run(
    site_dir: Path,
    *,
    trim_css: bool = True,
    compress: bool = True,
    compressed: Mapping[Path, bytes] | None = None,
) -> None:
    """`compressed`: files whose copies the engine's adapter already made during the build (with the digest of their bytes)."""
    indexing = search_index.start(site_dir)
    try:
        if trim_css:
            slimcss.trim_site(site_dir)
        if compress:
            precompress.compress_site(site_dir, skip={search_index.BUNDLE_DIR}, done=compressed)
    finally:
        indexing.wait()
    if compress:
        precompress.compress_site(site_dir / search_index.BUNDLE_DIR)
