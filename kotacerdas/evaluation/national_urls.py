"""National evaluator pages (frameworks, rounds, ranking), mounted at /evaluasi/ (config/urls.py)."""

from django.urls import path

from . import national_views as views

app_name = "evaluation_national"
urlpatterns = [
    path("", views.home, name="home"),
    path("kerangka/baru/", views.framework_create, name="framework_create"),
    path("kerangka/<int:pk>/", views.framework_detail, name="framework"),
    path("kerangka/<int:pk>/butir/baru/", views.item_edit, name="item_create"),
    path("kerangka/<int:pk>/butir/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("kerangka/<int:pk>/butir/<int:item_pk>/hapus/", views.item_delete, name="item_delete"),
    path("putaran/baru/", views.round_create, name="round_create"),
    path("peringkat/", views.ranking, name="ranking"),
    path("portofolio/", views.portfolio, name="portfolio"),
]
