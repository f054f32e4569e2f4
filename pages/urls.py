from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("policies/", views.policy_list, name="policies"),
    path("policies/<slug:slug>/", views.policy_detail, name="policy_detail"),
    path("pages/preview/<int:pk>/", views.page_preview, name="page_preview"),
]
