from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "kotacerdas.surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from kotacerdas.masterplan.quality import register_checks

        from .selectors import plan_quality_checks

        register_checks("surveys", plan_quality_checks)
