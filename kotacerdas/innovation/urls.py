"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "innovation"
urlpatterns = [
    # public: innovations being tried or applied
    path("inovasi/", views.public_list, name="public_list"),
    path("inovasi/<int:pk>/", views.public_detail, name="public_detail"),
    path("inovasi/<int:pk>/bukti/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    # staff
    path("inovasi/staf/", views.staff_list, name="list"),
    path("inovasi/staf/ringkasan/", views.overview, name="overview"),
    path("inovasi/staf/baru/", views.create, name="create"),
    path("inovasi/staf/<int:pk>/", views.detail, name="detail"),
    path("inovasi/staf/<int:pk>/ubah/", views.edit, name="edit"),
    path("inovasi/staf/<int:pk>/tahap/", views.advance, name="advance"),
    path("inovasi/staf/<int:pk>/bukti/", views.evidence_add, name="evidence_add"),
    path("inovasi/staf/<int:pk>/bukti/<int:evidence_pk>/hapus/", views.evidence_remove, name="evidence_remove"),
    path("inovasi/staf/<int:pk>/replikasi/", views.replication_add, name="replication_add"),
    path(
        "inovasi/staf/<int:pk>/replikasi/<int:replication_pk>/hapus/",
        views.replication_remove,
        name="replication_remove",
    ),
]
