"""The MkDocs adapter: wires MkDocs events to the core. No rule is implemented here.

During `mkdocs build` it runs the same checks as `patienthub check`; every error-level finding is logged as a
WARNING, so `mkdocs build --strict` fails on exactly what makes the CLI exit 1.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from patienthub import publish
from patienthub.adapters.engines import REPORTED_VARIABLE
from patienthub.adapters.render_memo import RenderMemo, reusable
from patienthub.build import csp, generators, jsonld, share, transforms, web_editor
from patienthub.build.present import page_view
from patienthub.checks import files as files_check
from patienthub.checks import html as html_check
from patienthub.core import compact, dates
from patienthub.core.errors import ConfigError
from patienthub.core.findings import Finding, Severity
from patienthub.domain.model import Site
from patienthub.domain.result import Result
from patienthub.engine import runner as engine
from patienthub.load import loader, symlinks
from patienthub.load.cache import Cache
from patienthub.load.config import Config, project_from_mkdocs
from patienthub.publish import afterbuild, precompress
from patienthub.publish.stored_index import StoredIndex
from patienthub.reports import editor_panel, guide
from patienthub.reports.formats import summary_line, text_line
from patienthub.text import htmlpolicy

log = get_plugin_logger(__name__)

# The last full build's search index, in the cache folder (publish/stored_index.py).
STORED_INDEX_DIR = "search-index"

# What a patient sees instead of a page whose published HTML the policy refuses (only in a build that is not
# strict: a strict build stops on the same findings).
WITHHELD_CONTENT = (
    '<p class="ph-withheld">Deze pagina is nu niet beschikbaar. Heeft u vragen over uw klachten? '
    "Bel dan uw huisarts.</p>"
)
WITHHELD_DOCUMENT = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    "<title>Niet beschikbaar</title></head><body>" + WITHHELD_CONTENT + "</body></html>"
)


def build_date() -> dt.date:
    try:
        return dates.run_date()
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


class PatientHubPlugin(BasePlugin):
    def __init__(self) -> None:
        self.serving = False  # True under `mkdocs serve`: then every page shows the writer's panel
        self.options: Config | None = None
        self.site: Site | None = None
        self.result: Result | None = None
        self.cache: Cache | None = None  # the same content-hash cache as `patienthub check`
        self._nav_files: tuple[Any, frozenset[str]] = (None, frozenset())  # a nav and its pages' src_uris
        self._compressor: precompress.Compressor | None = None  # .gz/.br copies made while pages are written
        self._qr_codes: share.QrCodes | None = None  # made by worker processes while pages are rendered
        self._strict = False
        self._render_memo: RenderMemo | None = None  # renderings of unchanged pages, from the last build
        self._errors_logged = 0  # error lines of this build: a quiet strict build stops on them itself

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Options go through the core's typed Config, the same object the CLI builds."""
        self.config = options
        try:
            self.options = Config.from_options(options)
        except ConfigError as exc:
            return [("patienthub", ValidationError(str(exc)))], []
        return [], []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # MkDocs' validated configuration, not mkdocs.yml read again: `INHERIT:`, `-f other.yml` and options such
        # as `--no-directory-urls` mean to the checks what they mean to the build.
        assert self.options is not None  # MkDocs stops before on_config when load_config refused the options
        try:
            project = project_from_mkdocs(config, self.options)
        except ConfigError as exc:  # the same refusal as `patienthub check` (exit 2), without a traceback
            raise PluginError(f"patienthub: {exc}") from exc
        # MkDocs follows symbolic links when it lists docs_dir (and copies what they point at): stop first.
        links = symlinks.symlinks(project)
        if links:
            names = ", ".join(symlinks.relative(p, project.root) for p in links)
            raise PluginError(
                f"patienthub: koppelingen (symbolic links) in {project.docs_dir.name}/ worden niet gepubliceerd: "
                f"{names}. Zet de echte bestanden neer (files.symlink in de handleiding)."
            )
        self.cache = Cache.for_project(project, build=True)
        self.site = loader.load_site(project, build_date(), cache=self.cache)
        return config

    def _log_error(self, line: str) -> None:
        """An error of this build. Logged as a WARNING, which `--strict` counts; MkDocs counts only what it logs,
        so under `--quiet` (which hides warnings) it is logged as an ERROR and on_post_build stops the build."""
        self._errors_logged += 1
        if self._strict and not log.isEnabledFor(logging.WARNING):
            log.error(line)
        else:
            log.warning(line)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.site is not None
        self._strict = bool(config.strict)
        self._errors_logged = 0
        # Every core for a build; one process under `mkdocs serve`, whose server threads must not be forked.
        jobs = 1 if self.serving else engine.default_jobs()
        self.result = engine.run(self.site, cache=self.cache, jobs=jobs)
        if self.cache is not None:
            self.cache.save()
        # Here, before this process starts threads of its own (the compressor's): the workers are forked at once.
        # One core fewer than the check used: this process renders the pages meanwhile. None under `mkdocs serve`.
        self._qr_codes = share.QrCodes(self.site, 0 if self.serving else max(1, jobs - 1))
        reported = os.environ.get(REPORTED_VARIABLE) == "1"
        for finding in self.result.findings:
            line = text_line(finding, guide.link(self.site.config.guide, finding.rule))
            if finding.severity is Severity.ERROR:
                self._log_error(line)
            elif not reported:
                log.info(line)
        if not reported:
            log.info(summary_line(self.result))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        # Under `mkdocs serve` nothing is compressed: it would cost the writer time on every rebuild.
        self._compressor = None if self.serving else precompress.Compressor()
        # MkDocs would stop with a traceback on pages it cannot decode; their errors are logged above.
        for page in self.site.pages:
            unreadable = files.get_file_from_path(page.src_uri)
            if unreadable is not None and any(p.rule in loader.READ_ERRORS for p in page.problems):
                files.remove(unreadable)
        # Files the files check refuses (an .html, a script in an .svg) never reach the site, strict or not.
        assert self.result is not None
        docs = self.site.project.docs_dir
        for refused in self.result.findings:
            if refused.rule in (files_check.NOT_ALLOWED.id, files_check.UNSAFE_SVG.id):
                path = self.site.project.root / refused.path
                with_src = path.relative_to(docs).as_posix() if path.is_relative_to(docs) else None
                copied = files.get_file_from_path(with_src) if with_src else None
                if copied is not None:
                    files.remove(copied)
        site, result = self.site, self.result
        outputs = [
            *generators.outputs(site),
            *(output for generate in publish.RESULT_REGISTRY for output in generate(site, result)),
        ]
        for output in outputs:
            existing = files.get_file_from_path(output.uri)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.UNDEFINED if output.in_nav else InclusionLevel.NOT_IN_NAV
            generated = File.generated(config, output.uri, content=output.content, inclusion=inclusion)
            files.append(generated)
            if self._compressor is not None and not generated.is_documentation_page():  # copied as it is
                self._compressor.submit(Path(generated.abs_dest_path), generated.content_bytes)
        # Decap CMS's JavaScript from the npm package, into the web editor's folder only (docs/web-editor.md).
        if web_editor.available(site.project):
            for path in web_editor.vendor_files(site.project):
                uri = web_editor.FOLDER + path.name
                existing = files.get_file_from_path(uri)
                if existing is not None:
                    files.remove(existing)
                files.append(
                    File.generated(config, uri, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)
                )
        guide_text = guide.text(self.site.project) if self.serving else None
        if guide_text is not None:  # the editors' guide, for the panel's links: under `mkdocs serve` only
            files.append(
                File.generated(
                    config, guide.SERVE_URI, content=guide_text, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
            for path, uri in guide.images(
                self.site.project
            ):  # its screenshots, unless the site has that file
                if files.get_file_from_path(uri) is None:
                    files.append(
                        File.generated(
                            config, uri, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV
                        )
                    )
        return files

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        core_page = self.site.by_src_uri.get(page.file.src_uri)
        if core_page is not None and core_page.frontmatter.problems:
            # MkDocs read the block with plain PyYAML: a refused block (alias bomb, 5000 nested lists, tags) must
            # not reach the theme, which would hang or crash rendering it as a title. The core's reading counts.
            page.meta = dict(core_page.frontmatter.data)
        # Material writes a page's title into every page's navigation as it is, unescaped: a title with markup
        # (html.frontmatter-markup, refused by check) must reach no template as markup, strict build or not.
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        markdown = transforms.apply(markdown, core_page, self.site, self.cache) if core_page else markdown
        return self._render_memo.before_render(markdown, page) if self._render_memo else markdown

    def on_page_content(self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self._render_memo is not None:
            html = self._render_memo.after_render(html, page, files)
        html = self._judged_content(html, page)
        if not self.serving or self.result is None:
            return html
        report = next((r for r in self.result.pages if r.page.src_uri == page.file.src_uri), None)
        if report is None:
            return html
        assert self.site is not None
        served = files.get_file_from_path(guide.SERVE_URI) is not None  # the guide on this local site
        where = self.site.config.guide
        directory_urls = self.site.project.use_directory_urls

        def link(rule: str) -> str:
            return guide.serve_href(page.url, rule, directory_urls) if served else guide.link(where, rule)

        return editor_panel.render(self.result.for_path(report.page.path), report.metrics, link) + html

    def _judged_content(self, html: str, page: MkDocsPage) -> str:
        """The HTML MkDocs made of a page, judged by the same policy `check` applied to its own rendering. Any
        finding the check did not already report is logged; a refused page is withheld, strict or not."""
        assert self.site is not None and self.result is not None
        core_page = self.site.by_src_uri.get(page.file.src_uri)
        path = core_page.path if core_page else page.file.src_uri
        site = self.site

        def judged() -> tuple[Finding, ...]:
            return tuple(html_check.html_findings(html, site, core_page, path, None))

        # The same HTML of the same page in the same context was judged before: the same findings.
        if core_page is not None and self.cache is not None:
            found = self.cache.derived(site, core_page, "plugin:content-findings", html, judged, build=True)
        else:
            found = judged()
        if not found:
            return html
        reported = {(f.rule, f.path, f.line) for f in self.result.findings}
        for item in found:
            if (item.rule, item.path, item.line) not in reported:
                self._log_error(text_line(item, guide.link(self.site.config.guide, item.rule)))
        self._log_error(f"{path}: de inhoud van deze pagina is niet gepubliceerd (zie de fouten hierboven)")
        return WITHHELD_CONTENT

    def _judged_document(self, output: str, name: str) -> str:
        """A finished page as it will be written, judged whole (theme and templates included); an unsafe one is
        replaced by a minimal safe page. Not under `mkdocs serve`, which injects its own live-reload script."""
        if self.serving:
            return output
        core_page = self.site.by_src_uri.get(name) if self.site is not None else None
        if (
            core_page is not None and self.cache is not None
        ):  # the same bytes were judged before: same verdict
            problems = self.cache.derived(
                self.site,
                core_page,
                "htmlpolicy.inspect_document",
                output,
                partial(htmlpolicy.inspect_document, output),
                build=True,
            )
        else:
            problems = htmlpolicy.inspect_document(output)
        if not problems:
            return output
        self._log_error(
            f"{name}: de gebouwde pagina is niet veilig en is niet gepubliceerd: " + "; ".join(problems)
        )
        return WITHHELD_DOCUMENT

    # Last of all plugins: what is judged (and compressed) is the page as MkDocs writes it.
    @event_priority(-100)
    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        output = compact.navigation(self._judged_document(output, page.file.src_uri))
        if self._compressor is not None and output.strip():  # MkDocs writes no file for an empty page
            # The bytes MkDocs writes (mkdocs.commands.build); afterbuild compresses again a file changed since.
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            self._compressor.submit(Path(page.file.abs_dest_path), data)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._render_memo is not None:
            log.debug(f"{self._render_memo.reused} pagina's niet opnieuw omgezet (ongewijzigd)")
            self._render_memo = None
        if self._qr_codes is not None:
            self._qr_codes.finish()
            self._qr_codes = None
        compressed = self._compressor.finish() if self._compressor is not None else None
        self._compressor = None
        # Under `mkdocs serve` the search index only: trimming and compressing every rebuild costs the writer time.
        secret = self.cache.secret if self.cache is not None else None
        stored = StoredIndex(self.cache.folder / STORED_INDEX_DIR, secret) if self.cache and secret else None
        try:
            afterbuild.run(
                Path(config.site_dir),
                trim_css=not self.serving,
                compress=not self.serving,
                compressed=compressed,
                stored_index=stored,
            )
        finally:
            if self.cache is not None:
                # Again: rendering the pages added QR codes to the memo tables, trimming the CSS what each page uses.
                self.cache.save()
        if self._strict and self._errors_logged and not log.isEnabledFor(logging.WARNING):
            # MkDocs did not count them (--quiet): without this, `mkdocs build --strict -q` would pass.
            raise PluginError(
                f"patienthub: {self._errors_logged} {'fout' if self._errors_logged == 1 else 'fouten'} "
                "(zie hierboven); een strikte build stopt daarop, ook met --quiet."
            )

    # Last: the files every page's links resolve against are final.
    @event_priority(-100)
    def on_nav(self, nav: Any, config: MkDocsConfig, files: Files) -> Any:
        self._render_memo = None
        # Reused only where no other plugin sees a page's Markdown or HTML (it would see the placeholder), and
        # every extension renders from the text alone (render_memo.py).
        handlers = [*config.plugins.events["page_markdown"], *config.plugins.events["page_content"]]
        if (
            self.cache is not None
            and self.site is not None
            and reusable(config)
            and all(getattr(handler, "__self__", None) is self for handler in handlers)
        ):
            self._render_memo = RenderMemo(self.cache, self.site, config, files)
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        if self._render_memo is not None:
            self._render_memo.abandon()
        if self._qr_codes is not None:  # a failed build does not wait for the QR workers
            self._qr_codes.stop()
            self._qr_codes = None

    def on_page_context(self, context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Any):
        assert self.site is not None
        core_page = self.site.by_src_uri.get(page.file.src_uri)
        context["patienthub"] = page_view(core_page, self.site, self.cache) if core_page else None
        if self._qr_codes is not None:
            self._qr_codes.ready(page.url)
        context["patienthub_hub"] = share.hub_view(self.site, page.url, Markup(page.title or "").unescape())
        # main.html asks whether the page is in the menu; `page in nav.pages` compares it with every page, for
        # every page: 2 s of a 1,000-page build. The set is made once per nav.
        if self._nav_files[0] is not nav:
            self._nav_files = (nav, frozenset(item.file.src_uri for item in nav.pages))
        context["patienthub_in_nav"] = page.file.src_uri in self._nav_files[1]
        return context

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """The sitemap's lastmod is the page's review date (the date its JSON-LD states), not the build date.
        Runs before the sitemap template is rendered. Also gives main.html the function `patienthub_csp`: the
        site's Content-Security-Policy, given the theme's inline scripts (a global, not a filter: the template
        tests `is defined`, so it still builds without this plugin)."""
        assert self.site is not None
        for file in files.documentation_pages():
            page = file.page
            if page is not None:
                page.update_date = jsonld.last_reviewed_for(self.site, page.url) or page.update_date
        html_config = self.site.config.html

        def content_security_policy(theme_scripts: str) -> str:
            hashes = (csp.source_hash(script) for script in csp.inline_scripts(theme_scripts))
            return csp.policy(html_config, hashes, live_reload=self.serving)

        env.globals["patienthub_csp"] = content_security_policy
        return env

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Pages made from a theme template alone (404.html) get the same last check as the other pages."""
        if template_name.endswith(".html"):
            return self._judged_document(output_content, template_name)
        return output_content

    def on_template_context(self, context: dict[str, Any], template_name: str, config: MkDocsConfig):
        """Theme templates rendered without a page (404.html) get JSON-LD too."""
        if self.site is not None and template_name.endswith(".html"):
            context["patienthub_hub"] = share.hub_view(self.site, template_name, "Pagina niet gevonden")
        return context
