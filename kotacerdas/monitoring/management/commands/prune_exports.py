from django.core.management.base import BaseCommand

from kotacerdas.monitoring.exports import export_jobs_prune


class Command(BaseCommand):
    help = (
        "Mark background jobs whose worker died (exports, workbook and document jobs) as failed and delete "
        "finished exports (and their files) older than "
        "--days, keeping the newest file of each period, kind and language. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="keep finished exports this many days (30)")

    def handle(self, *args, days=30, **options):
        result = export_jobs_prune(keep_days=days)
        self.stdout.write(f"{result['marked_failed']} stalled job(s) marked failed, {result['deleted']} deleted")
