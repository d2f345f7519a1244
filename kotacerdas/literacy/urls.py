"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "literacy"
urlpatterns = [
    # public
    path("literasi/", views.public_summary, name="summary"),
    path("literasi/kegiatan/", views.public_list, name="public_list"),
    path("literasi/kegiatan/<int:pk>/", views.public_detail, name="public_detail"),
    path("literasi/kegiatan/<int:pk>/materi/<int:material_pk>/", views.material_file, name="material_file"),
    # staff
    path("literasi/staf/", views.staff_list, name="list"),
    path("literasi/staf/baru/", views.create, name="create"),
    path("literasi/staf/lokasi/", views.locations, name="locations"),
    path("literasi/staf/<int:pk>/", views.detail, name="detail"),
    path("literasi/staf/<int:pk>/ubah/", views.edit, name="edit"),
    path("literasi/staf/<int:pk>/materi/", views.material_add, name="material_add"),
    path("literasi/staf/<int:pk>/materi/<int:material_pk>/hapus/", views.material_remove, name="material_remove"),
]
