"""The staff preview of unpublished content, and the admin's "view on site" link.

A draft's existence is not public: whoever may not preview it gets the same
404 as for a page that does not exist, never a redirect to a login form.
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from tests.helpers import make_article, make_enterprise, make_park

pytestmark = pytest.mark.django_db

FACTORIES = {
    "article": (make_article, "青岛高新区发展新闻"),
    "park": (make_park, "青岛高新技术产业开发区"),
    "enterprise": (make_enterprise, "青岛创新奇智科技集团股份有限公司"),
}
kinds = pytest.mark.parametrize("kind", list(FACTORIES))


def draft(kind, **fields):
    factory, _name = FACTORIES[kind]
    return factory(published=False, **fields)


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@kinds
def test_staff_with_a_role_see_a_draft_marked_as_a_preview(editor_client, kind):
    obj = draft(kind)
    response = editor_client.get(obj.get_preview_url())
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert FACTORIES[kind][1] in response.text
    assert 'class="preview-banner"' in response.text
    # Never indexed, never kept by a shared cache.
    assert response["X-Robots-Tag"] == "noindex"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


@kinds
def test_a_draft_is_404_at_its_public_address_even_for_staff(editor_client, kind):
    obj = draft(kind)
    assert editor_client.get(obj.get_absolute_url()).status_code == 404


@kinds
def test_anonymous_visitors_get_404_not_a_login_redirect(client, kind):
    obj = draft(kind)
    response = client.get(obj.get_preview_url())
    assert response.status_code == 404


@kinds
def test_logged_in_users_who_are_not_staff_get_404(client, kind):
    obj = draft(kind)
    member = get_user_model().objects.create_user("reader")
    # Even a permission granted by mistake does not open previews to non-staff.
    member.user_permissions.add(Permission.objects.get(codename=f"view_{obj._meta.model_name}"))
    client.force_login(member)
    assert client.get(obj.get_preview_url()).status_code == 404


@kinds
def test_staff_without_a_role_get_404(client, kind):
    obj = draft(kind)
    client.force_login(get_user_model().objects.create_user("visitor", is_staff=True))
    assert client.get(obj.get_preview_url()).status_code == 404


def test_change_permission_is_enough_to_preview(client):
    # As in the admin, which lets whoever may change an object also look at it.
    article = draft("article")
    user = get_user_model().objects.create_user("writer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_article"))
    client.force_login(user)
    assert client.get(article.get_preview_url()).status_code == 200


def test_an_unknown_id_is_404(editor_client):
    assert editor_client.get(reverse("news:article_preview", args=[987654])).status_code == 404


@kinds
def test_view_on_site_opens_the_preview_for_a_draft_and_the_page_for_a_public_object(editor_client, kind):
    factory, _name = FACTORIES[kind]
    unpublished = factory(published=False)
    response = editor_client.get(change_url(unpublished))
    assert response.context["absolute_url"] == unpublished.get_preview_url()
    assert f'href="{unpublished.get_preview_url()}" class="viewsitelink"' in response.text

    unpublished.delete()
    public = factory()
    response = editor_client.get(change_url(public))
    assert response.context["absolute_url"] == public.get_absolute_url()
    assert f'href="{public.get_absolute_url()}" class="viewsitelink"' in response.text
    assert editor_client.get(public.get_absolute_url()).status_code == 200


def test_view_on_site_previews_a_scheduled_article(editor_client):
    article = make_article(when=timezone.now() + timedelta(days=1))
    response = editor_client.get(change_url(article))
    assert response.context["absolute_url"] == article.get_preview_url()
    assert editor_client.get(article.get_preview_url()).status_code == 200


def test_the_change_form_links_to_the_preview(editor_client):
    article = draft("article")
    response = editor_client.get(change_url(article))
    assert f'<a href="{article.get_preview_url()}" target="_blank">' in response.text
