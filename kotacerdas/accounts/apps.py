from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kotacerdas.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from kotacerdas.common.personal import register_header

        from .header import render_header

        register_header(render_header)
