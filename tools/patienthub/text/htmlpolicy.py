"""The HTML allowlist: what a published page may contain, judged on the HTML itself.

The HTML is parsed with lexbor (through selectolax), a C implementation of the WHATWG parsing algorithm, so it
is read exactly as a browser reads it: comments that end at `--!>`, `<!-->`, markup inside `<svg><title>`,
elements that break out of foreign content. We chose it over html5lib (pure Python, 30 times slower, last release
2020) and justhtml (pure Python, 10 times slower): it checks every page of a large site in milliseconds.

The tree is walked against the allowlist in data/html-policy.yml (the approach of ammonia/nh3): every element,
attribute and URL scheme not named there is a violation. Pure: HTML in, violations out; the checks and the
build's adapter turn them into findings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from patienthub.core import packagedata

# Appended after the fragment: if the parser never reaches it, something in the page (an unclosed comment,
# <textarea>, <title>, <plaintext>) swallows everything after it, on the site the rest of the page.
_SENTINEL_ID = "patienthub-end-of-content"
_SENTINEL = f'<b id="{_SENTINEL_ID}"></b>'
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What a browser strips or ignores before it reads a scheme: `java\tscript:` and ` javascript:` both run.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Policy:
    html_elements: frozenset[str]
    svg_elements: frozenset[str]
    svg_text_only: frozenset[str]
    script: frozenset[str]
    forbidden: frozenset[str]
    form: frozenset[str]
    embeds: frozenset[str]
    global_attributes: frozenset[str]
    svg_presentation_attributes: frozenset[str]
    text_only_attributes: frozenset[str]
    attribute_prefixes: tuple[str, ...]
    refused_attribute_prefixes: tuple[str, ...]
    reserved_id_prefixes: tuple[str, ...]
    attributes: dict[str, frozenset[str]]
    styles: frozenset[str]
    url_attributes: frozenset[str]
    schemes: frozenset[str]
    data_image_types: frozenset[str]
    loads: frozenset[str]
    local_only: frozenset[str]
    generated_extra_elements: frozenset[str] = frozenset()
    markdown_extensions: frozenset[str] = frozenset()  # names mkdocs.yml may list
    # Suffix of a publishable file -> the signatures it may start with (empty: no signature, e.g. SVG).
    files: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    allowed_embeds: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any], allowed_embeds: Sequence[str] = ()) -> Policy:
        def names(key: str) -> frozenset[str]:
            return frozenset(str(n).lower() for n in data.get(key, ()))

        return cls(
            html_elements=names("html_elements"),
            svg_elements=names("svg_elements"),
            svg_text_only=names("svg_text_only"),
            script=names("script"),
            forbidden=names("forbidden"),
            form=names("form"),
            embeds=names("embeds"),
            global_attributes=names("global_attributes"),
            svg_presentation_attributes=names("svg_presentation_attributes"),
            text_only_attributes=names("text_only_attributes"),
            attribute_prefixes=tuple(data.get("attribute_prefixes", ())),
            refused_attribute_prefixes=tuple(data.get("refused_attribute_prefixes", ())),
            reserved_id_prefixes=tuple(data.get("reserved_id_prefixes", ())),
            attributes={
                str(k).lower(): frozenset(str(a).lower() for a in v) for k, v in data["attributes"].items()
            },
            styles=frozenset(data.get("styles", ())),
            url_attributes=names("url_attributes"),
            schemes=names("schemes"),
            data_image_types=names("data_image_types"),
            loads=names("loads"),
            local_only=names("local_only"),
            generated_extra_elements=names("generated_extra_elements"),
            markdown_extensions=names("markdown_extensions"),
            files={
                suffix: tuple(re.compile(signature, re.S) for signature in signatures)
                for suffix, signatures in data.get("files", {}).items()
            },
            allowed_embeds=tuple(allowed_embeds),
        )

    def with_embeds(self, allowed_embeds: Sequence[str]) -> Policy:
        return replace(self, allowed_embeds=tuple(allowed_embeds))

    def has_signature(self, suffix: str, data: bytes) -> bool:
        """Whether a file's first bytes are what its suffix says (True for a type without a signature)."""
        signatures = self.files.get(suffix, ())
        head = data[:32].decode("latin-1")
        return not signatures or any(signature.match(head) for signature in signatures)

    def for_generated(self) -> Policy:
        """The policy for pages patienthub writes itself: a few more elements, the same attribute rules."""
        elements = self.html_elements | self.generated_extra_elements
        return replace(self, html_elements=elements, forbidden=self.forbidden - elements)


@cache
def default_policy() -> Policy:
    """The policy of data/html-policy.yml. It ships with the code: tests/test_htmlpolicy.py validates it
    against schemas/html-policy.schema.json, so a start-up need not load jsonschema to do it again."""
    return Policy.from_data(packagedata.yaml_file("html-policy.yml"))


@dataclass(frozen=True)
class Violation:
    """One thing the policy refuses. `kind` names the rule (html.<kind>); `needles` are texts to find the
    source line by (most specific first); `snippet` shows the element as the browser reads it."""

    kind: str
    element: str
    attribute: str | None
    value: str | None
    snippet: str
    needles: tuple[str, ...]


def scheme(url: str) -> str | None:
    """The scheme of a URL as the browser reads it (control characters and spaces ignored), lower case."""
    found = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return found.group(1).lower() if found else None


def _is_external(url: str) -> bool:
    cleaned = _IGNORED_IN_URL.sub("", url).replace("\\", "/")
    return scheme(url) in ("http", "https") or cleaned.startswith("//")


def _start_tag(tag: str, attrs: dict[str, str | None]) -> str:
    parts = [tag] + [k if v is None else f'{k}="{v}"' for k, v in attrs.items()]
    text = "<" + " ".join(parts) + ">"
    return text if len(text) <= 100 else text[:99] + "…>"


def _urls(name: str, value: str) -> list[str]:
    if name != "srcset":
        return [value]
    return [candidate.strip().split(" ")[0] for candidate in value.split(",") if candidate.strip()]


# A CSS reference to anything but an element of the same document (`url(#pattern)` is fine).
_OUTSIDE_REFERENCE = re.compile(r"(?i)url\s*\(\s*(?!['\"]?\s*#)")

# A line inside a paragraph that starts like a list item: Python-Markdown needs a blank line before a list.
_LIST_MARKER_LINE = re.compile(r"\n[ \t]*(?:[-*+]|[0-9]+[.)])[ \t]+\S[^\n]*")


class _Walker:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.found: list[Violation] = []
        self.h1s: list[str] = []
        self.glued_lists: list[str] = []

    def add(self, kind: str, tag: str, attrs: dict[str, str | None], attribute: str | None = None) -> None:
        # Texts to find the source line by, most specific first: the offending value, the attribute, the
        # element's other values, the tag.
        needles: list[str] = []
        value = attrs.get(attribute) if attribute else None
        if attribute and value:
            needles.append(value)
        if attribute:
            needles.append(attribute)
        needles.extend(sorted((v for v in attrs.values() if v and len(v) > 3), key=len, reverse=True))
        needles.append(f"<{tag}")
        self.found.append(Violation(kind, tag, attribute, value, _start_tag(tag, attrs), tuple(needles)))

    def walk(self, node: Any, in_svg: bool = False, text_only: bool = False, inside: str = "") -> None:
        child = node.child
        while child is not None:
            if child.is_element_node:
                self.element(child, in_svg, text_only, inside)
            child = child.next

    def element(self, node: Any, in_svg: bool, text_only: bool, inside: str) -> None:
        """`inside`: the kind of a refused ancestor; the same kind below it (an <input> in a <form>) is one
        problem, reported once."""
        policy = self.policy
        tag = (node.tag or "").lower()
        attrs = {str(k): v for k, v in (node.attributes or {}).items()}
        if tag == "b" and attrs.get("id") == _SENTINEL_ID:
            return
        if tag == "h1" and not in_svg:
            self.h1s.append(node.text(deep=True, separator="").strip())
        if tag == "p" and not in_svg:
            glued = _LIST_MARKER_LINE.search(node.text(deep=True, separator=""))
            if glued:
                self.glued_lists.append(glued.group().strip())
        if text_only:
            kind = "element-not-allowed"
        elif tag in policy.script:
            kind = "script"
        elif tag in policy.embeds:
            if not self._embed_allowed(tag, attrs):
                culprit = "srcdoc" if "srcdoc" in attrs else "data" if tag == "object" else "src"
                self.add("embed", tag, attrs, culprit if culprit in attrs else None)
                kind = "embed"
            else:
                kind = ""
        elif tag in policy.form:
            kind = "form"
        elif tag in policy.svg_elements if in_svg else tag in policy.html_elements:
            kind = ""
        elif tag in policy.forbidden:
            kind = "forbidden-element"
        else:
            kind = "element-not-allowed"
        if kind and kind != inside and kind != "embed":
            self.add(kind, tag, attrs)
        elif not kind:
            self.attributes(tag, attrs, in_svg or tag == "svg")
        if tag == "svg":
            in_svg = True
        self.walk(node, in_svg, text_only or (in_svg and tag in policy.svg_text_only), kind or inside)

    def _embed_allowed(self, tag: str, attrs: dict[str, str | None]) -> bool:
        url = attrs.get("data") if tag == "object" else attrs.get("src")
        if tag != "iframe" or not url or "srcdoc" in attrs or ".." in url:
            return False
        return any(url.startswith(prefix) for prefix in self.policy.allowed_embeds)

    def attributes(self, tag: str, attrs: dict[str, str | None], in_svg: bool) -> None:
        policy = self.policy
        allowed = policy.attributes.get(tag, frozenset())
        for raw_name, value in attrs.items():
            name = raw_name.lower()
            if name.startswith("on"):
                self.add("event-handler", tag, attrs, raw_name)
                continue
            if name == "style":
                if tag in ("td", "th") and (value or "").strip() in policy.styles:
                    continue
                self.add("inline-style", tag, attrs, raw_name)
                continue
            known = (
                name in policy.global_attributes
                or name in allowed
                or (in_svg and name in policy.svg_presentation_attributes)
                or (
                    name.startswith(policy.attribute_prefixes)
                    and not name.startswith(policy.refused_attribute_prefixes)
                )
            )
            if not known:
                self.add("attribute-not-allowed", tag, attrs, raw_name)
                continue
            if name == "id" and (value or "").startswith(policy.reserved_id_prefixes):
                self.add("attribute-not-allowed", tag, attrs, raw_name)
                continue
            if name in policy.text_only_attributes and "<" in (value or ""):
                # The theme shows a title as a tooltip by writing it into the page as HTML (content.tooltips):
                # markup in it, even written as &lt;, becomes elements on hover or keyboard focus.
                self.add("attribute-not-allowed", tag, attrs, raw_name)
                continue
            if _OUTSIDE_REFERENCE.search(value or ""):
                self.add("unsafe-url", tag, attrs, raw_name)  # fill="url(https://…)" loads from elsewhere
                continue
            if name in policy.url_attributes and value:
                self.url(tag, attrs, raw_name, value)

    def url(self, tag: str, attrs: dict[str, str | None], name: str, value: str) -> None:
        policy = self.policy
        for url in _urls(name.lower(), value):
            found = scheme(url)
            if tag in policy.local_only:
                if not url.startswith("#"):
                    self.add("unsafe-url", tag, attrs, name)
                return
            if found == "data":
                media = _IGNORED_IN_URL.sub("", url)[5:].split(";")[0].split(",")[0].lower()
                if not (
                    tag == "img" and name.lower() in ("src", "srcset") and media in policy.data_image_types
                ):
                    self.add("unsafe-url", tag, attrs, name)
                    return
            elif found is not None and found not in policy.schemes:
                self.add("unsafe-url", tag, attrs, name)
                return
            if tag in policy.loads and _is_external(url):
                self.add("external-resource", tag, attrs, name)
                return


@dataclass(frozen=True)
class Inspection:
    violations: tuple[Violation, ...]
    h1s: tuple[str, ...]  # the text of every level-1 heading, in order
    swallowed: bool  # something in the HTML swallows everything after it
    # The first list-like line of each paragraph that holds one: a list written right under a paragraph,
    # which the site shows as one paragraph with dashes in it.
    glued_lists: tuple[str, ...] = ()


_NOSCRIPT_TAG = re.compile(r"(?i)<(/?)noscript\b")


def as_with_scripting(html: str) -> str | None:
    """`html` as a browser with JavaScript on reads it, when that differs: lexbor parses <noscript> content as
    markup (scripting off), a browser as raw text up to `</noscript>`, so `<p title="</noscript><meta …>">` is an
    attribute to one and a <meta> to the other. <xmp> is raw text in both; None when there is no <noscript>."""
    if not _NOSCRIPT_TAG.search(html):
        return None
    return _NOSCRIPT_TAG.sub(lambda m: f"<{m.group(1)}xmp", html)


def inspect(html: str, policy: Policy | None = None) -> Inspection:
    """Parse `html` as the content of a page (inside <body>) and walk it against the policy: as lexbor reads it,
    and also as a browser with JavaScript on reads it where <noscript> makes the two differ."""
    from selectolax.lexbor import LexborHTMLParser

    walker = _Walker(policy or default_policy())
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{html}{_SENTINEL}</body></html>")
    head, body = tree.head, tree.body
    # The parser moves some start tags (<meta>, <base>, <link>, <style>, <title> before any text) into <head>.
    for part in (head, body):
        if part is not None:
            walker.walk(part)
    swallowed = body is None or body.css_first(f"b#{_SENTINEL_ID}") is None
    scripted = as_with_scripting(html)
    if scripted is not None:
        other = inspect(scripted, walker.policy)
        known = set(walker.found)
        walker.found.extend(v for v in other.violations if v not in known and v.element != "xmp")
    return Inspection(tuple(walker.found), tuple(walker.h1s), swallowed, tuple(walker.glued_lists))


@dataclass(frozen=True)
class FileViolation:
    violation: Violation
    line: int | None


def inspect_svg(data: bytes, policy: Policy | None = None) -> list[FileViolation]:
    """An SVG file as XML, against the SVG part of the policy. A document type (entities: billion laughs,
    external files) and processing instructions (<?xml-stylesheet?>) are refused outright."""
    from xml.parsers import expat

    policy = policy or default_policy()
    walker = _Walker(policy)
    parser = expat.ParserCreate()
    found: list[FileViolation] = []
    depth_text_only: list[bool] = []

    def record(kind: str, tag: str, attrs: dict[str, str | None], attribute: str | None = None) -> None:
        walker.found.clear()
        walker.add(kind, tag, attrs, attribute)
        found.extend(FileViolation(v, parser.CurrentLineNumber) for v in walker.found)

    def start(name: str, attributes: dict[str, str]) -> None:
        tag = name.rsplit(":", 1)[-1].lower()
        attrs: dict[str, str | None] = dict(attributes)
        text_only = bool(depth_text_only) and depth_text_only[-1]
        depth_text_only.append(text_only or tag in policy.svg_text_only)
        if tag in policy.script:
            record("script", tag, attrs)
        elif text_only or tag not in policy.svg_elements | {"svg"}:
            record("element-not-allowed", tag, attrs)
        else:
            walker.found.clear()
            walker.attributes(tag, attrs, in_svg=True)
            found.extend(FileViolation(v, parser.CurrentLineNumber) for v in walker.found)

    def end(name: str) -> None:
        depth_text_only.pop()

    def doctype(*_: object) -> None:
        record("element-not-allowed", "!doctype", {})

    def instruction(target: str, data: str) -> None:
        record("element-not-allowed", f"?{target}", {})

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        broken = Violation("unparsable", "svg", None, None, str(exc), ())
        found.append(FileViolation(broken, exc.lineno))
    return found


_DATA_BLOCK_TYPES = frozenset({"application/ld+json", "application/json"})
_EXECUTABLE_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def inspect_document(html: str, policy: Policy | None = None) -> list[str]:
    """What is wrong with a whole published page (theme and templates included), in Dutch, for the build's
    last line of defence: the Content-Security-Policy is the first element after the charset; no element
    redirects (<meta http-equiv=refresh>, <base>); no event handler, unsafe URL, outside `url()` or markup in a
    title anywhere; every inline script is allowed by its hash in that policy (a data block such as JSON-LD
    runs nothing)."""
    from selectolax.lexbor import LexborHTMLParser

    policy = policy or default_policy()
    problems = _document_problems(LexborHTMLParser(html), policy)
    scripted = as_with_scripting(html)
    if scripted is not None:  # as a browser with JavaScript on reads it
        problems += _document_problems(LexborHTMLParser(scripted), policy)
    return list(dict.fromkeys(problems))


def _document_problems(tree: Any, policy: Policy) -> list[str]:
    import base64
    import hashlib

    problems: list[str] = []
    head = tree.head
    first = [n for n in (head.iter() if head is not None else ()) if n.is_element_node][:2]
    csp = ""
    if (
        len(first) == 2
        and first[0].tag == "meta"
        and "charset" in (first[0].attributes or {})
        and (first[1].attributes or {}).get("http-equiv", "").lower() == "content-security-policy"
    ):
        csp = (first[1].attributes or {}).get("content") or ""
    else:
        problems.append("de Content-Security-Policy is niet het eerste element na de tekenset")
    allowed_hashes = set(re.findall(r"'(sha256-[A-Za-z0-9+/=]+)'", csp))
    root = tree.root
    for node in root.traverse(include_text=False) if root is not None else ():
        tag = (node.tag or "").lower()
        attrs = {str(k).lower(): v or "" for k, v in (node.attributes or {}).items()}
        if tag == "meta" and attrs.get("http-equiv", "").strip().lower() == "refresh":
            problems.append("een <meta http-equiv=refresh> stuurt de lezer door")
        elif tag == "base":
            problems.append("een <base> verandert waar elke link heen gaat")
        elif tag == "script" and "src" not in attrs:
            kind = attrs.get("type", "").strip().lower()
            if kind in _DATA_BLOCK_TYPES:
                pass
            elif kind in _EXECUTABLE_SCRIPT_TYPES or kind:
                digest = hashlib.sha256((node.text(deep=True) or "").encode("utf-8")).digest()
                if "sha256-" + base64.b64encode(digest).decode("ascii") not in allowed_hashes:
                    problems.append("een inline <script> staat niet in de Content-Security-Policy")
        elif tag == "script" and (scheme(attrs["src"]) is not None or _is_external(attrs["src"])):
            problems.append(f"een <script> van een andere plaats ({attrs['src'][:60]})")
        for name, value in attrs.items():
            if name in policy.text_only_attributes and "<" in value:
                problems.append(f"<{tag}> heeft een titel met '<': de tooltip van de site maakt er HTML van")
            if _OUTSIDE_REFERENCE.search(value) and name != "content":
                problems.append(f"<{tag} {name}=> laadt iets met url() van buiten de pagina")
            if name.startswith("on"):
                problems.append(f"<{tag}> heeft het attribuut {name}=")
            elif name in policy.url_attributes or name in ("action", "formaction", "data"):
                found = scheme(value)
                if found in ("javascript", "vbscript") or (found == "data" and tag != "img"):
                    problems.append(f"<{tag} {name}=> gaat naar een '{found}:'-adres")
    return problems
