"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/literacy/"
urlpatterns = [
    path(prefix + "activities/", public_api(api.ActivityList.as_view()), name="literacy-activities"),
    path(prefix + "summary/", public_api(api.LiteracySummary.as_view()), name="literacy-summary"),
]
