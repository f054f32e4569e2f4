"""Links stay right although URLs are remembered per process (bureau/urlcache.py)."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, clear_script_prefix, set_script_prefix
from django.utils import translation

from bureau.urlcache import reverse
from tests.helpers import make_article

pytestmark = pytest.mark.django_db


def test_a_changed_slug_shows_in_the_list_at_once(client):
    article = make_article(title="青岛高新区发展新闻", slug="old-slug")
    assert 'href="/news/old-slug/"' in client.get("/news/").text
    article.slug = "new-slug"
    article.save()
    page = client.get("/news/").text
    assert 'href="/news/new-slug/"' in page
    assert "/news/old-slug/" not in page


def test_each_language_gets_its_own_links(client):
    make_article(slug="gaoxin-news")
    # Alternate the languages: a link remembered for one must not leak into the other.
    for _ in range(2):
        chinese = client.get("/news/").text
        english = client.get("/en/news/").text
        assert 'href="/news/gaoxin-news/"' in chinese
        assert 'href="/en/news/gaoxin-news/"' in english
        assert "/en/news/gaoxin-news/" not in chinese


def test_the_url_tag_and_models_agree_with_django():
    article = make_article(slug="gaoxin-news")
    from django.urls import reverse as django_reverse

    for language in ("zh-hans", "en"):
        with translation.override(language):
            expected = django_reverse("news:article_detail", kwargs={"slug": "gaoxin-news"})
            assert article.get_absolute_url() == expected
            assert Template("{% url 'news:article_detail' slug=a.slug %}").render(Context({"a": article})) == expected
            assert Template("{% url 'news:article_list' as u %}[{{ u }}]").render(Context()) == (
                f"[{django_reverse('news:article_list')}]"
            )


def test_a_site_under_a_path_prefix_links_under_it():
    assert reverse("news:article_list") == "/news/"
    set_script_prefix("/portal/")
    try:
        assert reverse("news:article_list") == "/portal/news/"
    finally:
        clear_script_prefix()
    assert reverse("news:article_list") == "/news/"


def test_a_missing_url_fails_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            reverse("news:article_detail", kwargs={"slug": "不是 slug"})
    with pytest.raises(NoReverseMatch):
        Template("{% url 'news:no_such_page' %}").render(Context())
    assert Template("{% url 'news:no_such_page' as u %}[{{ u }}]").render(Context()) == "[]"
    # An argument that cannot be remembered (a list) gets Django's own answer, not a TypeError.
    with pytest.raises(NoReverseMatch):
        reverse("news:article_detail", kwargs={"slug": ["a", "list"]})


def test_another_urlconf_is_not_answered_from_memory():
    assert reverse("news:article_list") == "/news/"
    with override_settings(ROOT_URLCONF="bench.urls"):
        assert reverse("bench_ceiling") == "/bench/ceiling/"
    with pytest.raises(NoReverseMatch):
        reverse("bench_ceiling")
