from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "kotacerdas.opendata"
    verbose_name = _("Open data")

    def ready(self):
        from kotacerdas.common import changes

        from .builds import on_change

        changes.subscribe(on_change)
