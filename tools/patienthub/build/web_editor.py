"""The web editor at redactie/bewerken/: Decap CMS, for editors who do not use git (docs/web-editor.md).

One page of its own, never linked from a patient page and never loaded on one: `noindex`, and a
Content-Security-Policy of its own that allows what Decap needs and nothing else. Decap's JavaScript comes from the
npm package `decap-cms` that `make setup` installs from package-lock.json (integrity hashes); the build copies it
into this folder only. Nothing is loaded from another site. The editor exists in a build only when both the
committed configuration (`web_editor.config_file`, written by `patienthub cms-config`) and the package are there.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path

from patienthub.domain.model import PAGE_TYPES
from patienthub.load.config import Project
from patienthub.load.urls import WEB_EDITOR_FOLDER

FOLDER = WEB_EDITOR_FOLDER  # "redactie/bewerken/"
INDEX = f"{FOLDER}index.html"
CONFIG = f"{FOLDER}config.yml"
SCRIPT = f"{FOLDER}patienthub-editor.js"
VENDOR_DIR = Path("node_modules") / "decap-cms" / "dist"
VENDOR_SCRIPT = "decap-cms.js"
# What the browser loads from the package: the bundle, the chunks it loads itself (NNN.decap-cms.js, next to it),
# its WebAssembly and its licence text. Not the source maps, nor the same bundle under its old name (cms.js).
_VENDOR_NAMES = (VENDOR_SCRIPT, f"{VENDOR_SCRIPT}.LICENSE.txt")
_VENDOR_SUFFIXES = (f".{VENDOR_SCRIPT}", ".wasm")
# The site's own stylesheets the preview uses after the theme's (relative to the site root).
SITE_STYLES = ("assets/stylesheets/patienthub.css",)

# Decap needs two things a patient page never allows (checked in tests/test_web_editor.py):
# - 'unsafe-eval': it validates its configuration with ajv, which compiles the schema with `new Function`;
# - style-src 'unsafe-inline': its interface is styled by emotion (CSS-in-JS), which writes <style> elements.
# There is no inline script at all. connect-src: the site (config.yml), the local backend of `make edit` and its
# check service (`patienthub edit-service`: the writer's panel in the preview; both 127.0.0.1 only) and GitHub's
# API for the GitHub backend; img-src adds the avatars GitHub returns after login.
_DIRECTIVES = (
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self'",
    "connect-src 'self' {local} {service} https://api.github.com",
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)

PAGE = """\
<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Webeditor — {site_name}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body data-preview-styles="{styles}" data-collections="{collections}" data-check-service="{service}">
<script src="{vendor}"></script>
<script src="patienthub-editor.js"></script>
</body>
</html>
"""


def service_origin(project: Project) -> str:
    """Where `make edit` runs the check service the preview asks for the writer's panel."""
    return f"http://127.0.0.1:{project.config.web_editor.check_port}"


def policy(project: Project) -> str:
    local = f"http://127.0.0.1:{project.config.web_editor.local_port}"
    service = service_origin(project)
    return "; ".join(directive.format(local=local, service=service) for directive in _DIRECTIVES)


def config_path(project: Project) -> Path | None:
    name = project.config.web_editor.config_file
    return project.root / name if name else None


def vendor_dir(project: Project) -> Path:
    return project.root / VENDOR_DIR


def available(project: Project) -> bool:
    """True when the build publishes the editor: its configuration is committed and Decap is installed."""
    config = config_path(project)
    return config is not None and config.is_file() and (vendor_dir(project) / VENDOR_SCRIPT).is_file()


def vendor_files(project: Project) -> list[Path]:
    """The files of the package the editor page loads, sorted; empty when it is not installed."""
    folder = vendor_dir(project)
    if not (folder / VENDOR_SCRIPT).is_file():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file() and (path.name in _VENDOR_NAMES or path.name.endswith(_VENDOR_SUFFIXES))
    )


def theme_styles() -> list[str]:
    """The Material theme's own stylesheets as the site publishes them (their names carry a content hash)."""
    try:
        folder = resources.files("material").joinpath("templates", "assets", "stylesheets")
        names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".min.css"))
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    main = [name for name in names if name.startswith("main.")]
    return [f"assets/stylesheets/{name}" for name in main + [n for n in names if n not in main]]


def preview_styles() -> list[str]:
    return [*theme_styles(), *SITE_STYLES]


def page(project: Project) -> str:
    # From redactie/bewerken/ back to the site root: works under any sub-path (GitHub Pages) and on disk.
    up = "../" * FOLDER.count("/")
    styles = " ".join(up + style for style in preview_styles())
    name = html.escape(project.site_name)
    return PAGE.format(
        policy=policy(project),
        site_name=name,
        styles=html.escape(styles),
        collections=" ".join(PAGE_TYPES),
        service=service_origin(project),
        vendor=VENDOR_SCRIPT,
    )


def script() -> str:
    """The site's own code for the editor: the preview of a page (stylesheet, review line, notices)."""
    return resources.files("patienthub").joinpath("data", "web-editor.js").read_text(encoding="utf-8")
