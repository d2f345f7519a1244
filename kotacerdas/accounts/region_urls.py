from django.urls import path

from . import citizen_views, region_views, token_views

app_name = "accounts_region"
urlpatterns = [
    path("masuk/", citizen_views.login, name="login"),
    path("masuk/lupa-sandi/", citizen_views.password_reset, name="password_reset"),
    path("masuk/lupa-sandi/terkirim/", citizen_views.password_reset_done, name="password_reset_done"),
    path("masuk/sandi-baru/<uidb64>/<token>/", citizen_views.password_reset_confirm, name="password_reset_confirm"),
    path("masuk/sandi-baru/selesai/", citizen_views.password_reset_complete, name="password_reset_complete"),
    path("staf/warga/sandi/", region_views.citizen_password, name="citizen_password"),
    path("staf/akun-terkunci/", region_views.locked_accounts, name="locked"),
    path("staf/akun-terkunci/<int:membership_id>/buka/", region_views.unlock, name="unlock"),
    path("staf/token-api/", token_views.region_api_tokens, name="api_tokens"),
    path("staf/token-api/<int:pk>/cabut/", token_views.region_api_token_revoke, name="api_token_revoke"),
]
