from django.core.management.base import BaseCommand

from kotacerdas.common.jobs import recover_all


class Command(BaseCommand):
    help = (
        "Background jobs whose worker died (heartbeat older than JOB_LEASE_SECONDS): run them again once, "
        "then mark them failed. Run it every minute (docs/deploy.md)."
    )

    def handle(self, *args, **options):
        result = recover_all()
        self.stdout.write(f"{result['requeued']} job(s) queued again, {result['failed']} marked failed")
