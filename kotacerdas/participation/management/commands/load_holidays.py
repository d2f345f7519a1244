"""Load a year's national holidays and cuti bersama into a region's holiday calendar."""

from django.core.management.base import BaseCommand, CommandError

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.participation import services
from kotacerdas.regions.models import Region


class Command(BaseCommand):
    help = "Add the verified national holidays and cuti bersama of a year to a region's calendar (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region slug, e.g. luwu-utara")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args, region, year, **options):
        try:
            target = Region.objects.get(slug=region)
        except Region.DoesNotExist:
            raise CommandError(f"Unknown region {region!r}.") from None
        try:
            added = services.holidays_load(region=target, actor=None, year=year)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"{target.slug} {year}: {added} holidays added.")
