# Two commands matter: `make run` (demo site) and `make test` (whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint serve install migrate demo messages clean

run: install messages migrate demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py runserver 127.0.0.1:8000

test: install messages
	$(PY) -m pytest

# What CI checks besides the tests: ruff (lint and format) and the one-way layers (pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Production mode on this machine: needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS,
# DATABASE_URL and REDIS_URL in the environment (see docs/deploy.md).
serve: install messages
	DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 $(VENV)/bin/gunicorn -c python:bureau.gunicorn_conf bureau.wsgi

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compile_locales

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	@if [ -n "$$(ls fixtures/*.json 2>/dev/null)" ]; then $(PY) manage.py load_demo; else echo "No fixtures yet: skipping the demo data."; fi

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
