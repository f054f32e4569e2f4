"""The production stack for real: collectstatic with hashed, compressed files, gunicorn, and nginx in front.

Runs in subprocesses with DJANGO_DEBUG=0 on a throwaway SQLite database, so
it checks the same settings a server gets, not the test configuration.
"""

import base64
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser_support import skip_unless_ci

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
        DJANGO_BEHIND_PROXY="1",  # X-Forwarded-Proto decides whether a request was HTTPS
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
    yield {"base": base, "static": tmp / "static", "media": tmp / "media", "port": port, "env": environ, "tmp": tmp}
    server.terminate()
    server.wait(timeout=10)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(production):
    """nginx in front of that gunicorn, configured as `make serve` configures it."""
    if not shutil.which("nginx"):
        skip_unless_ci("nginx is not installed (apt-get install nginx-light)")
    port = free_port()
    run = production["tmp"] / "serve"
    config = production["tmp"] / "nginx.conf"
    made = subprocess.run(
        [sys.executable, "manage.py", "nginx_config", "--listen", f"127.0.0.1:{port}",
         "--upstream", f"127.0.0.1:{production['port']}", "--run-dir", str(run)],
        cwd=ROOT, env=production["env"], capture_output=True, text=True, check=True,
    )  # fmt: skip
    config.write_text(made.stdout)
    # nginx's workers (www-data when started as root) must reach static and media: pytest's folders are private.
    for folder in (production["tmp"], *production["tmp"].parents):
        if folder.stat().st_uid == os.geteuid():
            folder.chmod(folder.stat().st_mode | 0o005)
    subprocess.run(["nginx", "-t", "-q", "-c", str(config)], check=True, capture_output=True)
    subprocess.run(["nginx", "-c", str(config)], check=True, capture_output=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(50):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    yield {"base": base, "port": port}
    subprocess.run(["nginx", "-c", str(config), "-s", "quit"], capture_output=True)


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


def slow_clients(port, count=4):
    """Connections that send a request line and one header, then nothing: each would hold a sync worker."""
    sockets = []
    for _ in range(count):
        slow = socket.create_connection(("127.0.0.1", port))
        slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(slow)
    return sockets


def answers_within(url, seconds):
    started = time.monotonic()
    try:
        urllib.request.urlopen(url, timeout=seconds).read()
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return False
    return time.monotonic() - started < seconds


def test_slow_clients_hold_gunicorn_but_not_nginx(production, nginx):
    # Without a front server: the one sync worker waits on the first slow client, the visitor waits behind it.
    stalled = slow_clients(production["port"])
    try:
        assert not answers_within(production["base"] + "/robots.txt", 3)
    finally:
        for slow in stalled:
            slow.close()
    time.sleep(0.5)
    # With nginx in front: it holds the slow clients itself and passes gunicorn complete requests only.
    stalled = slow_clients(nginx["port"])
    try:
        for _ in range(5):
            assert answers_within(nginx["base"] + "/robots.txt", 1)
    finally:
        for slow in stalled:
            slow.close()


def test_nginx_serves_static_and_media_files_itself(production, nginx):
    page = _get(nginx["base"] + "/").read().decode()
    css = re.search(r'href="(/static/bureau/site\.[0-9a-f]{12}\.css)"', page).group(1)
    static = _get(nginx["base"] + css)
    assert static.status == 200 and static.headers["Server"] == "nginx"
    assert static.headers.get_all("Cache-Control") == ["public, max-age=31536000, immutable"]
    (production["media"] / "covers").mkdir(parents=True, exist_ok=True)
    (production["media"] / "covers" / "cover-1a2b3c4d.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    os.chmod(production["media"], 0o755)
    media = _get(nginx["base"] + "/media/covers/cover-1a2b3c4d.png")
    assert media.status == 200 and media.headers["Content-Type"] == "image/png"
    assert media.headers["X-Content-Type-Options"] == "nosniff"
    assert _get(production["base"] + "/media/covers/cover-1a2b3c4d.png").status == 404  # gunicorn never serves them


def test_nginx_tells_django_how_the_visitor_came(nginx):
    plain = _get(nginx["base"] + "/robots.txt")
    assert "Strict-Transport-Security" not in plain.headers
    secure = _get(nginx["base"] + "/robots.txt", **{"X-Forwarded-Proto": "https"})
    assert secure.status == 200
    assert "max-age=" in secure.headers["Strict-Transport-Security"]  # sent only over HTTPS


def test_nginx_refuses_an_oversized_upload_before_gunicorn_reads_it(nginx):
    request = urllib.request.Request(nginx["base"] + "/admin/login/", data=b"x" * (13 * 1024 * 1024), method="POST")
    try:
        status = urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, ConnectionError):
        status = 413  # nginx may close the connection while the body is still being sent
    assert status == 413


def test_the_editor_finds_its_hashed_modules_through_the_import_map_the_policy_allows(production):
    # The change form's CSP hash is computed from the import map as rendered, so it follows the hashed names.
    show = (
        "import django; django.setup(); import json, re; from content.editor import RichTextWidget, import_map_hash;"
        "media = RichTextWidget().media; text = re.search(r'>(.*)</script>', str(media['importmap']), re.S)[1];"
        "print(json.dumps({'imports': json.loads(text)['imports'], 'text': text, 'hash': import_map_hash(media)}))"
    )
    made = subprocess.run(
        [sys.executable, "-c", show], cwd=ROOT, env=production["env"], capture_output=True, text=True, check=True
    )
    rendered = json.loads(made.stdout)
    digest = base64.b64encode(hashlib.sha256(rendered["text"].encode()).digest()).decode()
    assert rendered["hash"] == f"'sha256-{digest}'"
    for url in rendered["imports"].values():
        assert re.fullmatch(r"/static/django_prose_editor/\w+\.[0-9a-f]{12}\.js", url), url
        module = _get(production["base"] + url)
        assert module.status == 200 and "immutable" in module.headers["Cache-Control"]
