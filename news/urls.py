from django.urls import path

from news import views
from news.feeds import LatestArticlesFeed

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    # "feed.xml" cannot be an article slug (slugs have no dot), so no article can hide the feed.
    path("feed.xml", LatestArticlesFeed(), name="feed"),
    path("preview/<int:pk>/", views.article_preview, name="article_preview"),
    path("<slug:slug>/", views.article_detail, name="article_detail"),
]
