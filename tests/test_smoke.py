import pytest

from tests.helpers import make_article


@pytest.mark.django_db
def test_published_article_page_answers(client):
    article = make_article()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "青岛高新区发展新闻" in response.text
