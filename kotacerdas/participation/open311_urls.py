"""Open311 GeoReport v2, mounted at /open311/v2/ (config/urls.py). Filled in by the participation issue."""

urlpatterns: list = []
