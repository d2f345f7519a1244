"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "planio"
urlpatterns = [
    path("rencana/berkas/", views.index, name="index"),
    path("rencana/berkas/templat/", views.template_download, name="template"),
    path("rencana/berkas/buat/", views.build, name="build"),
    path("rencana/berkas/impor/", views.import_upload, name="import"),
    path("rencana/berkas/tugas/<int:pk>/", views.job_page, name="job"),
    path("rencana/berkas/tugas/<int:pk>/konfirmasi/", views.import_confirm, name="confirm"),
    path("rencana/berkas/tugas/<int:pk>/ulang/", views.job_retry, name="retry"),
    path("rencana/berkas/tugas/<int:pk>/unduh/", views.job_download, name="download"),
]
