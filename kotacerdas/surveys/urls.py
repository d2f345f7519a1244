"""Region-scoped pages, mounted under /r/<region_slug>/ (config/urls.py)."""

from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("survei/", views.survey_list, name="list"),
    path("survei/<int:pk>/", views.survey_answer, name="answer"),
    path("survei/<int:pk>/hasil/", views.results, name="results"),
    path("staf/survei/", views.staff_list, name="staff_list"),
    path("staf/survei/baru/", views.staff_create, name="staff_create"),
    path("staf/survei/<int:pk>/ubah/", views.staff_edit, name="staff_edit"),
    path("staf/survei/<int:pk>/tutup/", views.staff_close, name="staff_close"),
    path("staf/survei/<int:pk>/unduh.csv", views.staff_export, name="staff_export"),
]
