"""A second URLconf where the news pages live elsewhere, for tests of remembered addresses."""

from django.http import HttpResponse
from django.urls import include, path

news = ([path("<slug:slug>/", lambda request, slug: HttpResponse(slug), name="article_detail")], "news")

urlpatterns = [path("elsewhere/", include(news))]
