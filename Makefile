# The two commands of the Quick start: `make site` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site check test lint serve bench lock clean

setup: $(STAMP)

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
site: $(STAMP)
	$(BIN)/patienthub build --engine $(ENGINE)

# Not strict: the writer's panel must show a page with errors instead of the server stopping on them.
serve: $(STAMP)
	$(BIN)/mkdocs serve --no-strict

test: $(STAMP)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto  # every core (pytest-xdist); the tests do not depend on their order

bench: $(STAMP)
	$(PY) tests/bench/run.py

lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf site .pytest_cache .patienthub-cache
