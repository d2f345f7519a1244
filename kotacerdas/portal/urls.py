from django.urls import path

from . import offline, views

app_name = "portal"
urlpatterns = [
    path("wilayah/", views.region_list, name="region_list"),
    path("staf/", views.staff_home, name="staff_home"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("luring/", offline.offline_page, name="offline"),
]
