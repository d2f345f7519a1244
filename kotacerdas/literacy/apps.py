from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiteracyConfig(AppConfig):
    name = "kotacerdas.literacy"
    verbose_name = _("Literacy and capacity building")
