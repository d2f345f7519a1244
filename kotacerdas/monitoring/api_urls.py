from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/monitoring/"
urlpatterns = [
    path(prefix + "due/", api.DueReportList.as_view(), name="monitoring-due"),
    path(prefix + "reports/", api.ReportListCreate.as_view(), name="monitoring-report-list"),
    path(prefix + "reports/<int:pk>/", api.ReportDetail.as_view(), name="monitoring-report-detail"),
    path(prefix + "reports/<int:pk>/submit/", api.ReportSubmit.as_view(), name="monitoring-report-submit"),
    path(prefix + "reports/<int:pk>/evidence/", api.ReportEvidenceAdd.as_view(), name="monitoring-report-evidence"),
    path(prefix + "reports/<int:pk>/verify/", api.ReportVerify.as_view(), name="monitoring-report-verify"),
    path(prefix + "reports/<int:pk>/return/", api.ReportReturn.as_view(), name="monitoring-report-return"),
    path(prefix + "achievements/", public_api(api.AchievementSummary.as_view()), name="monitoring-achievements"),
]
