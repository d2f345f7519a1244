from django.contrib.auth import views as auth_views
from django.urls import path

from . import token_views, views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("verifikasi/", views.verify, name="verify"),
    path("verifikasi/pemulihan/", views.recover, name="recover"),
    path("keamanan/", views.security, name="security"),
    path("bahasa/", views.language, name="language"),
    path("keamanan/autentikator/", views.enrol, name="enrol"),
    path("keamanan/matikan/", views.disable, name="disable"),
    path("keamanan/token-api/", token_views.api_tokens, name="api_tokens"),
    path("keamanan/token-api/<int:pk>/cabut/", token_views.api_token_revoke, name="api_token_revoke"),
]
