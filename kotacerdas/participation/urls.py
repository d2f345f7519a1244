"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "participation"
urlpatterns = [
    # public
    path("aduan/", views.report_list, name="reports"),
    path("aduan/baru/", views.report_new, name="report_new"),
    path("aduan/serupa/", views.report_similar, name="similar"),
    path("aduan/statistik/", views.stats, name="stats"),
    path("aduan/lacak/", views.track, name="track_form"),
    path("aduan/lacak/<str:code>/", views.track_code, name="track"),
    path("aduan/<int:pk>/", views.report_detail, name="report"),
    # staff
    path("staf/aduan/", views.staff_list, name="staff_reports"),
    path("staf/aduan/<int:pk>/", views.staff_detail, name="staff_report"),
    path("staf/aduan/kategori/", views.categories, name="categories"),
    path("staf/aduan/kategori/<int:pk>/", views.category_edit, name="category_edit"),
    path("staf/aduan/rute/", views.route_set, name="route_set"),
    path("staf/aduan/pengaturan/", views.settings_page, name="settings"),
    path("staf/aduan/hari-libur/", views.holidays, name="holidays"),
    path("staf/aduan/kunci-api/", views.api_keys, name="api_keys"),
    path("staf/aduan/kunci-api/<int:pk>/cabut/", views.api_key_revoke, name="api_key_revoke"),
]
