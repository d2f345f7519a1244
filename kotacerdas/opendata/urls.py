"""Region-scoped open data pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("data/", views.catalogue, name="catalogue"),
    path("data/staf/pengaturan/", views.settings_page, name="settings"),
    path("data/catalog.<str:fmt>", views.region_dcat, name="region_dcat"),
    path("data/<slug:dataset>/", views.dataset, name="dataset"),
    path("data/<slug:dataset>/resource.<str:fmt>", views.resource, name="resource"),
    path("data/<slug:dataset>/dataset.<str:fmt>", views.dataset_dcat, name="dataset_dcat"),
]
