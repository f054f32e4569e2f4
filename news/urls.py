from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("", views.article_list, name="article_list"),
    path("preview/<int:pk>/", views.article_preview, name="article_preview"),
    path("<slug:slug>/", views.article_detail, name="article_detail"),
]
