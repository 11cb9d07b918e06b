"""The MkDocs adapter: wires MkDocs events to the core. No rule is implemented here.

During `mkdocs build` it runs the same checks as `patienthub check`; every error-level finding is logged as a
WARNING, so `mkdocs build --strict` fails on exactly what makes the CLI exit 1.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from . import csp, engine, generators, loader, transforms
from .config import Config, load_project
from .dates import parse_iso
from .errors import ConfigError
from .findings import Severity
from .formats import summary_line, text_line
from .model import Site
from .present import page_view

log = get_plugin_logger(__name__)

# Builds are reproducible when the date is fixed (tests, re-building an old release).
TODAY_VARIABLE = "PATIENTHUB_TODAY"


def build_date() -> dt.date:
    value = os.environ.get(TODAY_VARIABLE)
    if not value:
        return dt.date.today()
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise ConfigError(f"{TODAY_VARIABLE}={value!r} is geen datum in de vorm JJJJ-MM-DD") from exc


class PatientHubPlugin(BasePlugin):
    def __init__(self) -> None:
        self.options: Config | None = None
        self.site: Site | None = None
        self.result: engine.Result | None = None

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None):
        """Options go through the core's typed Config, the same object the CLI builds."""
        self.config = options
        try:
            self.options = Config.from_options(options)
        except ConfigError as exc:
            return [("patienthub", ValidationError(str(exc)))], []
        return [], []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = load_project(Path(config.config_file_path))
        self.site = loader.load_site(project, build_date())
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.site is not None
        self.result = engine.run(self.site)
        for finding in self.result.findings:
            if finding.severity is Severity.ERROR:
                log.warning(text_line(finding))
            else:
                log.info(text_line(finding))
        log.info(summary_line(self.result))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        for generate in generators.REGISTRY:
            for output in generate(self.site):
                existing = files.get_file_from_path(output.uri)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, output.uri, content=output.content))
        return files

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """`patienthub_csp`: the site's Content-Security-Policy, given the theme's inline scripts (main.html)."""
        assert self.site is not None
        html_config = self.site.config.html

        def content_security_policy(theme_scripts: str) -> str:
            hashes = (csp.script_hash(script) for script in csp.inline_scripts(theme_scripts))
            return csp.policy(html_config, hashes)

        env.filters["patienthub_csp"] = content_security_policy
        return env

    def on_page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        core_page = self.site.by_src_uri.get(page.file.src_uri)
        return transforms.apply(markdown, core_page, self.site) if core_page else markdown

    def on_page_context(self, context: dict[str, Any], page: MkDocsPage, config: MkDocsConfig, nav: Any):
        assert self.site is not None
        core_page = self.site.by_src_uri.get(page.file.src_uri)
        context["patienthub"] = page_view(core_page, self.site) if core_page else None
        return context
