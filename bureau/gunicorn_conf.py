"""gunicorn settings for production: `gunicorn -c python:bureau.gunicorn_conf bureau.wsgi`.

Each value can be overridden from the environment (GUNICORN_* or the usual
gunicorn command-line flags).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the site is CPU-bound template rendering; two per core is the
# usual starting point, tuned by measurement (see bench/).
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
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
