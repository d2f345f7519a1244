"""Background work of open data: regenerating a region's datasets after their data changed."""

try:
    from django.tasks import task
except ImportError:  # Django 5.2: the backport
    from django_tasks import task

from .builds import regenerate


@task()
def regenerate_datasets(*, region_slug: str, keys: list[str]) -> int:
    """Rebuild the region's datasets among `keys` whose files are behind (a second run builds nothing)."""
    return regenerate(region_slug=region_slug, keys=keys)
