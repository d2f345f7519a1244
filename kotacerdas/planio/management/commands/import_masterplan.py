from django.core.management.base import BaseCommand, CommandError

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.planio import importer, services

from ._common import actor_for, masterplan_for


class Command(BaseCommand):
    help = (
        "Import programmes, indicators and yearly targets from an .xlsx workbook into a region's current "
        "masterplan, all or nothing. Prints the same report as the page; exits 1 when a row is rejected."
    )

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region slug, e.g. luwu-utara")
        parser.add_argument("file", help="the .xlsx workbook")
        parser.add_argument("--dry-run", action="store_true", help="only check and report; save nothing")
        parser.add_argument("--reason", default="", help="why an adopted masterplan changes (the import is a revision)")
        parser.add_argument("--user", help="username the audit log records as the author (default: system)")

    def handle(self, *args, region, file, dry_run, user, reason, **options):
        masterplan = masterplan_for(region)
        actor = actor_for(user)
        try:
            with open(file, "rb") as fh:
                report, applied = services.import_now(
                    actor=actor,
                    masterplan=masterplan,
                    source=fh,
                    filename=file.rsplit("/", 1)[-1],
                    dry_run=dry_run,
                    reason=reason,
                )
        except FileNotFoundError:
            raise CommandError(f"No file {file!r}.") from None
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(importer.report_text(report))
        if not report["ok"]:
            raise CommandError("Rejected rows: nothing was saved.")
        self.stdout.write("Imported." if applied else "Dry run: nothing was saved.")
