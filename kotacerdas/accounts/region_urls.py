from django.urls import path

from . import region_views, token_views

app_name = "accounts_region"
urlpatterns = [
    path("staf/akun-terkunci/", region_views.locked_accounts, name="locked"),
    path("staf/akun-terkunci/<int:membership_id>/buka/", region_views.unlock, name="unlock"),
    path("staf/token-api/", token_views.region_api_tokens, name="api_tokens"),
    path("staf/token-api/<int:pk>/cabut/", token_views.region_api_token_revoke, name="api_token_revoke"),
]
