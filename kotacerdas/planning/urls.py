"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("rencana/", views.workspace, name="workspace"),
    path("rencana/mulai/", views.start, name="start"),
    path("rencana/bimtek/<int:number>/", views.round_detail, name="round"),
    path("rencana/bimtek/<int:number>/peserta/", views.participant_add, name="participant_add"),
    path("rencana/bimtek/<int:number>/peserta/<int:pk>/hapus/", views.participant_delete, name="participant_delete"),
    path("rencana/bimtek/<int:number>/daftar/<int:pk>/", views.checklist_toggle, name="checklist_toggle"),
    path("rencana/bimtek/<int:number>/selesai/", views.round_complete, name="round_complete"),
    path("rencana/kesiapan/", views.readiness, name="readiness"),
    path("rencana/kesiapan/<str:pillar>/", views.readiness_pillar, name="readiness_pillar"),
    path("rencana/kesiapan/<str:pillar>/pertanyaan/", views.readiness_questions, name="readiness_questions"),
    path("rencana/visi/", views.vision, name="vision"),
    path("rencana/strategi/", views.strategies, name="strategies"),
    path("rencana/strategi/<int:pk>/", views.strategy_edit, name="strategy_edit"),
    path("rencana/program/", views.programmes, name="programmes"),
    path("rencana/program/baru/", views.programme_new, name="programme_new"),
    path("rencana/program/<int:pk>/", views.programme_plan, name="programme_plan"),
    path("rencana/peta-jalan/", views.roadmap, name="roadmap"),
    path("rencana/quick-win/", views.quick_wins, name="quick_wins"),
    path("rencana/adopsi/", views.adopt, name="adopt"),
    path("rencana/revisi/", views.revisions, name="revisions"),
    path("rencana/mutu/", views.quality, name="quality"),
    path("rencana/revisi/<int:number>/", views.revision_diff, name="revision_diff"),
]
