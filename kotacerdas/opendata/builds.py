"""Generated resources kept as files and rebuilt in the background when their data changes.

Every announced change of a region (`common.changes`, from `record_event`, the monitoring roll-up and the report
intake) names what changed; `on_change` adds one to `wanted` of the region's datasets that depend on it and
queues `tasks.regenerate_datasets` in the same transaction. The task builds a dataset only while its files
are behind (`built < wanted`), so a burst of changes queues many tasks but builds once (the others find it
current), and a task run twice, or again after a failure, does no harm: a failed build leaves the old files
and the dataset behind, and the next change's task builds it. Requests serve the files of the last build
meanwhile; a build swaps the new files in under the row's lock and removes the old ones once that commits.
`manage.py build_open_data` builds whatever is behind (after a lost queue).
"""

import logging
import secrets
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager

from django.core.files import File
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from kotacerdas.common import sql
from kotacerdas.common.cache import REPORT_STATS, SURVEY_RESULTS
from kotacerdas.common.storage import private_storage
from kotacerdas.common.tasks import enqueue_in_transaction
from kotacerdas.regions.models import Region

from . import resources, selectors
from .datasets import DATASETS
from .models import DatasetBuild

logger = logging.getLogger(__name__)

# Apps whose changes alter every dataset: the region, its agencies and places (names and codes in the rows),
# the open data settings (licence, threshold); and a change that did not say what it was.
EVERYTHING = {"regions", "opendata", ""}
# Page-cache sections and the app whose figures they are (a new report alone changes no statistics until its
# intake finishes, which announces REPORT_STATS).
SECTION_SOURCES = {REPORT_STATS: "participation", SURVEY_RESULTS: "surveys"}


def affected(*, source: str, sections: Iterable[str] | None) -> list[str]:
    """The keys of the datasets whose rows the change can alter."""
    if sections is not None:
        apps = {SECTION_SOURCES[s] for s in sections if s in SECTION_SOURCES}
    else:
        apps = {source.split(".", 1)[0]}
    if apps & EVERYTHING:
        return [d.key for d in DATASETS]
    return [d.key for d in DATASETS if apps & set(d.sources)]


def on_change(*, region_slug: str, source: str, sections) -> None:
    """The `common.changes` listener: mark the affected datasets behind and queue their regeneration. Only
    datasets built before have a row; the others are built when first asked for."""
    keys = affected(source=source, sections=sections)
    if not keys:
        return
    # one plain statement: it runs inside every audited change and every verification (issue 18, target 4)
    if sql.increment(DatasetBuild, "wanted", region__slug=region_slug, dataset__in=keys):
        from .tasks import regenerate_datasets

        enqueue_in_transaction(regenerate_datasets, region_slug=region_slug, keys=keys)


def _write(package, region, fmt: str) -> str:
    name = f"opendata/{region.slug}/{package.key}/{secrets.token_hex(8)}.{fmt}"
    with tempfile.TemporaryFile() as tmp:
        resources.WRITERS[fmt](package, region, tmp)
        tmp.seek(0)
        return private_storage().save(name, File(tmp, name=name))


def _remove(names: Iterable[str]) -> None:
    storage = private_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # already gone: nothing to remove
            logger.warning("open data file %s could not be removed", name)


def dataset_build(*, region: Region, key: str, package=None) -> bool:
    """Build the dataset's files if they are behind (or missing); True when this call built them. `package`:
    its metadata read afresh (the task's), else the cached catalogue's."""
    row, _created = DatasetBuild.objects.get_or_create(region=region, dataset=key)
    if row.current and all(private_storage().exists(n) for n in row.files.values()):
        return False
    wanted = row.wanted  # every change counted here has committed, so the rows read below include it
    package = package or selectors.package_for(region=region, key=key)
    files = {fmt: _write(package, region, fmt) for fmt in resources.WRITERS}
    with transaction.atomic():
        row = DatasetBuild.objects.select_for_update().get(pk=row.pk)
        if row.built is not None and row.built > wanted:  # a newer build finished first: keep it
            stale = list(files.values())
        else:
            stale = list(row.files.values())
            row.files, row.built, row.built_at, row.builds = files, wanted, timezone.now(), row.builds + 1
            row.save(update_fields=["files", "built", "built_at", "builds", "updated_at"])
        transaction.on_commit(lambda: _remove(stale))
    return True


def regenerate(*, region_slug: str, keys: Iterable[str]) -> int:
    """Build the region's datasets among `keys` that are behind; returns how many were built."""
    region = Region.objects.filter(slug=region_slug, is_active=True).first()
    if region is None:
        return 0
    behind = DatasetBuild.objects.filter(region=region, dataset__in=list(keys))
    if all(b.current for b in behind):  # a task run again, or after another built them: nothing to do
        return 0
    # the metadata afresh (licence, threshold), not the cached catalogue, which a change retires only after
    # its commit (and a task may run before: in the change's transaction or just after)
    packages = {p.key: p for p in selectors.region_packages(region=region, cached=False)}
    return sum(dataset_build(region=region, key=key, package=packages[key]) for key in keys if key in packages)


def regenerate_behind(*, region_slug: str | None = None) -> int:
    """Build every dataset whose files are behind its data (a queue lost after the change); how many."""
    behind = DatasetBuild.objects.filter(built__lt=F("wanted")) | DatasetBuild.objects.filter(built__isnull=True)
    if region_slug:
        behind = behind.filter(region__slug=region_slug)
    done = 0
    for slug, key in behind.values_list("region__slug", "dataset").order_by("region__slug", "dataset"):
        done += regenerate(region_slug=slug, keys=[key])
    return done


def _files(*, region: Region, key: str) -> dict:
    """The dataset's files, building them now if it never was (or they were lost)."""
    row = DatasetBuild.objects.filter(region=region, dataset=key).first()
    if row is None or not row.files or not private_storage().exists(row.files.get("json", "")):
        dataset_build(region=region, key=key)
        row = DatasetBuild.objects.get(region=region, dataset=key)
    return row.files


@contextmanager
def open_resource(*, region: Region, key: str, fmt: str):
    """The last built file of the dataset in this format, open for reading (binary)."""
    fh = private_storage().open(_files(region=region, key=key)[fmt], "rb")
    try:
        yield fh
    finally:
        fh.close()


def resource_file(*, region: Region, key: str, fmt: str):
    """The same, open, for a response that streams it and closes it."""
    return private_storage().open(_files(region=region, key=key)[fmt], "rb")
