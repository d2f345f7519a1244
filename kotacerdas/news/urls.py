"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

app_name = "news"
urlpatterns: list = []
