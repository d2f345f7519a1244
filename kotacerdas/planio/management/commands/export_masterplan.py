from pathlib import Path

from django.core.management.base import BaseCommand

from kotacerdas.planio import workbook

from ._common import masterplan_for


class Command(BaseCommand):
    help = "Export a region's current masterplan to an .xlsx workbook (the layout the import reads)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region slug, e.g. luwu-utara")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, region, output, **options):
        masterplan = masterplan_for(region)
        data = workbook.export_data(masterplan=masterplan)
        Path(output).write_bytes(workbook.build_workbook(data))
        self.stdout.write(
            f"{masterplan}: {len(data.programmes)} programmes, {len(data.indicators)} indicators → {output}"
        )
