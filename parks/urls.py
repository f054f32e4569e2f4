from django.urls import path

from parks import views

app_name = "parks"

urlpatterns = [
    path("parks/", views.park_list, name="park_list"),
    path("parks/preview/<int:pk>/", views.park_preview, name="park_preview"),
    path("parks/<slug:slug>/", views.park_detail, name="park_detail"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/preview/<int:pk>/", views.enterprise_preview, name="enterprise_preview"),
    path("enterprises/<slug:slug>/", views.enterprise_detail, name="enterprise_detail"),
]
