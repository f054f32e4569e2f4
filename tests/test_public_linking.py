"""The first mention of a linked park or enterprise in an article body becomes a link, at display time."""

import pytest

from news import mentions as linking
from news.mentions import Target, link_mentions
from tests.helpers import make_article, make_enterprise, make_park

PARK = Target("/parks/gx/", ("青岛高新技术产业开发区", "青岛高新区", "高新区"))
KAOS = Target("/enterprises/kaos/", ("卡奥斯", "COSMOPlat"))


def link(url, text):
    return f'<a class="mention" href="{url}">{text}</a>'


def test_only_the_first_mention_of_each_object_is_linked():
    html = "<p>青岛高新区发布报告。高新区还表示，卡奥斯将入驻；卡奥斯是平台。</p>"
    assert link_mentions(html, [PARK, KAOS]) == (
        f"<p>{link('/parks/gx/', '青岛高新区')}发布报告。高新区还表示，{link('/enterprises/kaos/', '卡奥斯')}将入驻；卡奥斯是平台。</p>"
    )


def test_the_longest_name_wins_where_names_overlap():
    assert (
        link_mentions("<p>青岛高新技术产业开发区</p>", [PARK])
        == f"<p>{link('/parks/gx/', '青岛高新技术产业开发区')}</p>"
    )


def test_never_inside_an_existing_link_a_heading_or_an_attribute():
    html = (
        '<h2>高新区简介</h2><p><a href="https://example.com/">卡奥斯官网</a></p>'
        '<p><img src="/media/a.jpg" alt="高新区全景" title="卡奥斯"></p><p>最后提到高新区和卡奥斯。</p>'
    )
    result = link_mentions(html, [PARK, KAOS])
    assert result == (
        '<h2>高新区简介</h2><p><a href="https://example.com/">卡奥斯官网</a></p>'
        '<p><img src="/media/a.jpg" alt="高新区全景" title="卡奥斯"></p>'
        f"<p>最后提到{link('/parks/gx/', '高新区')}和{link('/enterprises/kaos/', '卡奥斯')}。</p>"
    )


def test_text_stays_escaped_and_markup_stays_as_written():
    html = "<p>A &amp; B &lt;高新区&gt; <strong>卡奥斯</strong><br>end</p>"
    result = link_mentions(html, [PARK, KAOS])
    assert (
        result
        == f"<p>A &amp; B &lt;{link('/parks/gx/', '高新区')}&gt; <strong>{link('/enterprises/kaos/', '卡奥斯')}</strong><br>end</p>"
    )


def test_a_latin_name_must_stand_alone():
    assert (
        link_mentions("<p>COSMOPlatform, COSMOPlat.</p>", [KAOS])
        == f"<p>COSMOPlatform, {link('/enterprises/kaos/', 'COSMOPlat')}.</p>"
    )


def test_one_character_names_are_never_linked():
    target = Target(
        "/x/",
        linking.names_for(
            type("O", (), {"name": "青", "short_name": "", "name_en": "", "alias_list": lambda self: ["岛"]})()
        ),
    )
    assert link_mentions("<p>青岛</p>", [target]) == "<p>青岛</p>"


@pytest.mark.django_db
def test_the_result_is_cached_and_any_change_gives_a_new_key(client, monkeypatch):
    calls = []
    real = linking.link_mentions
    monkeypatch.setattr(
        linking, "link_mentions", lambda html, targets, **options: calls.append(1) or real(html, targets, **options)
    )
    park = make_park(name="青岛高新技术产业开发区", aliases="高新区")
    article = make_article(body="<p>高新区新闻。</p>")
    article.parks.add(park)
    url = article.get_absolute_url()

    assert link(park.get_absolute_url(), "高新区") in client.get(url).text
    client.get(url)
    assert len(calls) == 1  # the second visit came from the cache

    park.aliases = ""
    park.save()  # a new updated_at: a new key
    assert 'class="mention"' not in client.get(url).text
    assert len(calls) == 2

    article.body = "<p>青岛高新技术产业开发区新闻。</p>"
    article.save()
    assert 'class="mention"' in client.get(url).text
    assert len(calls) == 3


@pytest.mark.django_db
def test_an_unpublished_link_is_not_made(client):
    park = make_park(name="草稿园区", published=False)
    article = make_article(body="<p>草稿园区的消息。</p>")
    article.parks.add(park)
    assert 'class="mention"' not in client.get(article.get_absolute_url()).text


@pytest.mark.django_db
def test_english_pages_link_to_english_addresses(client):
    enterprise = make_enterprise(name="卡奥斯物联科技股份有限公司", short_name="卡奥斯")
    article = make_article(
        body="<p>卡奥斯发布。</p>", title_en="COSMOPlat", body_en="<p>卡奥斯 (COSMOPlat) released.</p>"
    )
    article.enterprises.add(enterprise)
    url, target = article.get_absolute_url(), enterprise.get_absolute_url()
    assert link(target, "卡奥斯") in client.get(url).text
    # The English body is linked as the Chinese one is, to the English pages.
    english = client.get(f"/en{url}").text
    assert f'<a class="mention" href="/en{target}" lang="zh-Hans">卡奥斯</a>' in english  # a Chinese name, marked
