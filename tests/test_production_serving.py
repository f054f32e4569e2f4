"""The production stack for real: collectstatic with hashed, compressed files, then gunicorn.

Runs in subprocesses with DJANGO_DEBUG=0 on a throwaway SQLite database, so
it checks the same settings a server gets, not the test configuration.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    environ.update(
        DJANGO_SETTINGS_MODULE="bureau.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="production-test-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        DJANGO_SINGLE_PROCESS="1",  # one worker, no Redis
    )
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput", "--verbosity", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=environ, check=True, capture_output=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "-c",
            "python:bureau.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "bureau.wsgi",
        ],
        cwd=ROOT,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                pytest.fail("gunicorn exited: " + server.stderr.read().decode())
            time.sleep(0.3)
    yield {"base": base, "static": tmp / "static"}
    server.terminate()
    server.wait(timeout=10)


def _get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_collectstatic_writes_hashed_and_compressed_files(production):
    css = sorted((production["static"] / "bureau").glob("site.*.css"))
    hashed = [p for p in css if re.fullmatch(r"site\.[0-9a-f]{12}\.css", p.name)]
    assert hashed, css
    assert Path(f"{hashed[0]}.gz").exists()
    assert (production["static"] / "staticfiles.json").exists()


def test_gunicorn_serves_pages_with_hashed_static_urls(production):
    response = _get(production["base"] + "/")
    assert response.status == 200
    page = response.read().decode()
    match = re.search(r'href="(/static/bureau/site\.[0-9a-f]{12}\.css)"', page)
    assert match, "the page should link the hashed stylesheet"
    static = _get(production["base"] + match.group(1), **{"Accept-Encoding": "gzip"})
    assert static.status == 200
    assert static.headers["Content-Encoding"] == "gzip"
    assert "immutable" in static.headers["Cache-Control"]


def test_unknown_host_is_refused_and_errors_do_not_leak_debug_pages(production):
    assert _get(production["base"] + "/", Host="evil.example").status == 400
    missing = _get(production["base"] + "/no-such-page/")
    assert missing.status == 404
    assert "Traceback" not in missing.read().decode()
