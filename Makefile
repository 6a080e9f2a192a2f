# The README's two commands are `make run` and `make test`; CI calls `make test` (lint, format
# check, type check, then the tests). `make install` also builds the dashboard that `resgestae
# serve` shows (web/: npm ci, then esbuild into resgestae/serve/static, which git ignores);
# `make test` also installs Debian's chromium for the browser tests when it is missing and
# apt-get can (as root).
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
DB ?= resgestae.duckdb

STATIC := resgestae/serve/static/index.html
CHROMIUM ?= /usr/bin/chromium

.PHONY: install dashboard browser run serve test lint bench bench-serve eval clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[serve,test,ray]'
	touch $@

install: $(VENV)/.installed dashboard

# Without npm the dashboard is not built: said here, and `resgestae serve` says it at /; the
# browser tests skip, except under CI=true, where a dashboard that cannot be built fails.
dashboard:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(STATIC); \
	elif [ "$${CI:-}" = "true" ]; then \
		echo "make: npm (Node.js 18 or newer) is missing; it builds the dashboard (apt-get install nodejs npm)" >&2; exit 1; \
	else \
		echo "make: npm (Node.js 18 or newer) is missing, so the dashboard of 'resgestae serve' is not built; install nodejs and npm, then run make install again" >&2; \
	fi

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

$(STATIC): web/node_modules/.package-lock.json web/build.mjs $(wildcard web/src/*)
	cd web && npm run --silent build

# Debian's chromium for the browser tests (pip cannot install it); installed when missing and
# possible (root with apt-get), else the tests skip saying so (and fail under CI=true).
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "make: installing Debian's chromium for the browser tests" >&2; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "make: $(CHROMIUM) is missing, so the browser tests skip; install it with: sudo apt-get install chromium" >&2; \
		fi; \
	fi

run: install
	$(BIN)/resgestae ingest samples/ --db $(DB)
	$(BIN)/resgestae events --db $(DB)

serve: install
	$(BIN)/resgestae serve --db $(DB)

test: install browser
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

bench-serve: install browser
	$(PY) bench/serve.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache web/node_modules resgestae/serve/static
