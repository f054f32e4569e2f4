"""Print an nginx configuration for the front of the site: `make serve` uses it, docs/deploy.md shows it.

Why a front server: gunicorn's sync workers each serve one connection at a
time, from the first byte of the request to the last of the answer. A client
that sends its headers slowly (by accident on a bad line, or on purpose) holds
a worker all that time; a few of them stop the site. nginx reads the whole
request first and sends gunicorn only complete ones, gives up on clients
that stall, serves /static/ and /media/ itself, and tells Django whether the
visitor used HTTPS (X-Forwarded-Proto).
"""

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

TEMPLATE = """\
# nginx in front of gunicorn, made by `manage.py nginx_config` (see docs/deploy.md).
{user}worker_processes auto;
pid {run}/nginx.pid;
error_log {run}/error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    include {mime_types};
    default_type application/octet-stream;
    server_tokens off;
    sendfile on;
    access_log {access_log};
    client_body_temp_path {run}/client_body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;

    # A client that stalls is dropped here, and never reaches a gunicorn worker.
    client_header_timeout 10s;
    client_body_timeout 10s;
    send_timeout 30s;
    keepalive_timeout 15s;
    client_max_body_size {max_body};

    # The scheme the visitor used: the load balancer's word if there is one in front, else nginx's own.
    map $http_x_forwarded_proto $forwarded_proto {{
        default $http_x_forwarded_proto;
        "" $scheme;
    }}

    upstream django {{
        server {upstream};
    }}

    server {{
        listen {listen};
        server_name _;

        # collectstatic's output. Hashed names (site.3f9a1c2e4b7d.css) never change: a year.
        location /static/ {{
            alias {static_root}/;
            expires 1h;
            add_header X-Content-Type-Options nosniff;
            location ~ "\\.[0-9a-f]{{12}}\\.[A-Za-z0-9]+$" {{
                expires off;
                add_header Cache-Control "public, max-age=31536000, immutable";
                add_header X-Content-Type-Options nosniff;
            }}
        }}

        # Uploaded images, stored under names the server made.
        location /media/ {{
            alias {media_root}/;
            expires 1d;
            add_header X-Content-Type-Options nosniff;
            add_header Content-Security-Policy "default-src 'none'";
        }}

        location / {{
            proxy_pass http://django;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $forwarded_proto;
            # Whole requests and whole answers are buffered: gunicorn never waits on the network.
            proxy_request_buffering on;
            proxy_buffering on;
            proxy_read_timeout 60s;
        }}
    }}
}}
"""


class Command(BaseCommand):
    help = (
        "Print an nginx configuration that serves /static/ and /media/ itself and passes the rest, complete "
        "and buffered, to gunicorn. --run-dir is created for nginx's pid, logs and buffers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="8080", help="Address and port nginx listens on (default 8080).")
        parser.add_argument("--upstream", default="127.0.0.1:8000", help="gunicorn's address (default 127.0.0.1:8000).")
        parser.add_argument("--run-dir", default=".serve", help="Folder for nginx's pid, logs and buffers.")
        parser.add_argument("--access-log", action="store_true", help="Log every request (off by default).")

    def handle(self, listen, upstream, run_dir, access_log, **options):
        if not settings.STATIC_ROOT:
            raise CommandError(
                "STATIC_ROOT is not set: run with DJANGO_DEBUG=0 (or DJANGO_STATIC_ROOT) and collectstatic."
            )
        mime_types = next(
            (p for p in ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types") if os.path.exists(p)), None
        )
        if mime_types is None:
            raise CommandError("nginx's mime.types was not found: is nginx installed (apt-get install nginx-light)?")
        run = Path(run_dir).resolve()
        user = ""
        for sub in ("", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (run / sub).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            # Started as root, nginx's workers switch to an unprivileged user, who must write the buffers.
            user = "user www-data;\n"
            for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
                shutil.chown(run / sub, user="www-data")
        self.stdout.write(
            TEMPLATE.format(
                user=user,
                run=run,
                mime_types=mime_types,
                access_log=f"{run}/access.log" if access_log else "off",
                max_body=f"{settings.IMAGE_MAX_BYTES // (1024 * 1024) + 2}m",
                upstream=upstream,
                listen=listen,
                static_root=Path(settings.STATIC_ROOT).resolve(),
                media_root=Path(settings.MEDIA_ROOT).resolve(),
            ),
            ending="",
        )
