# zhibu: the two commands a new user needs are `make serve` and `make test`.
# Both set up everything first (system packages, virtualenv, Python and npm packages).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup system serve test test-fast lint build offline validate screenshots bench architecture clean

setup: system $(VENV)/.installed node_modules/.installed

system:
	@bash scripts/setup-system.sh

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## serve the site on http://127.0.0.1:8000 with live reload when a flow changes
serve: setup
	$(BIN)/mkdocs serve -a 127.0.0.1:8000

## run every test (unit, build, browser, CPython and Pyodide-under-Node)
test: setup
	$(BIN)/python -m pytest

## the quick loop while working: every test but the browser, whole-site builds and hosting servers (well under a minute)
test-fast: setup
	$(BIN)/python -m pytest -q -m "not browser and not site and not hosting"

## the gates alone: ruff (lint and format), mypy --strict, ESLint
lint: setup
	$(BIN)/python -m pytest -q tests/test_lint.py

## the static site into site/ with every download and the offline copy as site/downloads/zhibu-offline.zip,
## then its Traditional edition (繁體, OpenCC s2tw) into site/zh-Hant/ with its own downloads (the offline
## zip holds both editions: the 繁體 pages link the one in site/downloads/)
build: setup
	$(MAKE) offline
	ZHIBU_EXPORTS=1 $(BIN)/mkdocs build --strict
	ZHIBU_EXPORTS=1 $(BIN)/mkdocs build --strict -f mkdocs.hant.yml

## the offline copy for classroom laptops (opens from disk), both editions (繁體 in zh-Hant/, sharing the
## checker runtime), zipped into build/zhibu-offline.zip (make build then publishes it as downloads/zhibu-offline.zip)
offline: setup
	ZHIBU_EXPORTS=0 $(BIN)/mkdocs build --strict -q -f mkdocs.offline.yml
	ZHIBU_EXPORTS=0 $(BIN)/mkdocs build --strict -q -f mkdocs.offline.hant.yml
	$(BIN)/python tools/offline_zip.py build/offline/zhibu-offline build/zhibu-offline.zip

validate: $(VENV)/.installed
	$(BIN)/zhibu validate flows/

## screenshots of every diagram (projector and phone) into build/screenshots, with an overflow check
screenshots: build
	$(BIN)/python tools/screenshots.py site build/screenshots

## every speed and size figure with its baseline (prints; never fails on a slow figure; ~15-30 min)
bench: setup
	$(BIN)/python bench/all.py

## the build's picture (ARCHITECTURE.dot -> ARCHITECTURE.svg, shown in ARCHITECTURE.md), with Graphviz as the diagrams
architecture: ARCHITECTURE.svg

ARCHITECTURE.svg: ARCHITECTURE.dot
	dot -Tsvg $< -o $@

clean:
	rm -rf site build .cache
