from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("staf/audit/", views.region_audit_log, name="region_log"),
]
