from django.urls import path

from . import region_views

app_name = "accounts_region"
urlpatterns = [
    path("staf/akun-terkunci/", region_views.locked_accounts, name="locked"),
    path("staf/akun-terkunci/<int:membership_id>/buka/", region_views.unlock, name="unlock"),
]
