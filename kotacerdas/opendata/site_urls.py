"""The installation's DCAT catalogue: /catalog.jsonld, /catalog.ttl, /catalog.rdf."""

from django.urls import path

from . import views

app_name = "opendata_site"
urlpatterns = [path("catalog.<str:fmt>", views.site_dcat, name="catalog")]
