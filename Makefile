# Bow Out: `make serve` to write, `make test` before you push.
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := hooks

.PHONY: serve serve-es build check schema test test-fast lint bench clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

serve: PORT ?= 8000
serve: $(STAMP) ## Serve the site on http://127.0.0.1:8000 (or PORT=8010), rebuilding on every save
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

serve-es: PORT ?= 8001
serve-es: $(STAMP) ## Serve the Spanish edition on http://127.0.0.1:8001 (or PORT=8011), rebuilding on every save
	$(PYTHON) -m mkdocs serve -f mkdocs.es.yml --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP) ## Build both editions into site/ (Spanish under site/es/)
	$(PYTHON) -m mkdocs build --strict
	$(PYTHON) -m mkdocs build --strict -f mkdocs.es.yml

check: $(STAMP) ## Check every scenario, in every language, without building the site
	$(PYTHON) -m bow_out check

schema: $(STAMP) ## Rewrite docs/schema/scenario.schema.json from hooks/bow_out/schema.py
	$(PYTHON) -m bow_out schema

test: $(STAMP) ## Run every test, browser tests included
	$(PYTHON) -m pytest

test-fast: $(STAMP) ## Run the tests that need no site build and no browser (unit, golden, schema, content): seconds
	$(PYTHON) -m pytest -m "not browser and not build"

bench: $(STAMP) ## Build 100, 1,000 and 3,000 synthetic guides, with and without the hooks; writes BENCHMARKS.md
	$(PYTHON) bench/benchmark.py

lint: $(STAMP)
	$(PYTHON) -m ruff check hooks tests bench

clean:
	rm -rf site .pytest_cache
