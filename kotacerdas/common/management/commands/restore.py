from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kotacerdas.common.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup`: verifies every checksum first and refuses a damaged "
        "or incomplete archive, then replaces the database and both media folders (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the .tar.gz archive")
        parser.add_argument("--force", action="store_true", help="replace a database or media folders that hold data")

    def handle(self, *args, file, force, **options):
        try:
            manifest = restore_backup(archive=file, force=force)
        except BackupError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Restored {file} (made {manifest['created']}): the {manifest['engine']} database and "
            f"{len(manifest['files']) - 1} media files. Run `manage.py migrate` if this code is newer than the backup."
        )
