"""gunicorn settings for production: `gunicorn -c python:bureau.gunicorn_conf bureau.wsgi`.

Each value can be overridden from the environment (GUNICORN_* or the usual
gunicorn command-line flags).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the site is CPU-bound template rendering; two per core is the
# usual starting point, tuned by measurement (see bench/).
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
if os.environ.get("DJANGO_SINGLE_PROCESS", "").strip().lower() in {"1", "true", "yes", "on"}:
    # The site was told it runs as one process (a memory cache, no Redis): more workers would each keep a
    # cache of their own and serve stale pages after an edit.
    if workers != 1 and "GUNICORN_WORKERS" in os.environ:
        raise SystemExit("DJANGO_SINGLE_PROCESS=1 needs GUNICORN_WORKERS=1: each worker would keep its own cache.")
    workers = 1
worker_class = "sync"
# A worker is replaced after this many requests (plus jitter), which bounds any
# slow growth in memory without restarting everything at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "500"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Loading the application before forking shares its memory between workers.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
