"""The one typed configuration object, read from the `patienthub` plugin section of mkdocs.yml.

Every threshold lives here as data with a sensible default. Sections are frozen dataclasses; a new check adds
its own section class and one field on `Config`. Unknown keys and wrong types are configuration errors
(exit code 2), reported in Dutch with the dotted key.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pathspec
import yaml
from yaml_env_tag import construct_env_tag

from patienthub.core.errors import ConfigError
from patienthub.core.findings import is_locked
from patienthub.core.limits import limits
from patienthub.domain.model import PAGE_TYPES
from patienthub.domain.organisations import GITHUB_TEAM
from patienthub.text.markdown_setup import MarkdownSetup

SEVERITY_OVERRIDES = ("error", "warning", "suggestion", "off")


@dataclass(frozen=True)
class FreshnessConfig:
    review_interval_months: int = 36
    due_soon_days: int = 60

    def __post_init__(self) -> None:
        most = limits().max_review_interval_months
        if not 1 <= self.review_interval_months <= most:
            raise ConfigError(
                f"patienthub.freshness.review_interval_months: {self.review_interval_months} kan niet; "
                f"kies een termijn van 1 tot en met {most} maanden"
            )
        if not 0 <= self.due_soon_days <= limits().max_due_soon_days:
            raise ConfigError(
                f"patienthub.freshness.due_soon_days: {self.due_soon_days} kan niet; "
                f"kies 0 tot en met {limits().max_due_soon_days} dagen"
            )


_EMBED_PREFIX = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9._~/%-]*$")


@dataclass(frozen=True)
class HtmlConfig:
    # https URL prefixes whose content may be embedded with <iframe>, <object> or <embed>, e.g.
    # "https://www.youtube-nocookie.com/embed/". The same prefixes go into the Content-Security-Policy.
    allowed_embeds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for i, prefix in enumerate(self.allowed_embeds):
            if not _EMBED_PREFIX.match(prefix):
                raise ConfigError(
                    f"patienthub.html.allowed_embeds[{i}]: '{prefix}' moet een https-adres met een pad zijn, "
                    "bijvoorbeeld https://www.youtube-nocookie.com/embed/"
                )


@dataclass(frozen=True)
class LinksConfig:
    # Only `patienthub links --external` uses these; `check` never goes on the network.
    external_timeout_seconds: float = 15.0
    external_workers: int = 8
    # URL prefixes not checked (sites that refuse automated requests); each one is listed in the report.
    external_ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReadabilityLimits:
    """Thresholds of the readability rules. Each may be overridden per page type (`by_type`)."""

    flesch_douma_error: float = 60.0  # page score below this: error
    flesch_douma_warning: float = 70.0  # page score below this: warning
    min_words: int = 50  # shorter pages get no Flesch-Douma finding: the score says little there
    sentence_warning_words: int = 15  # a sentence with more words: warning
    sentence_error_words: int = 25  # a sentence with more words: error
    rare_word_zipf: float = 3.0  # wordfreq Zipf frequency below which a Dutch word counts as rare

    def __post_init__(self) -> None:
        if self.flesch_douma_error > self.flesch_douma_warning:
            raise ConfigError(
                f"patienthub.readability: flesch_douma_error ({self.flesch_douma_error}) mag niet hoger zijn "
                f"dan flesch_douma_warning ({self.flesch_douma_warning})"
            )
        if not 0 < self.sentence_warning_words <= self.sentence_error_words:
            raise ConfigError(
                f"patienthub.readability: sentence_warning_words ({self.sentence_warning_words}) moet groter "
                f"dan 0 zijn en niet groter dan sentence_error_words ({self.sentence_error_words})"
            )


@dataclass(frozen=True)
class ReadabilityConfig(ReadabilityLimits):
    worst_sentences: int = 3  # how many sentences a score finding and the report name
    # Per page type (education, outcomes, …) any of the limits above: {outcomes: {flesch_douma_error: 55}}.
    by_type: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__post_init__()
        for page_type in self.by_type:
            if page_type not in PAGE_TYPES:
                raise ConfigError(
                    f"patienthub.readability.by_type: '{page_type}' is geen soort pagina; "
                    f"kies uit {', '.join(PAGE_TYPES)}"
                )
            self.for_type(page_type)

    def for_type(self, page_type: str | None) -> ReadabilityLimits:
        override = self.by_type.get(page_type or "")
        if not override:
            return self
        base = {f.name: getattr(self, f.name) for f in dataclasses.fields(ReadabilityLimits)}
        return _build(ReadabilityLimits, {**base, **override}, f"patienthub.readability.by_type.{page_type}")


@dataclass(frozen=True)
class TerminologyConfig:
    # The termbase, relative to data_dir. None: terms.yml there if it exists; a name given here must exist.
    termbase: str | None = None
    glossary_page: str = "woordenlijst.md"  # generated page, relative to docs_dir
    export_path: str = "api/v1/terms.json"  # generated file for partners, relative to the site root
    tooltips: bool = True  # link the first use of a term on a page to the glossary, with its explanation


@dataclass(frozen=True)
class AdviceConfig:
    # Relative to data_dir. None: advice.yml / kernboodschappen.yml there if present; a name given must exist.
    rules: str | None = None
    key_messages: str | None = None


@dataclass(frozen=True)
class NewPageConfig:
    """Where `patienthub new` puts a page of each type: a folder under docs_dir and a nav section."""

    folders: Mapping[str, str] = field(default_factory=dict)
    nav_sections: Mapping[str, str] = field(
        default_factory=lambda: {
            "education": "Uitleg",
            "self-management": "Zelf doen",
            "treatment-options": "Behandelingen",
            "outcomes": "Uitkomsten",
        }
    )


@dataclass(frozen=True)
class OutcomesConfig:
    # Folders under data_dir: one YAML file per outcome dataset, one per keuzekaart.
    datasets_dir: str = "outcomes"
    keuzekaarten_dir: str = "keuzekaarten"
    # The patient's questions every keuzekaart answers (rows), in this order.
    questions: tuple[str, ...] = (
        "Wat houdt het in?",
        "Hoe snel helpt het?",
        "Hoeveel mensen knappen op?",
        "Risico's?",
        "Hoe lang herstel?",
        "Vergoeding?",
    )


@dataclass(frozen=True)
class HubConfig:
    # The committed list of every published URL (repository-relative); `patienthub urls --update` writes it.
    manifest: str = "content/_data/urls.txt"


@dataclass(frozen=True)
class ReviewConfig:
    # The committed CODEOWNERS file `check` compares with the content (relative to the repository root);
    # null for a repository whose CODEOWNERS is not generated by patienthub.
    codeowners_file: str | None = ".github/CODEOWNERS"
    # Reviews pages whose owner has no github_team, and every file that is not a page.
    maintainers_team: str = "@patienthub-nl/maintainers"


@dataclass(frozen=True)
class GuideConfig:
    """Where the editors' guide is, so every finding can link to the section on its rule (`<base>#<rule id>`)."""

    path: str = "handleiding/redacteuren.md"  # the guide in the repository, relative to its root
    # Base of the links in findings; None: `path` as is. For links that work anywhere, the guide on GitHub:
    # https://github.com/<organisatie>/<repository>/blob/main/handleiding/redacteuren.md
    url: str | None = None


@dataclass(frozen=True)
class WebEditorConfig:
    """The web editor at redactie/bewerken/ (Decap CMS). `patienthub cms-config` writes its configuration file
    from the schemas and the registries; the build publishes that file next to the editor (docs/web-editor.md)."""

    # The generated, committed configuration (relative to the repository root); null: no web editor.
    config_file: str | None = "cms/config.yml"
    # The GitHub repository (organisation/name) the GitHub backend opens pull requests on; null: not set up yet
    # (the editor then works only on a laptop, with `make edit`).
    repo: str | None = None
    branch: str = "main"  # the branch pages are published from; every edit becomes a pull request against it
    # The OAuth service that logs editors in to GitHub (base_url in Decap's terms); null: Netlify's.
    auth_url: str | None = None
    local_port: int = 8081  # where `make edit` runs the local backend (decap-server), on 127.0.0.1 only
    # where `make edit` runs `patienthub edit-service` (the writer's panel inside the editor), on 127.0.0.1 only
    check_port: int = 8082


@dataclass(frozen=True)
class Config:
    # Folder with registries (organisations, sources, termbase, ...), relative to the repository root.
    data_dir: str = "content/_data"
    freshness: FreshnessConfig = field(default_factory=FreshnessConfig)
    html: HtmlConfig = field(default_factory=HtmlConfig)
    links: LinksConfig = field(default_factory=LinksConfig)
    terminology: TerminologyConfig = field(default_factory=TerminologyConfig)
    advice: AdviceConfig = field(default_factory=AdviceConfig)
    new_page: NewPageConfig = field(default_factory=NewPageConfig)
    hub: HubConfig = field(default_factory=HubConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)
    outcomes: OutcomesConfig = field(default_factory=OutcomesConfig)
    readability: ReadabilityConfig = field(default_factory=ReadabilityConfig)
    guide: GuideConfig = field(default_factory=GuideConfig)
    web_editor: WebEditorConfig = field(default_factory=WebEditorConfig)
    # Per-rule severity overrides: {"freshness.due-soon": "error", "readability.passive": "off"}.
    rules: Mapping[str, str] = field(default_factory=dict)
    # Content-hash cache of per-page results (relative to the repository root); null switches it off.
    cache_dir: str | None = ".patienthub-cache"

    @classmethod
    def from_options(cls, options: Mapping[str, Any] | None) -> Config:
        options = dict(options or {})
        # `enabled` is MkDocs' own option of every plugin (1.6): it decides whether the build runs the plugin,
        # not what the checks do, so `patienthub check` reads the same settings either way.
        enabled = options.pop("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"patienthub.enabled: verwacht true of false, kreeg {enabled!r}")
        config = _build(cls, options, "patienthub")
        for rule, level in config.rules.items():
            if level not in SEVERITY_OVERRIDES:
                raise ConfigError(
                    f"patienthub.rules.{rule}: '{level}' is geen geldige ernst; kies uit {', '.join(SEVERITY_OVERRIDES)}"
                )
            if is_locked(rule) and level != "error":
                raise ConfigError(
                    f"patienthub.rules.{rule}: '{rule}' is een beveiligingsregel (html., files.); die blijft een "
                    "fout en kan niet worden verlaagd of uitgezet. Haal deze regel uit mkdocs.yml."
                )
        if not GITHUB_TEAM.match(config.review.maintainers_team):
            raise ConfigError(
                f"patienthub.review.maintainers_team: '{config.review.maintainers_team}' is geen GitHub-team; "
                "schrijf het als @organisatie/team"
            )
        return config


def _build(cls: type, raw: Any, where: str) -> Any:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{where}: verwacht een lijst met sleutels en waarden, kreeg {type(raw).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise ConfigError(
            f"{where}: onbekende instelling(en) {', '.join(unknown)}; bekend zijn {', '.join(fields)}"
        )
    values = {name: _coerce(hints[name], raw[name], f"{where}.{name}") for name in raw}
    return cls(**values)


def _coerce(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, where)
    if origin in (typing.Union, types.UnionType):
        errors = []
        for option in typing.get_args(hint):
            try:
                return _coerce(option, value, where)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0])
    if hint is type(None):
        if value is None:
            return None
        raise ConfigError(f"{where}: verwacht niets (null)")
    if origin in (Mapping, dict):
        key_type, value_type = typing.get_args(hint) or (str, Any)
        if not isinstance(value, Mapping):
            raise ConfigError(f"{where}: verwacht sleutels met waarden")
        return types.MappingProxyType(
            {_coerce(key_type, k, where): _coerce(value_type, v, f"{where}.{k}") for k, v in value.items()}
        )
    if origin in (tuple, list) or hint in (tuple, list):
        args = typing.get_args(hint)
        item_type = args[0] if args else Any
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{where}: verwacht een lijst")
        return tuple(_coerce(item_type, v, f"{where}[{i}]") for i, v in enumerate(value))
    if hint is Any:
        return value
    if hint is float and isinstance(value, float) and not math.isfinite(value):
        raise ConfigError(f"{where}: verwacht een gewoon getal, kreeg {value!r}")
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise ConfigError(f"{where}: {value} is te groot") from None
    if hint in (int, float) and isinstance(value, bool):
        raise ConfigError(f"{where}: verwacht een getal, kreeg {value!r}")
    if isinstance(hint, type) and not isinstance(value, hint):
        names = {int: "een geheel getal", float: "een getal", str: "tekst", bool: "true of false"}
        raise ConfigError(f"{where}: verwacht {names.get(hint, hint.__name__)}, kreeg {value!r}")
    return value


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does (`!ENV` by the same constructor, yaml_env_tag; `!relative` as MkDocs
    resolves it), but never imports or runs what a `!!python/…` tag names: those stay placeholders."""


def _placeholder(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
    return f"<{node.tag}>"


_MkDocsLoader.add_constructor("!ENV", construct_env_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _placeholder)
_MkDocsLoader.add_multi_constructor("!", _placeholder)


@dataclass(frozen=True)
class Project:
    """What the core needs to know about the repository: where things are and how it is configured."""

    root: Path
    docs_dir: Path
    site_url: str
    exclude_docs: str
    config: Config
    site_name: str = ""
    # mkdocs.yml `markdown_extensions`: `check` renders pages with them, as the build does.
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    # mkdocs.yml `use_directory_urls`: a/b.md is published at a/b/ (true, MkDocs' default) or at a/b.html.
    use_directory_urls: bool = True
    # mkdocs.yml `site_dir`: where the build writes the site (`patienthub build` names it).
    site_dir: Path = Path("site")

    @property
    def data_dir(self) -> Path:
        return self.root / self.config.data_dir


def plugin_options(mkdocs_config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The `patienthub` entry of the plugins list, or None when the plugin is not enabled."""
    plugins = mkdocs_config.get("plugins") or []
    if isinstance(plugins, Mapping):
        plugins = [{k: v} for k, v in plugins.items()]
    if not isinstance(plugins, list):
        raise ConfigError(f"plugins: verwacht een lijst van plugins, kreeg {_kind(plugins)}")
    for item in plugins:
        if item == "patienthub":
            return {}
        if isinstance(item, Mapping) and "patienthub" in item:
            options = item["patienthub"] or {}
            if not isinstance(options, Mapping):
                raise ConfigError(f"patienthub: verwacht sleutels met waarden, kreeg {_kind(options)}")
            return dict(options)
    return None


def _kind(value: Any) -> str:
    """What an editor wrote instead, in Dutch."""
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, Mapping):
        return "sleutels met waarden"
    return f"{value!r}"


def _read_mkdocs_yml(config_file: Path) -> Any:
    """mkdocs.yml with its `INHERIT:` parents merged in, by MkDocs' own reader (mkdocs.utils.yaml.yaml_load)."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        config_file.read_bytes().decode(
            "utf-8"
        )  # for a clear message; MkDocs' reader says "unacceptable character"
        with config_file.open("rb") as stream:
            return yaml_load(stream, loader=_MkDocsLoader)
    except OSError as exc:
        raise ConfigError(f"{config_file}: kan het bestand niet lezen ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{config_file}: is geen UTF-8-tekst (byte {exc.start + 1}); sla het op als UTF-8"
        ) from exc
    except (yaml.YAMLError, ConfigurationError) as exc:
        detail = str(exc).replace("MkDocs encountered an error parsing the configuration file: ", "")
        raise ConfigError(f"{config_file}: ongeldige YAML ({detail})") from exc


# mkdocs.yml values the theme writes into every page as they are (Material does not escape them).
_THEME_TEXT_KEYS = ("site_name", "site_description", "site_author", "copyright")
_MARKUP = re.compile(r"[<>]")


def _plain_text_problem(raw: Mapping[str, Any]) -> str | None:
    """The first mkdocs.yml text that would reach the HTML as markup: site name, copyright, nav titles, extra."""

    def texts(value: Any, where: str):
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, Mapping):
            for key, item in value.items():
                yield from texts(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from texts(item, f"{where}[{index}]")

    def nav_titles(value: Any, where: str):
        if isinstance(value, Mapping):
            for key, item in value.items():
                yield f"{where}: '{key}'", str(key)
                yield from nav_titles(item, where)
        elif isinstance(value, list):
            for item in value:
                yield from nav_titles(item, where)

    candidates = [(key, raw[key]) for key in _THEME_TEXT_KEYS if isinstance(raw.get(key), str)]
    candidates += list(texts(raw.get("extra") or {}, "extra"))
    candidates += list(nav_titles(raw.get("nav") or [], "nav"))
    for where, text in candidates:
        if _MARKUP.search(text) or _CONTROL.search(text):
            return f"{where} bevat < of > of een stuurteken; het thema schrijft deze tekst onbewerkt in elke pagina"
    for key in ("extra_javascript", "extra_css"):
        for entry in raw.get(key) or []:
            # Validated by MkDocs, an extra_javascript entry may be an object (ExtraScriptValue) with a path.
            path = entry.get("path") if isinstance(entry, Mapping) else getattr(entry, "path", entry)
            if not isinstance(path, str) or re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|/)", path):
                return f"{key}: '{path}' moet een bestand van de site zelf zijn (een pad zoals assets/x.js)"
    return None


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ufdd0-\ufdef]")


def _extensions_problem(setup: MarkdownSetup) -> str | None:
    from patienthub.text.htmlpolicy import default_policy  # the allowlist lives with the HTML policy it feeds

    allowed = default_policy().markdown_extensions
    refused = [name for name in setup.extensions if name not in allowed]
    if refused:
        return (
            f"markdown_extensions: {', '.join(refused)} staat niet op de lijst van toegestane extensies "
            "(tools/patienthub/data/html-policy.yml): een extensie kan bestanden van de computer in een pagina "
            "zetten of iets van een andere site laden"
        )
    return None


def load_project(config_file: Path) -> Project:
    """The project that `config_file` (mkdocs.yml) describes: folders, site address, Markdown extensions and
    the typed configuration of the `patienthub` plugin section. A ConfigError (exit 2) says what is wrong.

    mkdocs.yml is read by MkDocs' own YAML reader (`INHERIT:`, `!ENV`); the keys the hub uses are validated as
    MkDocs validates them, and the result goes through `project_from_mkdocs`, the plugin's way in as well."""
    raw = _read_mkdocs_yml(config_file)
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{config_file}: verwacht sleutels met waarden bovenaan")
    try:
        options = plugin_options(raw)
        if options is None:
            raise ConfigError("de plugin 'patienthub' staat niet onder 'plugins'")
        settings = _validated(raw, config_file)
    except ConfigError as exc:
        raise ConfigError(f"{config_file}: {exc}") from exc
    return project_from_mkdocs(settings, Config.from_options(options))


def project_from_mkdocs(settings: Mapping[str, Any], config: Config) -> Project:
    """The project MkDocs' validated configuration describes (what MkDocs hands the plugin's `on_config`, or
    what `load_project` made of mkdocs.yml in the same shape): `config_file_path`, `docs_dir` (absolute),
    `site_url`, `exclude_docs` (a GitIgnoreSpec), `use_directory_urls`, `site_name`, `markdown_extensions`
    (MkDocs' builtins included) with `mdx_configs`. `config` is the typed `patienthub` plugin section. Refuses
    (ConfigError) what would reach every page as markup and Markdown extensions outside the allowlist."""
    config_file = Path(settings.get("config_file_path") or "mkdocs.yml")
    markdown = MarkdownSetup.from_validated(
        settings.get("markdown_extensions") or (), settings.get("mdx_configs") or {}
    )
    problem = _plain_text_problem(settings) or _extensions_problem(markdown)
    if problem:
        raise ConfigError(f"{config_file}: {problem}")
    root = config_file.resolve().parent
    docs_dir = Path(settings.get("docs_dir") or "docs")
    # MkDocs makes docs_dir absolute from the config file's folder as named; root is that folder resolved.
    written_from = Path(os.path.abspath(config_file)).parent
    if docs_dir.is_absolute() and docs_dir.is_relative_to(written_from):
        docs_dir = docs_dir.relative_to(written_from)
    exclude_docs = settings.get("exclude_docs")
    return Project(
        root=root,
        docs_dir=root / docs_dir,
        site_url=str(settings.get("site_url") or ""),
        exclude_docs="\n".join(p.pattern for p in exclude_docs.patterns) if exclude_docs else "",
        config=config,
        site_name=str(settings.get("site_name") or ""),
        markdown=markdown,
        use_directory_urls=settings.get("use_directory_urls", True) is not False,
        site_dir=root / str(settings.get("site_dir") or "site"),
    )


def _validated(raw: Mapping[str, Any], config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as read, with the keys `project_from_mkdocs` takes in the shape MkDocs' validation gives them
    (mkdocs.config.defaults); what MkDocs would refuse is a ConfigError in Dutch."""
    settings = dict(raw)
    settings["config_file_path"] = str(config_file)
    docs_dir = raw.get("docs_dir", "docs")
    if not isinstance(docs_dir, str):
        raise ConfigError(f"docs_dir moet de naam van een map zijn, niet {_kind(docs_dir)}")
    settings["docs_dir"] = os.path.abspath(
        os.path.join(os.path.dirname(os.path.abspath(config_file)), docs_dir)
    )
    settings["site_url"] = _site_url(raw.get("site_url"))
    exclude_docs = raw.get("exclude_docs")
    if exclude_docs is not None and not isinstance(exclude_docs, str):
        raise ConfigError(
            f"exclude_docs moet tekst zijn (regels zoals in .gitignore), niet {_kind(exclude_docs)}"
        )
    settings["exclude_docs"] = (
        pathspec.GitIgnoreSpec.from_lines(exclude_docs.splitlines()) if exclude_docs else None
    )
    use_directory_urls = raw.get("use_directory_urls", True)
    if not isinstance(use_directory_urls, bool):
        raise ConfigError(f"use_directory_urls moet true of false zijn, niet {_kind(use_directory_urls)}")
    settings["use_directory_urls"] = use_directory_urls
    extensions = raw.get("markdown_extensions") or []
    if isinstance(extensions, Mapping):  # MkDocs takes the mapping form too
        extensions = [{name: values} for name, values in extensions.items()]
    if not isinstance(extensions, list):
        raise ConfigError(f"markdown_extensions moet een lijst zijn, niet {_kind(extensions)}")
    setup = MarkdownSetup.from_mkdocs(extensions)
    settings["markdown_extensions"] = list(setup.extensions)
    settings["mdx_configs"] = dict(setup.configs)
    return settings


def _site_url(value: Any) -> str | None:
    """site_url as MkDocs validates it: empty, or an address with scheme and host whose path ends in '/'."""
    if value is None or value == "":
        return value
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:  # "https://[" and the like
        parts = None
    if parts is None or not (parts.scheme and parts.netloc):
        raise ConfigError(
            f"site_url: {_kind(value)} is geen volledig adres; schrijf het als https://voorbeeld.nl/map/"
        )
    if not parts.path.endswith("/"):
        parts = parts._replace(path=f"{parts.path}/")
    return urlunsplit(parts)
