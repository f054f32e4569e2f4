import pytest
from django.conf import settings as django_settings
from django.utils import translation

from tests.helpers import make_staff


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test writes uploads and renditions to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def chinese_outside_requests():
    """URLs built in a test (get_absolute_url) are the Chinese ones, whatever the last request activated.

    LocaleMiddleware leaves the request's language active in the thread, so
    after a request to /en/ a bare reverse() would build an /en/ address.
    Every test gets it.
    """
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def editor(db):
    return make_staff("editor", role="editor")


@pytest.fixture
def publisher(db):
    return make_staff("publisher", role="publisher")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client
