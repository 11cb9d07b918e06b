"""A content-hash cache of the per-page work of a run, like black's, in `.patienthub-cache/` (git-ignored).

Every entry is stored under the SHA-256 of everything it depends on:
- a loaded page (front matter parsed and validated): the file's bytes and its place (path, src_uri, URL);
- a page's page-level results (the findings and metrics of each check): the page's text and place, plus the
  run's context: the resolved settings (mkdocs.yml → Project), the date of the run, and every input file the
  checks read (all of data_dir: termbase, advice, key messages, registries, outcome data; the URL manifest; the
  CODEOWNERS file);
- the results of a check that reads other pages and says which (`Check.depends_on`, the links check): as above,
  plus the text of every page and the presence of every file the page points at. A reference to no page or
  file (a generated output) depends on the whole site: such a page is checked again every time, as is every
  page for a cross-page check that does not say what it reads;
- the data files as loaded (termbase, advice, outcome data, registries): the context alone;
- a site-wide check that reads only the model (`Check.site_cached`): the context and every page;
- the build's per-page work (transforms, what a page shows about itself, the verdict on a finished page).
The file also keeps the memo tables of memo.py (word frequencies, syllables). What only a build reads (its
per-page work, the QR codes) is a second file, `….build.pickle`, read and written by builds only: an editor's
`check` loads and writes just what checks need. Both are named after patienthub's own code (every file of the
package), Python and the versions of the packages patienthub depends on: changed code starts a new, empty cache.

Results of a check that crashed are not stored. A missing, old or broken cache file is an empty cache, never an
error.

The file starts with an HMAC of its contents under a key that this user keeps outside the repository
(`$XDG_CACHE_HOME/patienthub/cache-key`). A cache file that arrives with the repository (force-added in a pull
request, copied from another machine) does not carry it and is ignored: unpickling it could run code, and its
entries could claim that a page has no findings.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import importlib.metadata
import os
import pickle
import re
import secrets
import sys
import tempfile
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from patienthub.core import memo
from patienthub.domain.model import Page, Site
from patienthub.load.files import publisher

if TYPE_CHECKING:
    from patienthub.checks.base import Check
    from patienthub.core.findings import Finding
    from patienthub.load.config import Project

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the whole package: code and its data
FORMAT = 2  # of the cache file; part of its name
# A run keeps the entries it used; older ones stay while the file holds fewer than this many per page.
KEEP_FACTOR = 4

T = TypeVar("T")
ABSENT = "absent"  # the state of a path that is neither a page nor a published file
# One check's work on one page: its findings and its metrics.
PageWork = tuple[tuple[Any, ...], dict[str, Any]]


def digest(*parts: str | bytes) -> str:
    return digest_of(parts)


def digest_of(parts: Iterable[str | bytes]) -> str:
    """The digest of `parts` as they come (a generator keeps only one part in memory)."""
    sha = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        sha.update(len(data).to_bytes(8, "little"))  # length-prefixed: ("ab", "c") is not ("a", "bc")
        sha.update(data)
    return sha.hexdigest()


def code_fingerprint() -> str:
    """patienthub's code and packaged data, Python's version and the versions of patienthub's dependencies."""
    parts: list[str | bytes] = [str(FORMAT), sys.version]
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(PACKAGE_DIR).as_posix(), path.read_bytes()]
    try:
        requirements = importlib.metadata.requires("patienthub") or []
    except importlib.metadata.PackageNotFoundError:
        requirements = []
    for requirement in sorted(requirements):
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        if name is None:
            continue
        try:
            parts += [name.group(), importlib.metadata.version(name.group())]
        except importlib.metadata.PackageNotFoundError:
            parts += [name.group(), "-"]
    return digest(*parts)[:16]


def machine_key() -> bytes | None:
    """This user's secret for signing cache files, made on first use; None when there is no place to keep it
    (then nothing is cached)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    try:
        # A relative XDG_CACHE_HOME is ignored (as the XDG spec says): it could put the key inside the
        # repository, where a pull request could supply both the key and a cache file signed with it.
        base = Path(configured) if Path(configured).is_absolute() else Path.home() / ".cache"
    except RuntimeError:  # no home folder
        return None
    folder = base / "patienthub"
    key_file = folder / "cache-key"
    with contextlib.suppress(OSError):
        key = key_file.read_bytes()
        if len(key) == 32:
            return key
    key = secrets.token_bytes(32)
    temporary = folder / f"cache-key.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary.unlink(missing_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key)
        # Two first runs at once: the last key wins; the other run's cache file is then simply not trusted.
        os.replace(temporary, key_file)
    except OSError:
        return None
    return key


def sign(key: bytes, payload: bytes) -> bytes:
    return hmac.new(key, payload, hashlib.sha256).digest()


def input_files(project: Project) -> list[Path]:
    """Every file besides the pages that a page-level check may read."""
    config = project.config
    found = {p for p in project.data_dir.rglob("*") if p.is_file()} if project.data_dir.is_dir() else set()
    named = [project.root / config.hub.manifest]
    if config.review.codeowners_file:
        named.append(project.root / config.review.codeowners_file)
    if config.web_editor.config_file:
        named.append(project.root / config.web_editor.config_file)
    for name in (config.terminology.termbase, config.advice.rules, config.advice.key_messages):
        if name:
            named.append(project.data_dir / name)
    found.update(p for p in named if p.is_file())
    return sorted(found)


def context_fingerprint(project: Project, today: str) -> str:
    """What a page's results depend on besides the page itself. Not where the site is written: `mkdocs build -d
    DIR` after `patienthub check` judges the same pages."""
    parts: list[str | bytes] = [repr(dataclasses.replace(project, site_dir=project.root)), today]
    for path in input_files(project):
        with contextlib.suppress(OSError):  # unreadable now: the loader reports it; a changed key is enough
            parts += [path.as_posix(), path.read_bytes()]
    return digest(*parts)


def _content(page: Page) -> str:
    """What a page's results depend on in the page: its text, and for a page that could not be read (a symbolic
    link, a binary file, one over the size limit: all without text) why not, or one would get another's findings."""
    if not page.problems:
        return page.text
    return "\x00".join((page.text, *(f"{f.rule}|{f.line}|{f.message}" for f in page.problems)))


def _check_signature(checks: Sequence[Check]) -> str:
    return digest(
        *(
            f"{check.name}|{_name(check.page)}|{_name(check.metrics)}|{check.cross_page}|{_name(check.depends_on)}"
            for check in checks
        )
    )


def _name(function: Callable[..., Any] | None) -> str:
    return f"{function.__module__}.{function.__qualname__}" if function is not None else "-"


class Cache:
    """The cache of one project folder. Read once when opened, written by `save()` when something was added."""

    def __init__(self, folder: Path, build: bool = False) -> None:
        self.folder = folder
        self._prefix = f"v{FORMAT}-{code_fingerprint()}."
        self.file = folder / f"{self._prefix}pickle"
        # The build's own work (transforms, page views, verdicts on finished pages, QR codes) is a file of its
        # own, read only by a build: an editor's `check` does not load and write it on every run.
        self.build_file = folder / f"{self._prefix}build.pickle" if build else None
        self._secret = machine_key()
        self._pages: dict[str, tuple[Any, ...]] = {}
        self._results: dict[str, tuple[PageWork | None, ...]] = {}
        self._derived: dict[str, Any] = {}
        self._built: dict[str, Any] = {}
        self._used: set[str] = set()
        self._added = False
        self._added_build = False
        self._memo_size = memo.size()
        self._memo_build_size = memo.size(build=True)
        self._contexts: weakref.WeakKeyDictionary[Site, str] = weakref.WeakKeyDictionary()
        self._signatures: dict[int, tuple[Sequence[Check], str]] = {}
        self._states: weakref.WeakKeyDictionary[Site, dict[str, str]] = weakref.WeakKeyDictionary()
        self._site_digests: weakref.WeakKeyDictionary[Site, str] = weakref.WeakKeyDictionary()
        self._publishers: weakref.WeakKeyDictionary[Site, Callable[[str], bool]] = weakref.WeakKeyDictionary()
        self._read()

    @property
    def secret(self) -> bytes | None:
        """The key this cache signs its files with (None: nothing is cached), for other signed stores."""
        return self._secret

    @classmethod
    def for_project(cls, project: Project, build: bool = False) -> Cache | None:
        """The project's cache, or None when the configuration switches it off (cache_dir: null). A `build`
        reads and writes the build's part too."""
        if not project.config.cache_dir:
            return None
        return cls(project.root / project.config.cache_dir, build)

    def _read(self) -> None:
        parts = self._read_file(self.file, ("pages", "results", "derived", "memo"))
        if parts:
            self._pages, self._results, self._derived, memos = parts
            memo.restore(memos)
        built = self._read_file(self.build_file, ("built", "memo")) if self.build_file else None
        if built:
            self._built, memos = built
            memo.restore(memos)
        self._memo_size = memo.size()
        self._memo_build_size = memo.size(build=True)

    def _read_file(self, path: Path, names: tuple[str, ...]) -> tuple[dict[str, Any], ...] | None:
        try:
            data = path.read_bytes() if self._secret is not None else b""
            mac, payload = data[:32], data[32:]
            if self._secret is not None and payload and hmac.compare_digest(mac, sign(self._secret, payload)):
                stored = pickle.loads(payload)  # written by this user: see the module docstring
                parts = tuple(stored[name] for name in names)
                return parts if all(isinstance(part, dict) for part in parts) else None
        except Exception:  # missing, truncated, from another version: start empty
            pass
        return None

    # --- loaded pages -----------------------------------------------------------------------------------

    def page(self, path: str, src_uri: str, url: str, raw: bytes, load: Callable[[], Page]) -> Page:
        """The page loaded from `raw`, from the cache when these bytes were loaded at this place before."""
        key = digest("page", path, src_uri, url, raw)
        self._used.add(key)
        stored = self._pages.get(key)
        if stored is not None:
            return Page(*stored)
        page = load()
        self._pages[key] = tuple(getattr(page, f.name) for f in fields(Page))
        self._added = True
        return page

    # --- the data files, read and validated -----------------------------------------------------------------

    def data(self, project: Project, load: Callable[[], T]) -> T:
        """`load()`, a pure function of the project and its data files (termbase, advice, outcomes, registries):
        read, validated and compiled once for as long as none of those files changes."""
        key = digest("data", context_fingerprint(project, ""))
        self._used.add(key)
        if key in self._derived:
            return self._derived[key]
        value = load()
        try:
            pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except Exception:  # what cannot be stored is loaded again next time; saving must never fail on it
            return value
        self._derived[key] = value
        self._added = True
        return value

    # --- page-level results -----------------------------------------------------------------------------

    def _context(self, site: Site) -> str:
        context = self._contexts.get(site)
        if context is None:
            context = self._contexts[site] = context_fingerprint(site.project, site.today.isoformat())
        return context

    def _key(self, site: Site, page: Page, checks: Sequence[Check]) -> str:
        signature = self._signatures.get(id(checks))
        if signature is None or signature[0] is not checks:
            signature = self._signatures[id(checks)] = (checks, _check_signature(checks))
        context = self._context(site)
        return digest("results", context, signature[1], page.path, page.src_uri, page.url, _content(page))

    def results(self, site: Site, page: Page, checks: Sequence[Check]) -> tuple[PageWork | None, ...] | None:
        """Per check, the stored findings and metrics of `page` (None for a check that is never stored)."""
        key = self._key(site, page, checks)
        self._used.add(key)
        return self._results.get(key)

    def store(self, site: Site, page: Page, checks: Sequence[Check], work: Iterable[PageWork | None]) -> None:
        key = self._key(site, page, checks)
        self._used.add(key)
        self._results[key] = tuple(work)
        self._added = True

    # --- other per-page work (the build's transforms, what a page shows about itself) ---------------------

    def derived(
        self, site: Site, page: Page, what: str, extra: str, compute: Callable[[], T], build: bool = False
    ) -> T:
        """`compute()`, a pure function of the page, the run's context and `extra`, stored under them all.
        `what` names the work and the functions that do it (see transforms.apply). Work only a build does
        (`build`) goes in the build's part; a cache opened without it computes such work and does not keep it."""
        key = digest(
            "derived", what, self._context(site), page.path, page.src_uri, page.url, _content(page), extra
        )
        if build and self.build_file is None:
            return compute()
        self._used.add(key)
        stored = self._built if build else self._derived
        if key in stored:
            return stored[key]
        value = stored[key] = compute()
        if build:
            self._added_build = True
        else:
            self._added = True
        return value

    def build_key(self, site: Site, what: str, parts: Iterable[str | bytes]) -> str:
        """The key of a build's work that is no function of one core page (MkDocs' rendering of any page, a
        generated one too): `what` names it, `parts` are all it depends on besides the run's context."""
        return digest_of(("built", what, self._context(site), *parts))

    def built(self, key: str) -> Any | None:
        """What keep_built stored under `key` in an earlier build, or None. Nothing for a cache without the build's
        part (`patienthub check`)."""
        if self.build_file is None:
            return None
        self._used.add(key)
        return self._built.get(key)

    def keep_built(self, key: str, value: Any) -> None:
        if self.build_file is None:
            return
        self._used.add(key)
        self._built[key] = value
        self._added_build = True

    # --- site-wide checks that read only the model (Check.site_cached) ------------------------------------

    def site_findings(self, site: Site, check: Check, compute: Callable[[], list[Finding]]) -> list[Finding]:
        """A site-wide check's findings, stored under the context and every page: a run in which nothing changed
        does not render the generated pages or read the data files' values again."""
        key = digest("site", _check_signature((check,)), self._context(site), self._site_pages(site))
        self._used.add(key)
        if key in self._derived:
            return list(self._derived[key])
        found = compute()
        if not any(f.rule == f"{check.name}.internal-error" for f in found):
            self._derived[key] = tuple(found)
            self._added = True
        return found

    def _site_pages(self, site: Site) -> str:
        pages = self._site_digests.get(site)
        if pages is None:
            pages = self._site_digests[site] = digest(*(part for p in site.pages for part in self._place(p)))
        return pages

    # --- checks that read other pages and say which (Check.depends_on) ---------------------------------------

    def dependent(
        self, site: Site, page: Page, check: Check, compute: Callable[[], tuple[PageWork, bool]]
    ) -> PageWork:
        """A cross-page check's work on `page`, stored under the page, the context and the state of every file
        it points at (a page's text, a file's presence). Done afresh when a reference reaches no page or file:
        that is a generated output (or nothing), which depends on the whole site."""
        states = []
        for group in self.dependencies(site, page, check):
            found = [f"{uri}={self._state(site, uri)}" for uri in group]
            if all(state.endswith(f"={ABSENT}") for state in found):
                return compute()[0]
            states.append("|".join(found))
        signature = _check_signature((check,))
        key = digest("dependent", signature, self._context(site), *self._place(page), *sorted(states))
        self._used.add(key)
        if key in self._derived:
            return self._derived[key]
        work, crashed = compute()
        if not crashed:
            self._derived[key] = work
            self._added = True
        return work

    def dependencies(self, site: Site, page: Page, check: Check) -> tuple[tuple[str, ...], ...]:
        """check.depends_on(page), itself stored (it reads the page alone)."""
        assert check.depends_on is not None
        depends_on = check.depends_on
        return self.derived(
            site, page, f"depends_on:{_name(depends_on)}", "", lambda: tuple(depends_on(page))
        )

    def is_absent(self, site: Site, uri: str) -> bool:
        return self._state(site, uri) == ABSENT

    def _state(self, site: Site, uri: str) -> str:

        known = self._states.get(site)
        if known is None:
            known = self._states[site] = {}
            self._publishers[site] = publisher(site.project)
        if uri not in known:
            target = site.by_src_uri.get(uri)
            if target is not None:
                known[uri] = "page:" + digest(target.text)
            else:
                known[uri] = "file" if self._publishers[site](uri) else ABSENT
        return known[uri]

    @staticmethod
    def _place(page: Page) -> tuple[str, str, str, str]:
        return page.path, page.src_uri, page.url, _content(page)

    # --- writing ----------------------------------------------------------------------------------------

    def save(self) -> None:
        """Write each part of the cache this run added to. Entries this run did not use are dropped once a part
        holds many more than the run needed (pages that were renamed, edited or deleted)."""
        if self._secret is None:
            return
        limit = KEEP_FACTOR * max(len(self._used), 1)
        if self._added or memo.size() != self._memo_size:
            if len(self._pages) + len(self._results) + len(self._derived) > limit:
                self._pages = {k: v for k, v in self._pages.items() if k in self._used}
                self._results = {k: v for k, v in self._results.items() if k in self._used}
                self._derived = {k: v for k, v in self._derived.items() if k in self._used}
            stored = {
                "pages": self._pages,
                "results": self._results,
                "derived": self._derived,
                "memo": memo.snapshot(),
            }
            if self._write(self.file, stored):
                self._added = False
                self._memo_size = memo.size()
        if self.build_file is not None and (
            self._added_build or memo.size(build=True) != self._memo_build_size
        ):
            if len(self._built) > limit:
                self._built = {k: v for k, v in self._built.items() if k in self._used}
            if self._write(self.build_file, {"built": self._built, "memo": memo.snapshot(build=True)}):
                self._added_build = False
                self._memo_build_size = memo.size(build=True)

    def _write(self, path: Path, stored: dict[str, Any]) -> bool:
        assert self._secret is not None
        if self.folder.is_symlink():
            # A link in the checkout (a pull request can add one) would make this write and delete files wherever
            # it points: no cache then.
            return False
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._mark_folder()
            for old in self.folder.glob("*.pickle"):
                if not old.name.startswith(self._prefix):
                    old.unlink(missing_ok=True)  # another version of patienthub wrote it: useless now
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as handle:
                temporary = Path(handle.name)
                payload = pickle.dumps(stored, pickle.HIGHEST_PROTOCOL)
                handle.write(sign(self._secret, payload) + payload)
            os.replace(temporary, path)  # atomic: a build running at the same time reads old or new
        except OSError:
            with contextlib.suppress(NameError, OSError):
                temporary.unlink(missing_ok=True)
            return False  # e.g. a read-only checkout: the run's outcome never depends on the cache
        return True

    def _mark_folder(self) -> None:
        """Never committed, and skipped by backup tools (the CACHEDIR.TAG convention)."""
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Gemaakt door patienthub: niet in git.\n*\n", encoding="utf-8")
        tag = self.folder / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# De cache van patienthub check.\n",
                encoding="utf-8",
            )
