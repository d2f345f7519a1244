from django.urls import path

from . import audit_views as views

app_name = "audit"  # the URL names stay audit:region_log
urlpatterns = [
    path("staf/audit/", views.region_audit_log, name="region_log"),
]
