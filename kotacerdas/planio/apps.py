from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanioConfig(AppConfig):
    name = "kotacerdas.planio"
    verbose_name = _("Masterplan workbook and document")
