"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("survei/<int:pk>/hasil/", views.results, name="results"),
]
