"""JSON API, mounted under /api/v1/ (config/urls.py). Public reads are cached for anonymous callers (retired
by every audited change in the region)."""

from django.urls import path

from kotacerdas.common.cache import REPORTS, public_api

from . import api

prefix = "regions/<slug:region_slug>/"
urlpatterns = [
    path(prefix + "reports/", public_api(section=REPORTS)(api.ReportList.as_view()), name="participation-reports"),
    path(
        prefix + "reports/<int:pk>/",
        public_api(section=REPORTS)(api.ReportDetail.as_view()),
        name="participation-report-detail",
    ),
    path(
        prefix + "reports/<int:pk>/transition/",
        api.ReportTransition.as_view(),
        name="participation-report-transition",
    ),
    path(prefix + "report-categories/", public_api(api.CategoryList.as_view()), name="participation-categories"),
]
