"""Models that moved out of the project package keep their tables, rows, content types and permissions.

A site upgraded from the release where SlugRedirect and SearchDocument lived
in bureau/ must keep its old addresses and its search index, and the
permissions and admin history that point at their content types. The test
takes a real database back to that release's migrations and forward again.
"""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from content.models import SlugRedirect
from search.models import SearchDocument
from tests.helpers import make_article

BEFORE_THE_MOVE = [("bureau", "0004_slugredirect_labels"), ("content", None), ("search", None)]
MOVED = {"slugredirect": "content", "searchdocument": "search"}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_an_upgraded_site_keeps_old_addresses_search_entries_and_permissions():
    # A database has one row per model; other tests that rerun old data migrations may leave a second one.
    ContentType.objects.filter(app_label="bureau", model__in=MOVED).delete()
    article = make_article(title="旧标题的新闻", slug="jiu-biao-ti")
    article.slug = "xin-biao-ti"
    article.save()
    redirects, documents = SlugRedirect.objects.count(), SearchDocument.objects.count()
    assert redirects == 1 and documents == 1
    ids = {model: ContentType.objects.get(app_label=app, model=model).pk for model, app in MOVED.items()}
    permissions = {model: set(Permission.objects.filter(content_type_id=pk)) for model, pk in ids.items()}
    assert all(permissions.values())

    migrate(BEFORE_THE_MOVE)
    ContentType.objects.clear_cache()
    for pk in ids.values():
        assert ContentType.objects.get(pk=pk).app_label == "bureau"  # as the older release had it

    migrate(latest())
    ContentType.objects.clear_cache()
    for model, app in MOVED.items():
        content_type = ContentType.objects.get(app_label=app, model=model)
        assert content_type.pk == ids[model]
        assert set(Permission.objects.filter(content_type=content_type)) == permissions[model]
        assert not ContentType.objects.filter(app_label="bureau", model=model).exists()
    assert SlugRedirect.objects.count() == redirects and SearchDocument.objects.count() == documents
    assert SlugRedirect.objects.get().old_slug == "jiu-biao-ti"
