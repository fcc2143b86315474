# Agency public-service portal. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in e-mails, notices and QR codes point where `make run` serves.
SITE_URL := $(or $(SITE_URL),http://$(HOST):$(PORT))

.DEFAULT_GOAL := help
.PHONY: help install run test lint format check migrate demo worker beat messages bench bench-scale clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the project with its dev tools

migrate: $(STAMP) ## Apply database migrations
	$(BIN)/python manage.py migrate --no-input

demo: migrate ## Load the demo agency, its content and the demo admin (idempotent)
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py load_demo
	$(BIN)/python manage.py create_agency_certificate

run: demo ## Set up everything and serve on http://127.0.0.1:8000 (SQLite, in-process tasks; HOST=, PORT=)
	SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(STAMP) ## ruff check, ruff format --check, and the import contracts (one-way apps)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP) ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP) ## Django checks, deploy checks with production settings, migrations up to date
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	SECRET_KEY=check-deploy-$$(date +%s)-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  ALLOWED_HOSTS=portal.example.gov.vn SITE_URL=https://portal.example.gov.vn \
	  VNPAY_TMN_CODE=CHECKDEP VNPAY_HASH_SECRET=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING --settings=portal.settings.production

test: lint check ## The whole suite: lint, checks, pytest
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS); status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest ran no test: failing"; exit 1; fi; exit $$status

worker: $(STAMP) ## A Celery worker (needs CELERY_BROKER_URL)
	$(BIN)/celery -A portal worker --loglevel INFO

beat: $(STAMP) ## Celery beat for periodic tasks (needs CELERY_BROKER_URL)
	$(BIN)/celery -A portal beat --loglevel INFO

messages: $(STAMP) ## Refresh and compile the English translation catalogue
	$(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=tests
	$(BIN)/python manage.py compilemessages -l en -l vi --ignore=.venv

bench: demo ## The hot pages through gunicorn under load, as ratios to a bare view (PERFORMANCE.md)
	$(BIN)/python tests/bench/load.py
	$(BIN)/python tests/bench/run.py

bench-scale: $(STAMP) ## Desk, lookup and statistics at BENCH_APPLICATIONS (10000,1000000) on PostgreSQL (DATABASE_URL)
	$(BIN)/python tests/bench/scale.py

clean: ## Remove the virtual environment, database and media of the embedded default
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media
