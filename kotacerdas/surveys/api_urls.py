"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/surveys/"
urlpatterns = [
    path(prefix, public_api(api.SurveyList.as_view()), name="surveys-list"),
    path(prefix + "<int:pk>/results/", api.SurveyResults.as_view(), name="surveys-results"),
]
