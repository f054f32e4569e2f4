from django.urls import path

from parks import views
from parks.feeds import LatestProjectsFeed

app_name = "parks"

# The park and enterprise pages show news, which this app may not import: they are composed higher up
# (bureau/places.py) and join this namespace there (bureau/urls.py).
urlpatterns = [
    path("parks/", views.park_list, name="park_list"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    # A project page shows no news: it lives here, with its list. "feed.xml" cannot be a slug (no dot).
    path("projects/", views.project_list, name="project_list"),
    path("projects/feed.xml", LatestProjectsFeed(), name="project_feed"),
    path("projects/preview/<int:pk>/", views.project_preview, name="project_preview"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
]
