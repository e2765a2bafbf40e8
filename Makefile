# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck pytest pytest-postgres browser serve clean-db demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

install: $(STAMP)

# Set everything up (idempotent) and serve the app for a laptop: SQLite in instance/.
run: install
	QUIZAPP_ENV=development PORT=$(PORT) $(BIN)/quizapp demo
	QUIZAPP_ENV=development $(BIN)/quizapp run --host $(HOST) --port $(PORT)

demo: install
	QUIZAPP_ENV=development PORT=$(PORT) $(BIN)/quizapp demo

# Several gunicorn workers (see gunicorn.conf.py); migrations run once, here, not in workers.
serve: install
	$(BIN)/quizapp init-db
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Chromium for the browser tests, from Debian's packages, when missing and we are root.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Chromium from Debian packages..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing; browser tests will be skipped (install the 'chromium' package)."; \
	  fi; \
	fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy question_bank quizapp wsgi.py benchmarks

pytest: install browser
	QUIZAPP_TEST_DB=sqlite $(BIN)/python -m pytest

pytest-postgres: install
	QUIZAPP_TEST_DB=postgresql $(BIN)/python -m pytest -m db

test: lint typecheck pytest pytest-postgres

clean-db:
	rm -f instance/quizapp.sqlite3 instance/quizapp.sqlite3-wal instance/quizapp.sqlite3-shm instance/demo-teacher.txt
