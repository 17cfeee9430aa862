# Lokus: `make run` serves the demo on http://127.0.0.1:8000 (`make run PORT=8123` on another
# port), `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_PASSWORD ?= lokus-demo
PORT ?= 8000

.PHONY: run serve test screenshots lint bench messages clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

run: $(VENV)/.runtime-installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py seed_demo --password "$(DEMO_PASSWORD)"
	@echo ""
	@echo "Lokus is starting on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Demo accounts, password '$(DEMO_PASSWORD)':"
	@echo "  admin          superuser"
	@echo "  penyelenggara  organizer (admin for visits, practices, participants)"
	@echo "  peserta        participant with a change proposal"
	@echo "  coach          coach assigned to proposals"
	@echo ""
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production on one machine (see docs/deploy.md): migrate, collect the static files, then
# gunicorn with debug off, reading the same environment variables; without DJANGO_SECRET_KEY it
# stops before touching anything. Workers: WEB_CONCURRENCY, else 2 x cores + 1 (at most 12).
LOKUS_BIND ?= 127.0.0.1:8000
WEB_CONCURRENCY ?= $(shell n=$$(nproc 2>/dev/null || echo 1); w=$$((2 * n + 1)); [ $$w -gt 12 ] && w=12; echo $$w)
SERVE_ENV := DJANGO_DEBUG=0

serve: $(VENV)/.runtime-installed
	$(SERVE_ENV) $(BIN)/python -c "import config.wsgi"
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) exec $(BIN)/gunicorn config.wsgi --bind "$(LOKUS_BIND)" --workers $(WEB_CONCURRENCY) \
		--no-control-socket --access-logfile - $(GUNICORN_ARGS)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The README's pictures (docs/screenshots/*.png), taken in Chromium on the demo data by
# tests/browser/test_screenshots.py; needs /usr/bin/chromium (apt-get install -y chromium).
screenshots: $(VENV)/.dev-installed
	LOKUS_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_screenshots.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/mypy

.PHONY: backup restore

# The database (DATABASE_URL, or the SQLite file) to LOKUS_BACKUP_DIR; BACKUP_ARGS="--keep 14".
backup: $(VENV)/.runtime-installed
	$(BIN)/python manage.py backup $(BACKUP_ARGS)

# Replaces the whole database with FILE; YES=1 when it holds data and no one can answer.
restore: $(VENV)/.runtime-installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/lokus-<date>-<time>.dump [YES=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)" $(if $(YES),--yes)

messages: $(VENV)/.dev-installed
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages -l id --no-obsolete --no-location --ignore=.venv --ignore=tests
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages -l id --ignore=.venv

clean-venv:
	rm -rf $(VENV)

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lokus_bench

# National-scale timings in a separate database (never the demo one), which the bench command
# creates when missing, against a hello-world view and a bare list timed in the same run;
# BENCH_ARGS="--scale 10" for ten times the data (database lokus_bench_x10); see
# docs/performance.md.
bench: $(VENV)/.dev-installed
	DJANGO_SECRET_KEY=bench-only $(BIN)/python manage.py collectstatic --noinput -v0
	DJANGO_SECRET_KEY=bench-only DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench $(BENCH_ARGS)

.PHONY: loadtest

# Requests per second under wrk of the main pages served by gunicorn, beside the hello-world
# floor's, uncached and with the page cache; on the data set of `make bench` (run it first).
loadtest: $(VENV)/.dev-installed
	@command -v wrk >/dev/null || apt-get install -y wrk
	@test -x $(BIN)/gunicorn || { echo "gunicorn is missing: pip install -r requirements.txt"; exit 2; }
	DJANGO_SECRET_KEY=bench-only $(BIN)/python manage.py collectstatic --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m tooling.perf.loadtest $(LOADTEST_ARGS)
