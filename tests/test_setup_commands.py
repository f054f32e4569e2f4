"""The pieces `make run` relies on: settings from the environment, the admin account, translations."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from bureau import env

ROOT = Path(__file__).resolve().parents[1]


class TestEnvironmentHelpers:
    def test_booleans_accept_the_usual_spellings(self, monkeypatch):
        for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False), ("", True)]:
            monkeypatch.setenv("X_FLAG", raw)
            assert env.boolean("X_FLAG", default=True) is expected

    def test_a_typo_in_a_boolean_stops_start_up_with_the_variable_named(self, monkeypatch):
        monkeypatch.setenv("X_FLAG", "flase")
        with pytest.raises(env.ImproperlyConfigured, match="X_FLAG"):
            env.boolean("X_FLAG", default=False)

    def test_integers_and_lists(self, monkeypatch):
        monkeypatch.setenv("X_NUM", "42")
        monkeypatch.setenv("X_HOSTS", "a.example, b.example,,")
        assert env.integer("X_NUM", default=1) == 42
        assert env.listing("X_HOSTS", default=[]) == ["a.example", "b.example"]
        monkeypatch.setenv("X_NUM", "forty")
        with pytest.raises(env.ImproperlyConfigured, match="X_NUM"):
            env.integer("X_NUM", default=1)


def _run_manage(*args, **environ):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(environ)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True)


def test_production_mode_refuses_to_start_without_a_secret_key():
    result = _run_manage("check", DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="bureau.settings")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_deploy_check_is_clean_with_production_variables():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-secret-key-used-only-in-this-test-0123456789",
        DJANGO_ALLOWED_HOSTS="www.example.gov.cn",
        DJANGO_SETTINGS_MODULE="bureau.settings",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-used-only-in-this-test-0123456789",
    "DJANGO_ALLOWED_HOSTS": "www.example.gov.cn",
    "DJANGO_SETTINGS_MODULE": "bureau.settings",
}


def test_production_refuses_a_cache_in_each_process():
    result = _run_manage("check", **PRODUCTION, REDIS_URL="")
    assert result.returncode != 0
    assert "REDIS_URL must be set" in result.stderr and "DJANGO_SINGLE_PROCESS=1" in result.stderr


def test_a_single_process_site_may_run_without_redis():
    result = _run_manage("check", **PRODUCTION, REDIS_URL="", DJANGO_SINGLE_PROCESS="1")
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_runs_one_worker_for_a_single_process_site():
    code = "import bureau.gunicorn_conf as c; print(c.workers)"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "DJANGO_SINGLE_PROCESS": "1"})  # fmt: skip
    assert run.stdout.strip() == "1"
    refused = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "DJANGO_SINGLE_PROCESS": "1", "GUNICORN_WORKERS": "4"})  # fmt: skip
    assert refused.returncode != 0 and "GUNICORN_WORKERS=1" in refused.stderr


@pytest.mark.django_db
class TestEnsureAdmin:
    def test_creates_a_superuser_with_a_random_password_printed_once(self):
        out = StringIO()
        call_command("ensure_admin", stdout=out)
        password = out.getvalue().split("password:")[1].split()[0]
        user = get_user_model().objects.get(username="admin")
        assert user.is_superuser and user.is_staff
        assert user.check_password(password)
        assert len(password) >= 12

        again = StringIO()
        call_command("ensure_admin", stdout=again)
        assert "password:" not in again.getvalue()
        user.refresh_from_db()
        assert user.check_password(password)

    def test_two_fresh_databases_get_different_passwords(self):
        first, second = StringIO(), StringIO()
        call_command("ensure_admin", stdout=first)
        get_user_model().objects.all().delete()
        call_command("ensure_admin", stdout=second)
        assert first.getvalue() != second.getvalue()

    def test_reset_password_gives_a_working_new_one(self):
        call_command("ensure_admin", stdout=StringIO())
        out = StringIO()
        call_command("ensure_admin", "--reset-password", stdout=out)
        password = out.getvalue().split("password:")[1].split()[0]
        assert get_user_model().objects.get(username="admin").check_password(password)


def test_no_password_is_written_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    suspicious = []
    for name in tracked:
        path = ROOT / name
        if path.suffix not in {".py", ".md", ".txt", ".toml", ".cfg", ".ini", ".json", ""} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for marker in ("create_superuser(", "DJANGO_SUPERUSER_PASSWORD"):
            if marker in text and name != "demo/management/commands/ensure_admin.py" and not name.startswith("tests/"):
                suspicious.append(f"{name}: {marker}")
    assert suspicious == []


def test_nginx_config_needs_collected_static_files_and_says_so(settings, tmp_path):
    from django.core.management.base import CommandError

    settings.STATIC_ROOT = None
    with pytest.raises(CommandError, match="STATIC_ROOT is not set"):
        call_command("nginx_config", run_dir=str(tmp_path / "serve"), stdout=StringIO())


def test_nginx_config_serves_files_itself_and_passes_the_rest_to_gunicorn(settings, tmp_path):
    if not os.path.exists("/etc/nginx/mime.types"):
        pytest.skip("nginx is not installed")
    settings.STATIC_ROOT = str(tmp_path / "static")
    out = StringIO()
    call_command("nginx_config", listen="8080", upstream="127.0.0.1:8001", run_dir=str(tmp_path / "serve"), stdout=out)
    config = out.getvalue()
    assert f"alias {tmp_path / 'static'}/;" in config
    assert "server 127.0.0.1:8001;" in config and "listen 8080;" in config
    assert "proxy_request_buffering on;" in config and "client_header_timeout 10s;" in config
    assert f"client_max_body_size {settings.IMAGE_MAX_BYTES // (1024 * 1024) + 2}m;" in config


def test_every_dependency_of_a_pinned_package_is_pinned_too():
    """A fresh install gets the versions CI tested: what each pinned package needs (for the extras asked for) is
    pinned as well, with the version installed here."""
    import re
    from importlib import metadata

    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    root = Path(__file__).resolve().parents[1]
    pinned, wanted = {}, []
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\s+#.*", "", line).strip()
            if not line or line.startswith(("#", "-r")):
                continue
            requirement = Requirement(line)
            (version,) = [spec.version for spec in requirement.specifier if spec.operator == "=="]
            pinned[canonicalize_name(requirement.name)] = version
            wanted.append(requirement)
    unpinned = set()
    for requirement in wanted:
        for line in metadata.requires(requirement.name) or ():
            needed = Requirement(line)
            extras = requirement.extras or {""}
            if needed.marker and not any(
                needed.marker.evaluate({**default_environment(), "extra": extra}) for extra in extras
            ):
                continue
            if canonicalize_name(needed.name) not in pinned:
                unpinned.add(f"{needed.name} (needed by {requirement.name})")
    assert sorted(unpinned) == []
    for name, version in pinned.items():
        assert metadata.version(name) == version, name
