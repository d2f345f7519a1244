from django.urls import path

from . import account, offline, views

app_name = "region"
urlpatterns = [
    path("", views.region_home, name="home"),
    path("dimensi/<slug:key>/", views.dimension_detail, name="dimension"),
    path("program/<str:code>/", views.programme_page, name="programme"),
    path("staf/", views.region_workspace, name="workspace"),
    path("akun/", account.citizen_account, name="account"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("ikon-<int:size>.png", offline.icon, name="icon"),
]
