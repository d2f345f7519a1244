from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "kotacerdas.ideas"
    verbose_name = _("Citizen ideas")

    def ready(self):
        from kotacerdas.masterplan.quality import register_checks

        from .selectors import plan_quality_checks

        register_checks("ideas", plan_quality_checks)
