# Bow Out: `make serve` to write, `make test` before you push.
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve build check schema test lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

serve: $(STAMP) ## Serve the site on http://127.0.0.1:8000, rebuilding on every save
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Build the static site into site/
	$(PYTHON) -m mkdocs build --strict

check: $(STAMP) ## Check every scenario without building the site
	$(PYTHON) -m bow_out check

schema: $(STAMP) ## Rewrite docs/schema/scenario.schema.json from hooks/bow_out/schema.py
	$(PYTHON) -m bow_out schema

test: $(STAMP) ## Run every test, browser tests included
	$(PYTHON) -m pytest

bench: $(STAMP) ## Build 100, 1,000 and 3,000 synthetic guides, with and without the hooks; writes BENCHMARKS.md
	$(PYTHON) bench/benchmark.py

lint: $(STAMP)
	$(PYTHON) -m ruff check hooks tests bench

clean:
	rm -rf site .pytest_cache
