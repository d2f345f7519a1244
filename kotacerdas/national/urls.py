from django.urls import path

from . import views

app_name = "national"
urlpatterns = [
    path("", views.home, name="home"),
    path("nasional/daerah-baru/", views.region_start, name="region_start"),
    path("undangan/<str:token>/", views.invitation, name="invitation"),
]
