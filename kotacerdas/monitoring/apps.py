from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "kotacerdas.monitoring"
    verbose_name = _("Monitoring (monev)")

    def ready(self):
        from kotacerdas.common import jobs

        from .models import ExportJob
        from .tasks import build_export

        jobs.register(ExportJob, enqueue=lambda job_id: build_export.enqueue(job_id=job_id))
