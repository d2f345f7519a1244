from django.urls import path

from . import export_views, offline_views, settings_views, views

app_name = "monitoring"
urlpatterns = [
    path("monev/", views.dashboard, name="dashboard"),
    path("monev/program-saya/", views.my_programmes, name="my_programmes"),
    path("monev/periode/", views.periods, name="periods"),
    path("monev/pengaturan/", settings_views.settings_page, name="settings"),
    path("monev/verifikasi/", views.verification_queue, name="verification_queue"),
    path("monev/notifikasi/", views.notifications, name="notifications"),
    path("monev/laporan/mulai/<int:programme_pk>/<int:period_pk>/", views.report_start, name="report_start"),
    path("monev/laporan/<int:pk>/", views.report_page, name="report"),
    path("monev/laporan/<int:pk>/simpan/", views.report_save, name="report_save"),
    path("monev/laporan/<int:pk>/kirim/", views.report_submit, name="report_submit"),
    path("monev/laporan/<int:pk>/putusan/", views.report_decide, name="report_decide"),
    path("monev/laporan/<int:pk>/tanggapi/", views.report_acknowledge, name="report_acknowledge"),
    path("monev/laporan/<int:pk>/luring/", offline_views.report_deliver, name="report_deliver"),
    path("monev/laporan/<int:pk>/bukti/", views.evidence_add, name="evidence_add"),
    path("monev/laporan/<int:pk>/bukti/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path("monev/laporan/<int:pk>/bukti/<int:evidence_pk>/hapus/", views.evidence_remove, name="evidence_remove"),
]
urlpatterns += [
    path("monev/ekspor/", export_views.export_list, name="exports"),
    path("monev/ekspor/<int:pk>/", export_views.export_job, name="export_job"),
    path("monev/ekspor/<int:pk>/ulang/", export_views.export_retry, name="export_retry"),
    path("monev/ekspor/<int:pk>/unduh/", export_views.export_download, name="export_download"),
]
