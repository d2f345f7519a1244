"""The catalogue: one package per region × dataset, with the metadata every output shares (the pages, the
CKAN API, DCAT). Built for all regions in a fixed number of queries and cached until any region's data
changes (common.cache's region versions)."""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q

from kotacerdas.common.cache import ACROSS_REGIONS, any_region_cache_version, data_version
from kotacerdas.masterplan.models import Masterplan
from kotacerdas.regions.models import Agency, Region

from .datasets import BY_KEY, DATASETS
from .models import DEFAULT_LICENCE, DEFAULT_THRESHOLD, LICENCES, DownloadCount, OpenDataSettings

CUSTODIAN_HINT = "Diskominfo"
CACHE_SECONDS = 3600


@dataclass(frozen=True)
class Org:
    id: int
    slug: str
    name: str
    kind: str
    code: str
    province: str
    created: datetime.datetime


@dataclass(frozen=True)
class Package:
    org: Org
    key: str
    licence: str
    custodian: str
    producer: str
    threshold: int
    modified: datetime.datetime | None
    temporal: tuple[int, int] | None

    @property
    def name(self) -> str:
        return f"{self.org.slug}-{self.key}"

    @property
    def dataset(self):
        return BY_KEY[self.key]

    @property
    def licence_title(self) -> str:
        return LICENCES[self.licence][0]

    @property
    def licence_url(self) -> str:
        return LICENCES[self.licence][1]

    @property
    def formats(self) -> list[str]:
        return ["CSV", "XLSX", "JSON", *(["RSS"] if self.dataset.feed else [])]

    @property
    def context(self) -> dict:
        return {"threshold": self.threshold}


def _agency_label(agency: Agency | None) -> str:
    return f"{agency.name} ({agency.acronym})" if agency else ""


def _build(regions: list[Region]) -> list[Package]:
    ids = [r.pk for r in regions]
    settings = {s.region_id: s for s in OpenDataSettings.objects.filter(region_id__in=ids)}
    hints = {CUSTODIAN_HINT, *(d.producer_hint for d in DATASETS if d.producer_hint)}
    wanted = Q(pk__in=[s.custodian_id for s in settings.values() if s.custodian_id])
    for hint in hints:
        wanted |= Q(acronym__istartswith=hint)
    agencies: dict[int, list[Agency]] = {}
    for a in Agency.objects.filter(region_id__in=ids).filter(wanted).order_by("acronym", "pk"):
        agencies.setdefault(a.region_id, []).append(a)
    temporal = {
        region_id: (start, end)
        for region_id, start, end in Masterplan.objects.filter(region_id__in=ids, status=Masterplan.Status.ADOPTED)
        .order_by("region_id", "period_start_year")
        .values_list("region_id", "period_start_year", "period_end_year")
    }
    modified_by_fn: dict = {}
    for d in DATASETS:
        if d.modified not in modified_by_fn:
            modified_by_fn[d.modified] = d.modified()
    out = []
    for r in regions:
        s = settings.get(r.pk)
        own = agencies.get(r.pk, [])

        def find(hint: str, own=own) -> Agency | None:
            return next((a for a in own if a.acronym.lower().startswith(hint.lower())), None)

        custodian = next((a for a in own if s and a.pk == s.custodian_id), None) or find(CUSTODIAN_HINT)
        org = Org(r.pk, r.slug, r.name, r.get_kind_display(), r.code, r.province, r.created_at)
        for d in DATASETS:
            producer = (find(d.producer_hint) if d.producer_hint else None) or custodian
            out.append(
                Package(
                    org=org,
                    key=d.key,
                    licence=s.licence if s else DEFAULT_LICENCE,
                    custodian=_agency_label(custodian) or r.name,
                    producer=_agency_label(producer) or r.name,
                    threshold=s.small_count_threshold if s else DEFAULT_THRESHOLD,
                    modified=modified_by_fn[d.modified].get(r.pk),
                    temporal=temporal.get(r.pk),
                )
            )
    return out


def _regions(slug: str | None = None) -> list[Region]:
    qs = Region.objects.filter(is_active=True).order_by("name", "pk")
    if slug is not None:
        qs = qs.filter(slug=slug)
    return list(qs)


# The last national catalogue this process read, by its cache key: a harvester pages through thousands of
# packages, and unpickling them from the shared cache on every call would cost more than the search itself.
# Keyed by the cache key and a token stored beside the packages, so a cleared or rebuilt cache is noticed.
_memo: dict[str, tuple[str, list[Package]]] = {}


def all_packages() -> list[Package]:
    """Every active region's packages, regions by name. Cached under every region's data version."""
    return catalogue()[1]


def catalogue() -> tuple[str, list[Package]]:
    """(a stamp naming this build of the national catalogue, its packages): answers computed from the packages
    can be cached under the stamp, which changes whenever the catalogue is rebuilt."""
    # Any audited change in any region bumps the version; a region added, renamed or switched off changes
    # the count or the newest `updated_at`.
    regions = Region.objects.filter(is_active=True).aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    stamp = f"{any_region_cache_version()}:{regions['n']}:{regions['top']}:{regions['last']}"
    key = "kc:opendata:all:" + hashlib.sha256(stamp.encode()).hexdigest()[:32]
    token = cache.get(key + ":token")
    if token is not None and key in _memo and _memo[key][0] == token:
        return f"{key}:{token}", _memo[key][1]
    packages = cache.get(key) if token is not None else None
    if packages is None:
        packages, token = _build(_regions()), secrets.token_hex(8)
        cache.set_many({key: packages, key + ":token": token}, CACHE_SECONDS)
    _memo.clear()
    _memo[key] = (token, packages)
    return f"{key}:{token}", packages


def region_packages(*, region: Region, cached: bool = True) -> list[Package]:
    if not cached:
        return _build([region])
    # the report statistics and survey results change without the region's version (page-cache sections)
    key = f"kc:opendata:region:{region.slug}:{data_version(region.slug, ACROSS_REGIONS)}"
    packages = cache.get(key)
    if packages is None:
        packages = _build([region])
        cache.set(key, packages, CACHE_SECONDS)
    return packages


def package_for(*, region: Region, key: str) -> Package | None:
    return next((p for p in region_packages(region=region) if p.key == key), None)


def download_counts(*, region: Region) -> dict[str, dict[str, int]]:
    """{dataset key: {format: downloads}} (one query)."""
    out: dict[str, dict[str, int]] = {}
    for dataset, fmt, count in DownloadCount.objects.filter(region=region).values_list("dataset", "fmt", "count"):
        out.setdefault(dataset, {})[fmt] = count
    return out
