"""CKAN's Action API at /api/3/action/ (and /api/action/, where CKAN clients such as ckanapi call it)."""

from django.urls import path

from . import ckan

app_name = "ckan"
urlpatterns = [
    path("api/3/action/<str:name>", ckan.action, name="action"),
    path("api/action/<str:name>", ckan.action, name="action_unversioned"),
]
