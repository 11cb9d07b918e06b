"""What a generator returns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Site
from ..result import Result


@dataclass(frozen=True)
class Output:
    uri: str  # path in the site, relative to its root ("api/v1/pages.json", "woordenlijst.md")
    content: str | bytes
    in_nav: bool = True  # False: reachable by its URL, never added to the site navigation


Generator = Callable[[Site], Iterable[Output]]
ResultGenerator = Callable[[Site, Result], Iterable[Output]]
