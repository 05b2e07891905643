# The README's quick start: `make demo` (set up + offline NASA crawl), `make test` (set up + all checks).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo crawl test lint clean-output

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

# Offline: every request is answered from real recorded NASA traffic; no network.
demo: $(STAMP)
	$(BIN)/scrapy crawl nasa -s TRACKER_REPLAY=tests/cassettes/nasa.json -O output/nasa.jsonl

# Live crawl (needs the internet).
crawl: $(STAMP)
	$(BIN)/scrapy crawl nasa -O output/nasa.jsonl

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest
