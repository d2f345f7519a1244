"""What every submission reads and nearly never changes: the active region, its active categories, its active
Open311 keys, its report settings and holiday calendar, read once per region version
instead of by three queries and three cache reads a POST (one cache round trip, `common.cache.region_entry`).

The entry is keyed on the region's page-cache version (`common.cache.region_cache_version`), which every
audited change of the region bumps when it commits (a category saved or closed, a route, an Open311 key
created or revoked, the settings, a holiday, the region switched off); a new report retires only the
report sections, so intake does not churn it. A reader that saw the old version can only have read the old
rows or newer ones, and stores them under the old version, which nobody asks for after the bump. With the
local-memory cache of development (no Redis), each process keeps its own versions: the entry's timeout
bounds how long another process sees a revoked key or a closed category, as for the report settings.
"""

from dataclasses import dataclass

from kotacerdas.common.cache import region_entry, region_entry_set
from kotacerdas.regions.models import Region

from ..models import Open311Key, ReportCategory, ReportSettings
from .holidays import holiday_dates
from .settings import CONFIG_CACHE_SECONDS, settings_for


@dataclass(frozen=True)
class IntakeRefs:
    region: Region
    categories: dict[str, ReportCategory]  # active, by code
    key_ids: dict[str, int]  # active Open311 keys: SHA-256 of the raw key -> the key's id
    config: ReportSettings
    holidays: frozenset  # the dates of the holiday calendar

    def category(self, code: str) -> ReportCategory | None:
        return self.categories.get(code)

    def category_by_pk(self, pk) -> ReportCategory | None:
        return next((c for c in self.categories.values() if str(c.pk) == str(pk)), None)

    def key_id(self, raw: str) -> int | None:
        """The id of the active key with this raw value (None for none or an unknown one)."""
        return self.key_ids.get(Open311Key.hash(raw)) if raw else None


def intake_refs(region_slug: str) -> IntakeRefs | None:
    """The active region with this slug, its active categories and keys, settings and holidays (None when
    no active region has this slug)."""
    key = f"kc:intake-refs:{region_slug}"
    version, refs = region_entry(region_slug, key)
    if refs is None:
        region = Region.objects.filter(slug=region_slug, is_active=True).first()
        if region is None:
            return None
        # no agency: the request stores the category's agency_id; fewer rows to unpickle on every POST
        categories = ReportCategory.objects.filter(region=region, is_active=True)
        keys = Open311Key.objects.filter(region=region, is_active=True).values_list("key_hash", "pk")
        refs = IntakeRefs(
            region=region,
            categories={c.code: c for c in categories},
            key_ids=dict(keys),
            config=settings_for(region, fresh=True),
            holidays=holiday_dates(region, fresh=True),
        )
        region_entry_set(key, version, refs, CONFIG_CACHE_SECONDS)
    return refs
