"""Open311 GeoReport v2, mounted at /open311/v2/ (config/urls.py)."""

from django.urls import re_path

from . import open311

app_name = "open311"
FMT = r"\.(?P<fmt>json|xml)$"
urlpatterns = [
    re_path(r"^discovery" + FMT, open311.discovery, name="discovery"),
    re_path(r"^services" + FMT, open311.service_list, name="services"),
    re_path(r"^services/(?P<code>[-\w]+)" + FMT, open311.service_definition, name="service"),
    re_path(r"^requests" + FMT, open311.request_list, name="requests"),
    re_path(r"^requests/(?P<pk>[^/.]+)" + FMT, open311.request_detail, name="request"),
    # Anything else answers 404 in the spec's error format, not the site's HTML page.
    re_path(r"^(?P<path>.*?)(?:\.(?P<fmt>json|xml))?$", open311.not_found, name="not-found"),
]
