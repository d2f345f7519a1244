"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import SURVEY_RESULTS, public_api

from . import api

prefix = "regions/<slug:region_slug>/surveys/"
urlpatterns = [
    path(prefix, public_api(section=SURVEY_RESULTS)(api.SurveyList.as_view()), name="surveys-list"),
    path(
        prefix + "<int:pk>/results/",
        public_api(section=SURVEY_RESULTS)(api.SurveyResults.as_view()),
        name="surveys-results",
    ),
]
