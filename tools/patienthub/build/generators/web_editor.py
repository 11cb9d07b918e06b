"""The web editor's own files (build/web_editor.py): its page, its configuration and the site's preview script.

Written as they are (not rendered with the theme, not a MkDocs page). Decap's JavaScript is copied next to them by
the engine adapter (`web_editor.vendor_files`). Nothing is written when the editor is not set up.
"""

from __future__ import annotations

from collections.abc import Iterator

from patienthub.build import web_editor
from patienthub.build.generators.base import Output
from patienthub.domain.model import Site


def generate(site: Site) -> Iterator[Output]:
    project = site.project
    config = web_editor.config_path(project)
    if config is None or not web_editor.available(project):
        return
    yield Output(web_editor.INDEX, web_editor.page(project), in_nav=False)
    yield Output(web_editor.CONFIG, config.read_text(encoding="utf-8"), in_nav=False)
    yield Output(web_editor.SCRIPT, web_editor.script(), in_nav=False)
