from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kotacerdas.common.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump -Fc on PostgreSQL, a consistent copy on SQLite), MEDIA_ROOT, "
        "PRIVATE_MEDIA_ROOT and a manifest with SHA-256 checksums into one .tar.gz (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="the archive (default: ./kotacerdas-<date-time>.tar.gz)")

    def handle(self, *args, output, **options):
        output = output or Path(f"kotacerdas-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz")
        try:
            manifest = create_backup(output=output)
        except BackupError as exc:
            raise CommandError(exc.message) from None
        size = sum(entry["size"] for entry in manifest["files"])
        media = len(manifest["files"]) - 1
        self.stdout.write(f"{output}: the {manifest['engine']} database and {media} media files, {size:,} bytes")
