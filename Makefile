# The archive's commands. `make run` serves it with the sample corpus; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: run serve setup test test-fast test-browser lint format messages bench engine engine-stop clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed ## virtualenv, database, sample corpus, static files
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py ingest samples/captures
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

run: setup serve ## set up, then serve on http://$(HOST):$(PORT) with gunicorn

serve:
	$(BIN)/gunicorn archive.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

test: $(BIN)/.installed ## lint, then the whole test suite (what CI runs)
	$(BIN)/ruff check .
	$(BIN)/pytest

test-fast: $(BIN)/.installed ## lint, then the suite without the tests marked slow (a few minutes)
	$(BIN)/ruff check .
	$(BIN)/pytest -m "not slow"

test-browser: $(BIN)/.installed ## the browser journeys and axe checks alone (Chromium: apt-get install chromium)
	@if [ ! -f tests/browser/node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund; fi
	$(BIN)/pytest tests/browser

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The interface's translations: update locale/*/LC_MESSAGES/django.po from the templates and views,
# then compile the django.mo files, which are committed (needs GNU gettext: apt-get install gettext).
MESSAGES_IGNORE := --ignore=tests --ignore=bench --ignore=samples --ignore=docs --ignore=var --ignore=static --ignore=.venv
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages --all --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

bench: $(BIN)/.installed ## ingest throughput and page/search timings (prints a table)
	$(BIN)/python -m bench

# A local OpenSearch for the Elasticsearch path (needs Java 17 and Maven; docs/deploy.md, section 3):
# `eval "$(make -s engine)"` sets SEARCH_URL in this shell; `make engine-stop` stops it.
ENGINE_DIR ?= var/engine
engine: ## start a single-node OpenSearch on 127.0.0.1 (prints SEARCH_URL=elasticsearch://...)
	@.ci/search-engine.sh start $(ENGINE_DIR)

engine-stop:
	@.ci/search-engine.sh stop $(ENGINE_DIR)

clean:
	rm -rf $(VENV) var
