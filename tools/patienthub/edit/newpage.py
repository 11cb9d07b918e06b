"""A new page from the skeleton of its type: valid front matter, a slug, a place in the navigation.

Pure text functions plus one that writes files; the CLI (`patienthub new`) asks the questions.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from patienthub.core.errors import UsageError
from patienthub.domain.model import PAGE_TYPES
from patienthub.domain.skeletons import DESCRIPTION_PLACEHOLDER, skeleton
from patienthub.load import codeowners
from patienthub.load.config import Project
from patienthub.load.loader import load_site


@dataclass(frozen=True)
class NewPage:
    title: str
    type: str
    owner: str
    sources: tuple[str, ...]
    today: dt.date


def slugify(title: str) -> str:
    """ "Pijn in je rug: wat nu?" -> "pijn-in-je-rug-wat-nu" (accents folded, safe in any URL)."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug:
        raise UsageError(
            f"van de titel {title!r} kan geen bestandsnaam gemaakt worden; gebruik letters of cijfers"
        )
    return slug


# What JSON leaves raw but YAML may not read raw: U+0085, U+2028 and U+2029 are line breaks to YAML, and other
# C1 controls, DEL and U+FFFE/U+FFFF may not appear in a YAML file at all.
_RAW_IN_JSON_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as `text` (a JSON string, with what YAML reads otherwise
    escaped)."""
    dumped = json.dumps(text, ensure_ascii=False)
    return _RAW_IN_JSON_NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def render(new: NewPage) -> str:
    body = skeleton(new.type)
    sources = "".join(f"  - title: {_quoted(source)}\n" for source in new.sources)
    return (
        "---\n"
        f"title: {_quoted(new.title)}\n"
        f"description: {_quoted(DESCRIPTION_PLACEHOLDER)}\n"
        f"type: {new.type}\n"
        f"owner: {new.owner}\n"
        f"last_reviewed: {new.today.isoformat()}\n"
        "status: concept\n"
        f"sources:\n{sources}"
        "---\n\n"
        f"# {new.title}\n\n"
        f"{body}"
    )


def _nav_key(title: str) -> str:
    """The title as a nav key: plain where YAML reads it back as exactly this text, else quoted (a Dutch title
    may start with an apostrophe, "'s Nachts pijn", or hold ': ' or ' #', which plain YAML reads otherwise)."""
    try:
        plain = yaml.safe_load(f"{title}: x") == {title: "x"}
    except yaml.YAMLError:
        plain = False
    return title if plain else _quoted(title)


def _nav_value(src_uri: str) -> str:
    """The file name as a nav value: plain where YAML reads it back as exactly this text (a file name may hold
    ' #', ': ' or a quote), else quoted."""
    try:
        plain = yaml.safe_load(f"x: {src_uri}") == {"x": src_uri}
    except yaml.YAMLError:
        plain = False
    return src_uri if plain else _quoted(src_uri)


def add_to_nav(mkdocs_text: str, section: str, title: str, src_uri: str) -> str:
    """Insert `- title: src_uri` as the last item of nav section `section`, touching no other byte.

    Editing text (not re-dumping YAML) keeps comments, quoting and indentation of mkdocs.yml exactly as they are.
    A missing section is added at the end of the nav; without an explicit nav, MkDocs lists the page itself."""
    lines = mkdocs_text.split("\n")
    try:
        nav_start = next(i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line))
    except StopIteration:
        return mkdocs_text
    nav_end = next(
        (
            i
            for i in range(nav_start + 1, len(lines))
            if lines[i].strip() and not lines[i].startswith((" ", "-", "#"))
        ),
        len(lines),
    )
    while nav_end > nav_start + 1 and not lines[nav_end - 1].strip():
        nav_end -= 1
    entry = f"{_nav_key(title)}: {_nav_value(src_uri)}"
    header = re.compile(rf"^(\s*)- {re.escape(section)}:\s*$")
    for i in range(nav_start + 1, nav_end):
        match = header.match(lines[i])
        if not match:
            continue
        indent = len(match.group(1))
        last = i
        child_indent = None
        for j in range(i + 1, nav_end):
            stripped = lines[j].lstrip()
            if not stripped:
                continue
            depth = len(lines[j]) - len(stripped)
            if depth <= indent:
                break
            child_indent = child_indent if child_indent is not None else depth
            last = j
        prefix = " " * (child_indent if child_indent is not None else indent + 4)
        lines.insert(last + 1, f"{prefix}- {entry}")
        return "\n".join(lines)
    item_indent = next((len(ln) - len(ln.lstrip()) for ln in lines[nav_start + 1 : nav_end] if ln.strip()), 2)
    pad = " " * item_indent
    lines[nav_end:nav_end] = [f"{pad}- {section}:", f"{pad}    - {entry}"]
    return "\n".join(lines)


def create(new: NewPage, project: Project, config_file: Path) -> Path:
    settings = project.config.new_page
    folder = settings.folders.get(new.type, "")
    src_uri = "/".join(part for part in (folder.strip("/"), f"{slugify(new.title)}.md") if part)
    target = project.docs_dir / src_uri
    if target.exists():
        raise UsageError(
            f"{target.relative_to(project.root)} bestaat al; kies een andere titel (er wordt niets overschreven)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(new), encoding="utf-8")
    section = settings.nav_sections.get(new.type)
    if section:
        text = config_file.read_text(encoding="utf-8")
        config_file.write_text(add_to_nav(text, section, new.title, src_uri), encoding="utf-8")
    return target


def in_nav(mkdocs_text: str, src_uri: str) -> bool:
    """True when the nav of mkdocs.yml already names the page (`- Titel: a.md` or `- a.md`, quoted or not)."""
    names = {re.escape(src_uri), re.escape(_nav_value(src_uri))}
    pattern = re.compile(rf"^\s*-\s*(?:.*:\s*)?[\"']?(?:{'|'.join(names)})[\"']?\s*(?:#.*)?$", re.MULTILINE)
    return bool(pattern.search(mkdocs_text))


def adopt(src_uri: str, title: str, page_type: str, project: Project, config_file: Path) -> bool:
    """Put a page that already exists (made in the web editor) in its nav section, as `create` does for a new one.
    Returns False when it was in the nav already or its type has no section; nothing else is touched."""
    section = project.config.new_page.nav_sections.get(page_type)
    text = config_file.read_text(encoding="utf-8")
    if not section or in_nav(text, src_uri):
        return False
    config_file.write_text(add_to_nav(text, section, title, src_uri), encoding="utf-8")
    return True


def update_codeowners(project: Project, today: dt.date) -> bool:
    """Write CODEOWNERS again from the pages (a new page's owner approves its changes); True when it changed."""
    owners_file = codeowners.path_of(project)
    if owners_file is None or not owners_file.is_file():
        return False
    text = codeowners.render(load_site(project, today))
    if owners_file.read_text(encoding="utf-8") == text:
        return False
    owners_file.write_text(text, encoding="utf-8", newline="\n")
    return True


@dataclass(frozen=True)
class Adopted:
    src_uri: str
    page_type: str
    in_nav: bool  # put in the nav now (False: it was there, or its type has no section)
    codeowners: bool  # CODEOWNERS written again


def adopt_file(path: Path, project: Project, config_file: Path, today: dt.date) -> Adopted:
    """`new --page`: a page file that exists (the web editor wrote it) gets what `new` gives a new page, its nav
    section and its line in CODEOWNERS. A path outside docs_dir, or a page without title or type, is refused."""
    path = path.resolve()
    docs = project.docs_dir.resolve()
    if not path.is_file() or not path.is_relative_to(docs):
        raise UsageError(f"{path} is geen pagina in {project.docs_dir.name}/")
    src_uri = path.relative_to(docs).as_posix()
    page = load_site(project, today).by_src_uri.get(src_uri)
    if page is None or not page.meta.title or page.meta.type not in PAGE_TYPES:
        raise UsageError(
            f"{src_uri}: titel of soort pagina ontbreekt; controleer de pagina met patienthub check"
        )
    added = adopt(src_uri, page.meta.title, page.meta.type, project, config_file)
    return Adopted(src_uri, page.meta.type, added, update_codeowners(project, today))
