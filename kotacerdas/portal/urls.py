from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("wilayah/", views.region_list, name="region_list"),
    path("staf/", views.staff_home, name="staff_home"),
]
