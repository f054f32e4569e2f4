"""No page from before a commit outlives the commit.

An editor's save runs in a transaction. A visitor served between the save
and the commit sees the old row (another connection cannot see uncommitted
data); that page may be cached, but only until the commit, which starts a new
content generation. Two real connections: the editor's, in a thread, holding
its transaction open, and the visitor's, in the test.
"""

import threading

import pytest
from django.db import connection, transaction

from news.models import Article
from parks.models import Park
from tests.helpers import make_article, make_park

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 20


def edit_in_a_held_transaction(change):
    """Run ``change()`` in a transaction in another thread; return (saved, commit) events and the thread."""
    saved, commit = threading.Event(), threading.Event()
    problems = []

    def editor():
        try:
            with transaction.atomic():
                change()
                saved.set()
                assert commit.wait(WAIT), "the test never let the editor commit"
        except Exception as error:  # reported in the test's own thread
            problems.append(error)
            saved.set()
        finally:
            connection.close()

    thread = threading.Thread(target=editor)
    thread.start()
    assert saved.wait(WAIT)
    return commit, thread, problems


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_page_cached_before_the_commit_is_not_served_after_it(client, page_cache):
    article = make_article(title="旧标题：园区新闻", slug="story")

    def retitle():
        row = Article.objects.get(pk=article.pk)
        row.title = "新标题：园区新闻"
        row.save()

    commit, editor, problems = edit_in_a_held_transaction(retitle)
    for url in ("/news/", article.get_absolute_url()):
        during = client.get(url)
        assert "旧标题：园区新闻" in during.text and "新标题：园区新闻" not in during.text  # not committed yet
        assert client.get(url)["X-Cache"] == "hit"  # and kept, under the generation the save started
    commit.set()
    editor.join(WAIT)
    assert not problems
    for url in ("/news/", article.get_absolute_url(), "/"):
        after = client.get(url)
        assert "新标题：园区新闻" in after.text, url
        assert "旧标题：园区新闻" not in after.text, url


def test_a_link_added_in_a_transaction_shows_after_the_commit(client, page_cache):
    article = make_article(title="园区动态", slug="story")
    park = make_park(name="青岛国际创新园", slug="innovation-park")
    assert "园区动态" not in client.get(park.get_absolute_url()).text

    commit, editor, problems = edit_in_a_held_transaction(
        lambda: Article.objects.get(pk=article.pk).parks.add(Park.objects.get(pk=park.pk))
    )
    assert "园区动态" not in client.get(park.get_absolute_url()).text
    commit.set()
    editor.join(WAIT)
    assert not problems
    assert "园区动态" in client.get(park.get_absolute_url()).text
