# Two commands matter: `make run` (demo site) and `make test` (whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint serve nginx install migrate demo messages clean

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

# Production mode on this machine: nginx in front (it reads whole requests, drops clients that stall and serves
# /static/ and /media/), gunicorn behind it. Needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and
# REDIS_URL in the environment (see docs/deploy.md); nginx is installed from Debian's packages if missing.
SERVE_LISTEN ?= 8080
SERVE_UPSTREAM ?= 127.0.0.1:8001
SERVE_DIR := .serve

serve: install messages nginx
	DJANGO_DEBUG=0 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=0 $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_DEBUG=0 $(PY) manage.py nginx_config --listen $(SERVE_LISTEN) --upstream $(SERVE_UPSTREAM) --run-dir $(SERVE_DIR) > $(SERVE_DIR).conf
	nginx -t -q -c "$(CURDIR)/$(SERVE_DIR).conf" && nginx -c "$(CURDIR)/$(SERVE_DIR).conf"
	trap 'nginx -c "$(CURDIR)/$(SERVE_DIR).conf" -s quit' EXIT INT TERM; \
	DJANGO_DEBUG=0 DJANGO_BEHIND_PROXY=1 GUNICORN_BIND=$(SERVE_UPSTREAM) $(VENV)/bin/gunicorn -c python:bureau.gunicorn_conf bureau.wsgi

nginx:
	@command -v nginx >/dev/null || { echo "Installing nginx (Debian's nginx-light)"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }
	@command -v nginx >/dev/null || { echo "nginx is needed in front of gunicorn: apt-get install nginx-light" >&2; exit 1; }

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(PY) manage.py compile_locales

# Content saved before the history existed (or loaded by a plain loaddata) gets a first version, once.
migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createinitialrevisions news.article parks.park parks.enterprise --comment '{"kind": "initial"}' -v 0

demo: migrate
	@if [ -n "$$(ls fixtures/*.json 2>/dev/null)" ]; then $(PY) manage.py load_demo --if-empty; else echo "No fixtures yet: skipping the demo data."; fi

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles $(SERVE_DIR) $(SERVE_DIR).conf
