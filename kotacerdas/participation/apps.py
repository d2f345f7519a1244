from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "kotacerdas.participation"
    verbose_name = _("Citizen reports and Open311")
