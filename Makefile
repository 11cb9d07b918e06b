# The two commands of the Quick start: `make site` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site check test lint serve edit bench lock clean

# The web editor (Decap CMS) and its local backend come from the npm registry, pinned with their integrity hashes
# in package-lock.json; `npm ci` installs exactly those (docs/web-editor.md). Nothing is loaded from a CDN.
NPM_STAMP := node_modules/.installed

setup: $(STAMP) $(NPM_STAMP)

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "patienthub heeft Node.js 20 of nieuwer nodig (npm), voor de webeditor" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("patienthub heeft Python 3.11 of nieuwer nodig" if sys.version_info < (3, 11) else 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/patienthub check

# check, then the strict build; another engine: make site ENGINE=properdocs (docs/engines.md)
ENGINE ?= mkdocs
site: $(STAMP) $(NPM_STAMP)
	$(BIN)/patienthub build --engine $(ENGINE)

# Not strict: the writer's panel must show a page with errors instead of the server stopping on them.
serve: $(STAMP) $(NPM_STAMP)
	$(BIN)/mkdocs serve --no-strict

# The web editor on this laptop: the local backend (decap-server, on 127.0.0.1 only) writes the pages in content/
# and `mkdocs serve` shows the site and the editor at http://127.0.0.1:8000/redactie/bewerken/.
# The port is the one in cms/config.yml (web_editor.local_port in mkdocs.yml).
edit: $(STAMP) $(NPM_STAMP)
	@echo "Webeditor: http://127.0.0.1:8000/redactie/bewerken/  (stoppen: Ctrl-C)"
	@BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY="$(CURDIR)" node_modules/.bin/decap-server & \
	backend=$$!; $(BIN)/patienthub edit-service & \
	service=$$!; trap 'kill $$backend $$service 2>/dev/null' EXIT INT TERM; \
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

# Two workers per core (pytest-xdist): much of a test's time is spent waiting on Chromium, servers and subprocesses,
# and one worker per core left this 2-core machine half idle (6 min 16 s with 2 workers, 4 min 4 s with 4).
# The tests do not depend on their order; idle workers take tests from busy ones (worksteal); docs/performance.md.
TEST_WORKERS ?= $(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 1) )))
test: $(STAMP) $(NPM_STAMP)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests
	$(BIN)/lint-imports
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal

bench: $(STAMP)
	$(PY) tests/bench/run.py

lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf site .pytest_cache .patienthub-cache
