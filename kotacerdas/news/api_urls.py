"""JSON API, mounted under /api/v1/ (config/urls.py)."""

urlpatterns: list = []
