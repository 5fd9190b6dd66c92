# The README's two commands: `make run` and `make test`. Both install everything first.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-run-$(shell sha1sum requirements.txt | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)
# Debian packages, in two lists. RUN_DEBS is what serving the portal needs: WeasyPrint
# (pango, harfbuzz subsetting), a CJK font for the PDFs, gettext for the translation
# catalog. `make run` and `make install` (production) install only these.
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext
# TEST_DEBS is what `make test` adds: Chromium for the browser tests, poppler for reading
# PDFs back, nginx, openssl and systemd for the checks of deploy/ (nginx -t, the deployment
# test behind nginx over TLS, systemd-analyze verify), and the PostgreSQL client for the
# backup test (pg_dump, pg_restore), and wrk for the test that runs every bench script at a
# tiny size (tests/bench_guards/test_every_bench_script_runs.py).
TEST_DEBS := chromium poppler-utils nginx openssl systemd postgresql-client wrk
# `make backup` / `make restore` on a server: the PostgreSQL client only.
BACKUP_DEBS := postgresql-client
# `make bench` only: wrk, the load generator the page and load benches measure with.
BENCH_DEBS := wrk
# Stations in the bench database: national (200,000) or small (5,000), or a number.
SIZE ?= national
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install test-deps dev-venv system-deps bench-deps debs venv messages fonts e2e-tools migrate lint bench worker beat backup restore clean

install: system-deps venv messages fonts

system-deps:
	@$(MAKE) --no-print-directory debs PACKAGES="$(RUN_DEBS)"

test-deps:
	@$(MAKE) --no-print-directory debs PACKAGES="$(TEST_DEBS)"

bench-deps:
	@$(MAKE) --no-print-directory debs PACKAGES="$(BENCH_DEBS)"

debs:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

# requirements.txt is what the portal runs on; requirements-dev.txt adds the test, lint and
# profiling tools, installed by `make test`, `make lint` and `make bench` only.
venv: $(STAMP)
dev-venv: $(DEV_STAMP)

$(STAMP): requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	@rm -f $(VENV)/.installed-run-*; touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	@rm -f $(VENV)/.installed-dev-*; touch $(DEV_STAMP)

# Test-only JavaScript (axe-core for the browser tests, opening_hours for the open data's
# OSM hours; see tests/e2e/package.json), pinned
# by its lockfile and installed by `make test` only, so `make run` needs no npm; Debian's
# npm when the machine has none.
E2E_STAMP := tests/e2e/node_modules/.installed-$(shell sha1sum tests/e2e/package-lock.json | cut -c1-12)
e2e-tools: $(E2E_STAMP)

$(E2E_STAMP): tests/e2e/package.json tests/e2e/package-lock.json
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	@touch $(E2E_STAMP)

messages: venv
	@$(PY) manage.py compilemessages -v 0 --ignore=$(VENV) --ignore=node_modules

# The GB2312 cuts of the PDF fonts, made once into var/fonts/ (FONT_CACHE_DIR) rather than
# by the first render after every reboot.
fonts: venv system-deps
	@$(PY) manage.py documents_fonts -v 0 >/dev/null

migrate: install
	$(PY) manage.py migrate --noinput -v 0

run: migrate
	$(PY) manage.py seed_demo
	@echo "Portal: http://$(HOST):$(PORT)/   staff login: http://$(HOST):$(PORT)/accounts/login/"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: dev-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# pytest-xdist runs the suite in one process per core, at most 4: each has its own test
# database and Redis database (config/settings/test.py). Tests are handed out in
# pytest-django's order, transactional tests last, as Django's runner orders them (a
# transactional test leaves its database empty for the next), and the browser tests to one
# process together (tests/conftest.py: pytest_xdist_make_scheduler). A phone's logout that
# once missed its navigation under this load waited on an IndexedDB count that never
# answered; the logout no longer waits on it (static/js/offline.js). One process:
# `make test TEST_WORKERS=0`.
TEST_WORKERS ?= auto
test: install test-deps dev-venv e2e-tools lint
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist load $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A config worker -l info

beat: install
	$(VENV)/bin/celery -A config beat -l info

# Needs the local PostgreSQL (BENCH_DATABASE_URL, default relay_bench_$(SIZE) as postgres on
# 127.0.0.1) and Redis (BENCH_REDIS_URL); see the README's Benchmarks section.
bench: install dev-venv bench-deps
	SIZE=$(SIZE) $(PY) bench/run.py $(BENCH_ARGS)

# Backups: the database (pg_dump custom format, or SQLite's online backup) and the media
# folder, into one folder per run under BACKUP_DIR (config/management/commands/backup.py).
BACKUP_DIR ?= backups
backup: install
	@$(MAKE) --no-print-directory debs PACKAGES="$(BACKUP_DEBS)"
	$(PY) manage.py backup --into $(BACKUP_DIR)

# make restore FROM=backups/relay-20261124-181500: replaces the database and media.
restore: install
	@$(MAKE) --no-print-directory debs PACKAGES="$(BACKUP_DEBS)"
	@test -n "$(FROM)" || { echo "usage: make restore FROM=<backup folder>"; exit 2; }
	$(PY) manage.py restore $(FROM) --noinput

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 var
