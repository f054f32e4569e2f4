from django.urls import path

from parks import views

app_name = "parks"

# The park and enterprise pages show news, which this app may not import: they are composed higher up
# (bureau/places.py) and join this namespace there (bureau/urls.py).
urlpatterns = [
    path("parks/", views.park_list, name="park_list"),
    path("enterprises/", views.enterprise_list, name="enterprise_list"),
]
