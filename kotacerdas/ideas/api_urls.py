"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/ideas/"
urlpatterns = [
    path(prefix, public_api(api.IdeaList.as_view()), name="ideas-list"),
    path(prefix + "<int:pk>/", public_api(api.IdeaDetail.as_view()), name="ideas-detail"),
]
