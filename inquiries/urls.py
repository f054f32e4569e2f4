from django.urls import path

from inquiries import views

app_name = "inquiries"

urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/sent/<str:token>/", views.sent, name="sent"),
]
