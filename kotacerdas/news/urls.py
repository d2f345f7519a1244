"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from kotacerdas.common.cache import public_page

from . import feeds, views

app_name = "news"
urlpatterns = [
    # staff (before the public article URL, whose slug would otherwise catch them)
    path("berita/staf/", views.staff_list, name="staff_list"),
    path("berita/staf/baru/", views.create, name="create"),
    path("berita/staf/<int:pk>/", views.edit, name="edit"),
    path("berita/staf/<int:pk>/terbitkan/", views.publish, name="publish"),
    path("berita/staf/<int:pk>/gambar/", views.image_add, name="image_add"),
    # public
    path("berita/", views.public_list, name="list"),
    path("berita/rss/", public_page(feeds.NewsRss()), name="rss"),
    path("berita/atom/", public_page(feeds.NewsAtom()), name="atom"),
    path("berita/<slug:slug>/", views.detail, name="detail"),
]
