"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

urlpatterns = [
    path(
        "regions/<slug:region_slug>/evaluation/results/",
        public_api(api.PublishedResultList.as_view()),
        name="evaluation-results",
    ),
]
