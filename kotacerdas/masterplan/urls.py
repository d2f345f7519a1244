from django.urls import path

from . import views

app_name = "masterplan"
urlpatterns = [
    path("staf/program/<int:pk>/ubah/", views.programme_edit, name="programme_edit"),
]
