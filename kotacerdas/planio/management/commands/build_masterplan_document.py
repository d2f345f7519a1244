from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import translation

from kotacerdas.planio.document import build_document

from ._common import masterplan_for


class Command(BaseCommand):
    help = "Build the masterplan document of a region (PDF or DOCX)."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region slug, e.g. luwu-utara")
        parser.add_argument("--format", required=True, choices=["pdf", "docx"], dest="kind")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument("--language", default="id", choices=["id", "en"])

    def handle(self, *args, region, kind, output, language, **options):
        masterplan = masterplan_for(region)
        with translation.override(language):
            content = build_document(masterplan=masterplan, kind=kind)
        Path(output).write_bytes(content)
        self.stdout.write(f"{masterplan}: {kind.upper()} ({len(content) // 1024} KB) → {output}")
