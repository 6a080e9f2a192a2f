# The README's two commands are `make run` and `make test`; CI calls `make test` (lint, format
# check, type check, then the tests).
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DB ?= resgestae.duckdb

.PHONY: install run test lint bench eval clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,ray]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/resgestae ingest samples/ --db $(DB)
	$(BIN)/resgestae events --db $(DB)

test: install
	$(BIN)/ruff check resgestae tests bench
	$(BIN)/ruff format --check resgestae tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check resgestae tests bench
	$(BIN)/ruff format --check resgestae tests bench
	$(BIN)/mypy

eval: install
	$(BIN)/resgestae eval ../shared/eval/dev

bench: install
	$(PY) bench/throughput.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
