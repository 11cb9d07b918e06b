"""Clinical codes (ICPC, ICD-10, SNOMED CT): their canonical spelling and the URL spellings the site serves.

One definition of what a valid code looks like, used by the hub check, the code pages and pages.json. GP
and hospital systems spell codes differently ("M54.5", "m54.5", "M545"); a static host matches paths exactly,
so the build writes one folder per spelling listed by `spellings()` and the README documents exactly those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from patienthub.domain.model import Page


@dataclass(frozen=True)
class CodeSystem:
    key: str  # as in front matter and in URLs: icpc, icd10, snomed
    label: str  # as people write it
    pattern: re.Pattern[str]  # the canonical form, in ASCII ([0-9], never \\d: that matches "L０３")
    example: str


SYSTEMS: dict[str, CodeSystem] = {
    # Dutch GPs code in ICPC-1 (NHG translation), with optional NHG sub-codes such as L86.01.
    "icpc": CodeSystem("icpc", "ICPC", re.compile(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?"), "L03"),
    # WHO ICD-10 plus national extensions (M54.56); the dot comes after the third character.
    "icd10": CodeSystem("icd10", "ICD-10", re.compile(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?"), "M54.5"),
    # SNOMED CT concept ids: 6 to 18 digits, never a leading zero.
    "snomed": CodeSystem("snomed", "SNOMED CT", re.compile(r"[1-9][0-9]{5,17}"), "279039007"),
}


def canonical(system: str, code: str | int) -> str | None:
    """The canonical spelling of a code, or None when it is not a valid code of that system."""
    spec = SYSTEMS.get(system)
    if spec is None:
        return None
    text = str(code).strip().upper()
    if not text.isascii():  # full-width digits or look-alike letters are another code in every GP system
        return None
    if system == "icd10" and "." not in text and len(text) > 3:
        text = f"{text[:3]}.{text[3:]}"  # "M545" is a common export form of M54.5
    return text if spec.pattern.fullmatch(text) else None


def spellings(system: str, code: str) -> tuple[str, ...]:
    """Every URL spelling served for a canonical code, canonical first: upper and lower case, and for ICD-10
    also without the dot."""
    forms = [code, code.lower()]
    if system == "icd10" and "." in code:
        bare = code.replace(".", "")
        forms += [bare, bare.lower()]
    return tuple(dict.fromkeys(forms))


def code_url(system: str, code: str) -> str:
    """Site-relative URL of a code page."""
    return f"code/{system}/{code}/"


@dataclass(frozen=True)
class PageCode:
    system: str
    code: str  # canonical
    primary: bool
    written: str  # as the editor wrote it
    index: int  # position in the front-matter list, for line numbers


def page_codes(page: Page) -> list[PageCode]:
    """The codes a page carries, as written (valid or not), with their primary flag."""
    found = []
    for system, values in page.meta.codes.items():
        primaries = set(page.meta.primary_codes.get(system, ()))
        for index, written in enumerate(values):
            code = canonical(system, written) or ""
            found.append(PageCode(system, code, written in primaries, written, index))
    return found
