"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/innovation/"
urlpatterns = [
    path(prefix + "innovations/", public_api(api.InnovationList.as_view()), name="innovation-innovations"),
    path(
        prefix + "innovations/<int:pk>/",
        public_api(api.InnovationDetail.as_view()),
        name="innovation-innovation-detail",
    ),
    path(prefix + "overview/", api.InnovationOverview.as_view(), name="innovation-overview"),
]
