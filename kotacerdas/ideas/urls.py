"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "ideas"
urlpatterns = [
    path("daftar/", views.signup_view, name="signup"),
    path("daftar/terkirim/", views.signup_sent, name="signup_sent"),
    path("gagasan/", views.idea_list, name="list"),
    path("gagasan/baru/", views.idea_create, name="create"),
    path("gagasan/<int:pk>/", views.idea_detail, name="detail"),
    path("gagasan/<int:pk>/dukung/", views.idea_support, name="support"),
    path("gagasan/<int:pk>/komentar/", views.comment_create, name="comment"),
    path("gagasan/<int:pk>/laporkan/", views.flag_create, name="flag"),
    path("staf/gagasan/", views.staff_queue, name="staff_queue"),
    path("staf/gagasan/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staf/gagasan/<int:pk>/status/", views.staff_status, name="staff_status"),
    path("staf/gagasan/<int:pk>/tautan/", views.staff_link, name="staff_link"),
    path("staf/gagasan/<int:pk>/sembunyikan/", views.staff_hide_idea, name="staff_hide"),
    path(
        "staf/gagasan/<int:pk>/komentar/<int:comment_pk>/moderasi/",
        views.staff_hide_comment,
        name="staff_comment",
    ),
]
