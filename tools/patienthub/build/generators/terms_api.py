"""api/v1/terms.json: the termbase for partners (GP practices, hospitals, insurers) to check their own texts
against the same words. The same list `patienthub terms --format json` prints."""

from __future__ import annotations

import json
from collections.abc import Iterable

from patienthub.build.generators.base import Output
from patienthub.domain.model import Site


def terms_json(site: Site) -> str:
    return json.dumps(site.termbase.export(), ensure_ascii=False, indent=2) + "\n"


def generate(site: Site) -> Iterable[Output]:
    if site.termbase.terms:
        yield Output(site.config.terminology.export_path, terms_json(site))
