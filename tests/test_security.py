"""What a browser and an attacker see: security headers, cookies, log-in throttling."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from tests.helpers import make_article


@pytest.fixture
def public_page(db):
    return make_article().get_absolute_url()


@pytest.mark.django_db
class TestHeaders:
    def test_public_pages_forbid_inline_script_and_other_hosts(self, client, public_page):
        csp = client.get(public_page)["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"
        assert directives["style-src"] == "'self'"
        assert directives["frame-ancestors"] == "'none'"
        assert directives["object-src"] == "'none'"
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp

    @pytest.mark.parametrize("path", ["/admin/login/", "/does-not-exist/"])
    def test_admin_and_error_pages_carry_the_same_policy(self, client, path):
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"]

    def test_other_protective_headers(self, client, public_page):
        response = client.get(public_page)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_hsts_is_sent_over_https_when_configured(self, settings, public_page):
        # A new Client per setting: middleware reads its settings when it is built.
        settings.SECURE_HSTS_SECONDS = 31536000
        settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
        response = Client().get(public_page, secure=True)
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        settings.SECURE_HSTS_SECONDS = 0
        assert "Strict-Transport-Security" not in Client().get(public_page, secure=True)

    def test_no_page_template_contains_inline_script_or_style(self):
        from pathlib import Path

        root = Path(__file__).resolve().parents[1]
        offenders = []
        for template in root.glob("*/templates/**/*.html"):
            text = template.read_text(encoding="utf-8")
            for needle in ("<style", " style=", " onclick=", " onload=", "javascript:"):
                if needle in text:
                    offenders.append(f"{template.relative_to(root)}: {needle.strip()}")
            for line in text.splitlines():
                if (
                    "<script" in line
                    and "src=" not in line
                    and "application/ld+json" not in line
                    and "json_script" not in line
                ):
                    offenders.append(f"{template.relative_to(root)}: inline <script>")
        assert offenders == []


def _login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "staffer", "password": password, "next": "/admin/"},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.mark.django_db
class TestLoginThrottling:
    @pytest.fixture(autouse=True)
    def staffer(self):
        return get_user_model().objects.create_user("staffer", password="the-right-password-9", is_staff=True)

    def test_a_wrong_password_gets_the_normal_error(self, client):
        response = _login(client, "wrong")
        assert response.status_code == 200
        assert "errornote" in response.text

    def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_message(self, client, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "wrong")
        response = _login(client, "the-right-password-9")
        assert response.status_code == 429
        assert "15" in response.text  # the wait, in minutes
        assert "_auth_user_id" not in client.session

    def test_another_address_is_not_locked_out(self, client, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            _login(client, "wrong")
        response = client.post(
            reverse("admin:login"),
            {"username": "staffer", "password": "the-right-password-9", "next": "/admin/"},
            REMOTE_ADDR="198.51.100.9",
        )
        assert response.status_code == 302

    def test_password_spraying_from_one_address_is_locked_out(self, client, settings):
        # One password tried on many accounts: no single account fails often, the address does.
        for n in range(settings.AXES_FAILURE_LIMIT):
            get_user_model().objects.create_user(f"colleague{n}", password=f"their-own-password-{n}", is_staff=True)
            response = client.post(
                reverse("admin:login"),
                {"username": f"colleague{n}", "password": "Qingdao2026!", "next": "/admin/"},
                REMOTE_ADDR="203.0.113.7",
            )
            # Each account fails once; the address reaches the limit with the last of them.
            assert response.status_code == (429 if n == settings.AXES_FAILURE_LIMIT - 1 else 200)
        locked = _login(client, "the-right-password-9")  # a real account with its right password, same address
        assert locked.status_code == 429
        assert "_auth_user_id" not in client.session
        elsewhere = client.post(
            reverse("admin:login"),
            {"username": "staffer", "password": "the-right-password-9", "next": "/admin/"},
            REMOTE_ADDR="198.51.100.9",
        )
        assert elsewhere.status_code == 302

    def test_success_before_the_limit_resets_the_count(self, client, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            _login(client, "wrong")
        assert _login(client, "the-right-password-9").status_code == 302
        client.logout()
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            _login(client, "wrong")
        assert _login(client, "the-right-password-9").status_code == 302


def test_production_settings_are_secure():
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environ.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_SETTINGS_MODULE="bureau.settings",
        REDIS_URL="redis://127.0.0.1:6379/0",  # production refuses a cache in each process
    )
    probe = (
        "import json; from django.conf import settings as s; print(json.dumps({k: str(getattr(s, k)) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS']} | {'static': s.STORAGES['staticfiles']['BACKEND'], "
        "'conn_max_age': s.DATABASES['default']['CONN_MAX_AGE']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=Path(__file__).resolve().parents[1],
        env=environ,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert (
        values["SESSION_COOKIE_SECURE"] == values["CSRF_COOKIE_SECURE"] == values["SESSION_COOKIE_HTTPONLY"] == "True"
    )
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_SSL_REDIRECT"] == "True"
    assert int(values["SECURE_HSTS_SECONDS"]) >= 31536000
    assert values["static"].startswith("whitenoise.")
    assert values["conn_max_age"] == 60
