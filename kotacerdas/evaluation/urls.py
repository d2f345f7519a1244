"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    # public
    path("hasil-evaluasi/", views.public_results, name="public_results"),
    # staff and assessors
    path("evaluasi/", views.round_list, name="rounds"),
    path("evaluasi/naikkan-skor/", views.score_advice, name="advice"),
    path("evaluasi/<int:pk>/", views.round_page, name="round"),
    path("evaluasi/<int:pk>/penilaian-mandiri/", views.self_assessment_save, name="self_assessment"),
    path("evaluasi/<int:pk>/isi-ulang/", views.prefill_refresh, name="prefill_refresh"),
    path("evaluasi/<int:pk>/nilai/", views.scores_save, name="scores"),
    path("evaluasi/<int:pk>/moderasi/", views.moderate, name="moderate"),
    path("evaluasi/<int:pk>/butir/<int:item_id>/lampiran/", views.evidence_attach, name="evidence_attach"),
    path("evaluasi/<int:pk>/lampiran/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path("evaluasi/<int:pk>/lampiran/<int:evidence_pk>/hapus/", views.evidence_remove, name="evidence_remove"),
    path("evaluasi/<int:pk>/penilai/", views.assessors_set, name="assessors"),
    path("evaluasi/<int:pk>/terbitkan/", views.publish, name="publish"),
    path("evaluasi/<int:pk>/koreksi/", views.correct, name="correct"),
    path("evaluasi/<int:pk>/hasil/", views.results, name="results"),
    path("evaluasi/<int:pk>/hasil.pdf", views.results_pdf, name="results_pdf"),
    path("evaluasi/<int:pk>/hasil.xlsx", views.results_xlsx, name="results_xlsx"),
]
