"""JSON API, mounted under /api/v1/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

prefix = "regions/<slug:region_slug>/news/"
urlpatterns = [
    path(prefix + "articles/", public_api(api.ArticleList.as_view()), name="news-articles"),
    path(prefix + "articles/<slug:slug>/", public_api(api.ArticleDetail.as_view()), name="news-article-detail"),
]
