"""Finish the intake of reports whose task never ran (a queue lost between commit and enqueue, e.g. RQ)."""

from django.core.management.base import BaseCommand

from kotacerdas.participation import services


class Command(BaseCommand):
    help = "Finish every submitted report still waiting for its intake task (idempotent; run it on a schedule)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=1000, help="at most this many reports per run")

    def handle(self, *args, limit, **options):
        done = services.report_intake_finish_pending(limit=limit)
        self.stdout.write(f"{done} reports finished.")
