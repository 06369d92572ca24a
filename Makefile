# Two commands do everything on a fresh machine with Python 3.11:
#   make run   — virtualenv, install, migrate SQLite, demo content and login, a task
#                worker, serve 127.0.0.1:8000 (another port: make run PORT=8001)
#   make test  — install, lint, checks, migrations check, the whole test suite
PYTHON ?= python3.11
PORT ?= 8000
TEST_WORKERS ?= auto
SERVERS ?= 1
SLOW_MARKS := browser$(if $(filter 1,$(SERVERS)), or servers)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format install browser-deps clean bench bench-scale bench-edge \
	messages

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py rebuild_search_index
	@# The task worker runs beside the development server and stops with it.
	@$(BIN)/python manage.py db_worker --queue-name '*' --no-reload -v0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	@# The suite without browsers and servers on every core (pytest-xdist), then the
	@# browser tests and the production tests (tests/servers/, unless SERVERS=0),
	@# which start their own servers, one at a time.
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not browser and not servers" $(PYTEST_ARGS)
	@# (pytest's 5 says no test was selected: PYTEST_ARGS named other files.)
	$(BIN)/python -m pytest -m "$(SLOW_MARKS)" $(PYTEST_ARGS); status=$$?; \
	  [ $$status -eq 0 ] || [ $$status -eq 5 ]

# Benchmarks (docs/performance.md), never part of `make test`. `make bench` replaces
# the content of BENCH_DATABASE_URL with 2,000 generated interviews, then measures.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench
BENCH_BIG_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench_big
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/3
BENCH_ARGS ?=

bench: $(STAMP)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python benchmarks/generate.py --flush
	$(BIN)/python benchmarks/run.py --database-url $(BENCH_DATABASE_URL) \
		--redis-url $(BENCH_REDIS_URL) --json benchmarks/results/latest.json $(BENCH_ARGS)

# The 100,000-article database is generated once (a few minutes):
#   DATABASE_URL=$(BENCH_BIG_DATABASE_URL) .venv/bin/python benchmarks/generate.py --articles 100000 --flush
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/run.py --compare-db $(BENCH_DATABASE_URL) \
		$(BENCH_BIG_DATABASE_URL) --redis-url $(BENCH_REDIS_URL) \
		--json benchmarks/results/scale.json $(BENCH_ARGS)

# After changing interface text: update locale/ar/LC_MESSAGES/django.po, translate
# the new entries, then compile (the .mo is committed, so `make run` needs nothing).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l ar --no-obsolete --ignore=.venv \
		--ignore=benchmarks --ignore=tests --ignore=staticfiles --ignore=media
	$(BIN)/python manage.py compilemessages --ignore=.venv

# Varnish in front of gunicorn on BENCH_DATABASE_URL (filled by `make bench`): a cached
# article against the uncached origin, and how soon a purge reaches readers. Ports
# from BENCH_EDGE_PORT_BASE (+1, +2, +10); needs wrk, varnish and varnish-modules.
BENCH_EDGE_PORT_BASE ?= 8150
bench-edge: $(STAMP)
	$(BIN)/python benchmarks/edge.py --database-url $(BENCH_DATABASE_URL) \
		--redis-url $(BENCH_REDIS_URL) --port-base $(BENCH_EDGE_PORT_BASE) \
		--json benchmarks/results/edge.json $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
