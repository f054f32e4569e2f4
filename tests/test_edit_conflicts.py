"""Two people editing the same item: the second save never silently replaces the first."""

import re
from html import unescape

import pytest
from django.test import Client

from news.models import Article
from parks.models import Park
from tests.helpers import make_article, make_park
from tests.test_admin_articles import article_form, change_url, publication
from tests.test_admin_parks import park_form

pytestmark = pytest.mark.django_db

BODY = "<p>" + "青岛西海岸新区今年新签约项目四十个，" * 6 + "总投资超过三百亿元。</p>"


def opened_version(client, obj):
    html = client.get(change_url(obj)).text
    return re.search(r'name="_edit_base" value="([^"]+)"', html).group(1)


@pytest.fixture
def colleague(publisher):
    publisher.first_name, publisher.last_name = "青", "王"
    publisher.save()
    client = Client()
    client.force_login(publisher)
    return client


def test_a_save_over_a_colleagues_newer_version_is_refused_and_keeps_what_was_typed(editor_client, colleague):
    article = make_article(title="青岛港年吞吐量再创新高", body=BODY, published=False)
    mine = opened_version(editor_client, article)

    # A colleague saves first, changing the body near its end.
    theirs = BODY.replace("三百亿元", "三百二十亿元")
    colleague.post(change_url(article), article_form(title=article.title, slug=article.slug, body=theirs,
                                                     **publication(article.published_at, status="draft")))  # fmt: skip
    assert Article.objects.get(pk=article.pk).body == theirs

    typed = article_form(title="青岛港吞吐量创历史新高", slug=article.slug, body=BODY, _edit_base=mine)
    response = editor_client.post(change_url(article), typed)
    assert response.status_code == 200
    text = unescape(response.text)
    assert "王青在您打开本页之后" in text  # who saved, in the admin's language
    assert "已保存的版本" in text and "本表单中" in text
    assert "三百二十亿元" in text  # what they saved, near where the bodies differ
    assert 'value="青岛港吞吐量创历史新高"' in response.text  # what I typed is still in the form
    saved = Article.objects.get(pk=article.pk)
    assert (saved.title, saved.body) == ("青岛港年吞吐量再创新高", theirs)  # nothing of mine written over theirs

    # The form now stands on their version: saving again, after merging by hand, goes through.
    newer = re.search(r'name="_edit_base" value="([^"]+)"', response.text).group(1)
    assert newer != mine
    response = editor_client.post(change_url(article), {**typed, "body": theirs, "_edit_base": newer})
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "青岛港吞吐量创历史新高"


def test_a_save_on_the_current_version_goes_through(editor_client):
    article = make_article(published=False)
    mine = opened_version(editor_client, article)
    data = article_form(title="新的标题", slug=article.slug, body=article.body, _edit_base=mine)
    assert editor_client.post(change_url(article), data).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "新的标题"


def test_another_error_does_not_move_the_form_to_a_newer_version(editor_client, colleague):
    park = make_park(name="青岛国际创新园", published=False)
    mine = opened_version(editor_client, park)
    refused = editor_client.post(change_url(park), park_form(park, name="", _edit_base=mine))
    assert refused.status_code == 200
    assert f'name="_edit_base" value="{mine}"' in refused.text


def test_a_bulk_publish_in_between_counts_as_a_newer_version(editor_client, colleague):
    park = make_park(name="青岛国际创新园", published=False)
    mine = opened_version(editor_client, park)
    colleague.post("/admin/parks/park/", {"action": "publish", "_selected_action": [park.pk], "index": 0})
    assert Park.objects.get(pk=park.pk).status == "published"
    response = editor_client.post(change_url(park), park_form(park, name="青岛国际创新园（新）", _edit_base=mine))
    assert response.status_code == 200 and "edit-conflict" in response.text
    assert Park.objects.get(pk=park.pk).name == "青岛国际创新园"
