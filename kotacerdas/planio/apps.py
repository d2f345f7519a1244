from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanioConfig(AppConfig):
    name = "kotacerdas.planio"
    verbose_name = _("Masterplan workbook and document")

    def ready(self):
        from kotacerdas.common import jobs

        from .models import PlanJob
        from .tasks import run_job

        jobs.register(PlanJob, enqueue=lambda job_id: run_job.enqueue(job_id=job_id))
