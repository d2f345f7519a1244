"""Build every open data resource whose files are behind its data (a rebuild queued with a change was lost,
e.g. with the queue); safe to run on a schedule beside the workers."""

from django.core.management.base import BaseCommand

from kotacerdas.opendata.builds import regenerate_behind


class Command(BaseCommand):
    help = "Build the open data resources that are behind their data."

    def add_arguments(self, parser):
        parser.add_argument("--region", default="", help="only this region (slug)")

    def handle(self, *args, region: str, **options):
        built = regenerate_behind(region_slug=region or None)
        self.stdout.write(f"{built} dataset(s) built")
