"""The page skeletons `patienthub new` starts a page from (templates/<type>.md), one per page type.

Every instruction in them starts with PLACEHOLDER, so the draft check finds a sentence an editor forgot to rewrite.
"""

from __future__ import annotations

from importlib import resources

PLACEHOLDER = "Schrijf hier"  # how every instruction in the templates starts
# The description a new page starts with (`patienthub new` and the web editor): the draft check finds it.
DESCRIPTION_PLACEHOLDER = f"{PLACEHOLDER} in één of twee korte zinnen waar deze pagina over gaat."


def skeleton(page_type: str) -> str:
    """The Markdown body a new page of this type starts with."""
    return resources.files("patienthub").joinpath("templates", f"{page_type}.md").read_text(encoding="utf-8")
