"""What is public, and old addresses that keep working after a slug changes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from content.models import SlugRedirect, Status
from news.models import Article
from parks.models import Enterprise, Park
from tests.helpers import make_article, make_enterprise, make_park

MAKERS = {"article": make_article, "park": make_park, "enterprise": make_enterprise}
DETAIL_URLS = {"article": "news:article_detail", "park": "parks:park_detail", "enterprise": "parks:enterprise_detail"}


def detail_url(kind, slug):
    return reverse(DETAIL_URLS[kind], kwargs={"slug": slug})


def rename(obj, slug):
    obj.slug = slug
    obj.save()
    return obj


# The publication rule.


@pytest.mark.parametrize("model, kind", [(Article, "article"), (Park, "park"), (Enterprise, "enterprise")])
@pytest.mark.django_db
def test_published_excludes_drafts_and_scheduled_items_until_their_time(model, kind):
    make = MAKERS[kind]
    public = make("公开" + kind)
    make("草稿" + kind, published=False)
    scheduled = make("定时" + kind, when=timezone.now() + timedelta(hours=2))

    assert list(model.objects.published()) == [public]

    # The time comes: no job runs, the item simply starts to match.
    scheduled.published_at = timezone.now() - timedelta(seconds=1)
    scheduled.save()
    assert set(model.objects.published()) == {public, scheduled}


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.django_db
def test_draft_and_scheduled_detail_pages_are_404_for_visitors(client, kind):
    draft = MAKERS[kind]("草稿" + kind, published=False)
    scheduled = MAKERS[kind]("定时" + kind, when=timezone.now() + timedelta(hours=2))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    scheduled.published_at = timezone.now() - timedelta(minutes=1)
    scheduled.save()
    assert client.get(scheduled.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_published_item_becomes_private_again_when_unpublished(client):
    article = make_article()
    article.status = Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


# Old addresses.


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.django_db
def test_old_address_of_a_published_item_redirects_permanently(client, kind):
    obj = MAKERS[kind]("青岛" + kind)
    old_url = obj.get_absolute_url()

    rename(obj, "new-" + kind)

    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == detail_url(kind, "new-" + kind)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.django_db
def test_old_english_address_redirects_to_the_new_english_address(client):
    article = make_article(slug="old-news")
    rename(article, "new-news")
    with override("en"):
        old_url, new_url = detail_url("article", "old-news"), detail_url("article", "new-news")
    assert old_url.startswith("/en/")
    response = client.get(old_url)
    assert (response.status_code, response["Location"]) == (301, new_url)


@pytest.mark.django_db
def test_every_old_address_redirects_in_one_step(client):
    article = make_article(slug="first")
    rename(article, "second")
    rename(article, "third")
    for old in ("first", "second"):
        response = client.get(detail_url("article", old))
        assert (response.status_code, response["Location"]) == (301, detail_url("article", "third"))


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.django_db
def test_a_drafts_slug_change_leaves_no_redirect(client, kind):
    obj = MAKERS[kind]("草稿" + kind, published=False, slug="draft-old")
    rename(obj, "draft-new")

    assert not SlugRedirect.objects.exists()
    assert client.get(detail_url(kind, "draft-old")).status_code == 404


@pytest.mark.django_db
def test_old_address_of_an_unpublished_item_is_404(client):
    article = make_article(slug="was-public")
    rename(article, "renamed")
    article.status = Status.DRAFT
    article.save()

    assert client.get(detail_url("article", "was-public")).status_code == 404
    assert client.get(detail_url("article", "renamed")).status_code == 404


@pytest.mark.django_db
def test_old_address_of_an_item_moved_back_into_the_future_is_404(client):
    park = make_park(slug="zone")
    rename(park, "zone-renamed")
    park.published_at = timezone.now() + timedelta(days=3)
    park.save()
    assert client.get(detail_url("park", "zone")).status_code == 404


@pytest.mark.django_db
def test_going_back_to_an_old_slug_serves_the_page_there_again(client):
    article = make_article(slug="original")
    rename(article, "temporary")
    rename(article, "original")

    assert not SlugRedirect.objects.filter(old_slug="original").exists()
    assert client.get(detail_url("article", "original")).status_code == 200
    response = client.get(detail_url("article", "temporary"))
    assert (response.status_code, response["Location"]) == (301, detail_url("article", "original"))


@pytest.mark.django_db
def test_a_published_item_that_takes_an_old_slug_is_served_there(client):
    old = make_article(title="旧新闻", slug="shared")
    rename(old, "old-moved")
    new = make_article(title="新新闻", slug="shared")

    response = client.get(detail_url("article", "shared"))
    assert response.status_code == 200
    assert response.context["article"] == new


@pytest.mark.django_db
def test_a_redirect_belongs_to_its_own_kind_of_page(client):
    # A renamed park's old slug means nothing on the news pages.
    rename(make_park(slug="same-slug"), "park-renamed")
    assert client.get(detail_url("article", "same-slug")).status_code == 404
    assert client.get(detail_url("park", "same-slug")).status_code == 301


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.django_db
def test_an_unknown_slug_is_404(client, kind):
    MAKERS[kind]("存在" + kind)
    assert client.get(detail_url(kind, "no-such-page")).status_code == 404
