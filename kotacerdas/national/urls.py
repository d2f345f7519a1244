from django.urls import path

from . import views

app_name = "national"
urlpatterns = [
    path("", views.home, name="home"),
]
