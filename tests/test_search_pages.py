"""The bureau's pages in the site search: a published policy, "about us" or accessibility statement is found by
the words of its text in each language, a draft never, and a page unpublished drops out at once."""

import pytest

from content.models import Status
from search.models import SearchDocument
from tests.helpers import make_page

pytestmark = pytest.mark.django_db

POLICY_BODY = "<p>对新落户的<strong>集成电路</strong>企业，按设备投资额给予补助。</p>"
POLICY_BODY_EN = "<p>Newly settled <strong>semiconductor</strong> companies receive a grant on their equipment.</p>"


@pytest.fixture
def policy(db):
    return make_page(
        title="集成电路产业扶持政策", kind="policy", slug="chips", body=POLICY_BODY,
        title_en="Support for the chip industry", body_en=POLICY_BODY_EN,
    )  # fmt: skip


def results(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.text


def test_a_published_policy_is_found_by_a_word_of_its_body_in_chinese(client, policy):
    text = results(client, "/search/?q=设备投资")
    assert 'href="/policies/chips/"' in text
    assert "search-result-pages" in text and "投资政策" in text  # labelled by its kind
    assert "<mark>设备投资</mark>" in text
    assert 'href="/policies/chips/"' in results(client, "/search/?q=设备投资&kind=pages")
    # The Chinese page does not match the English text it does not show.
    assert "/policies/chips/" not in results(client, "/search/?q=semiconductor")


def test_a_published_policy_is_found_by_a_word_of_its_english_body(client, policy):
    text = results(client, "/en/search/?q=semiconductor")
    assert 'href="/en/policies/chips/"' in text and "Investment policy" in text
    assert "/policies/chips/" not in results(client, "/en/search/?q=设备投资")


def test_an_english_page_without_english_finds_the_chinese_text_it_shows(client):
    make_page(title="关于青岛市经济发展局", kind="about", body="<p>本局负责全市园区招商引资工作。</p>")
    text = results(client, "/en/search/?q=招商引资")
    assert 'href="/en/about/"' in text and "About us" in text


def test_a_draft_is_not_found(client):
    make_page(title="草稿政策", kind="policy", slug="draft", body="<p>尚未发布的补贴办法。</p>", published=False)
    assert "/policies/draft/" not in results(client, "/search/?q=补贴办法")
    assert "/policies/draft/" not in results(client, "/search/?q=补贴办法&kind=pages")


def test_unpublishing_removes_a_page_from_the_results(client, policy):
    assert 'href="/policies/chips/"' in results(client, "/search/?q=设备投资")
    policy.status = Status.DRAFT
    policy.save()
    assert "/policies/chips/" not in results(client, "/search/?q=设备投资")
    assert "/policies/chips/" not in results(client, "/en/search/?q=semiconductor")


def test_the_index_follows_every_save_and_delete(policy):
    entry = SearchDocument.objects.get(kind=SearchDocument.Kind.PAGE, object_id=policy.pk)
    assert "设备" in entry.body_tokens.split() and "semiconductor" in entry.body_tokens_en.split()
    policy.body = "<p>人才公寓政策。</p>"
    policy.save()
    entry = SearchDocument.objects.get(kind=SearchDocument.Kind.PAGE, object_id=policy.pk)
    assert "公寓" in entry.body_tokens.split() and "设备" not in entry.body_tokens.split()
    policy.delete()
    assert not SearchDocument.objects.filter(kind=SearchDocument.Kind.PAGE).exists()


def test_the_rebuild_command_indexes_pages_too(policy):
    from io import StringIO

    from django.core.management import call_command

    SearchDocument.objects.filter(kind=SearchDocument.Kind.PAGE).delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "1 pages" in out.getvalue()
    assert SearchDocument.objects.filter(kind=SearchDocument.Kind.PAGE, object_id=policy.pk).exists()
