"""Default report categories a region starts with (editable afterwards), routed to the usual agencies."""

from django.db import transaction

from kotacerdas.regions.models import Agency

from . import services
from .models import ReportCategory

K = ReportCategory.Kind
# code, name, name_en, kind, agency acronyms to try in order (the first the region has wins)
DEFAULT_CATEGORIES = [
    ("jalan", "Jalan rusak", "Damaged road", K.FIELD_CHECK, ["DPUTRPKP2", "Dinas PU", "DPU"]),
    ("jembatan", "Jembatan rusak", "Damaged bridge", K.FIELD_CHECK, ["DPUTRPKP2", "Dinas PU", "DPU"]),
    ("lampu-jalan", "Lampu jalan mati", "Street light out", K.STANDARD, ["Dishub", "DPUTRPKP2"]),
    ("sampah", "Sampah menumpuk", "Uncollected waste", K.STANDARD, ["DLH"]),
    ("air-bersih", "Air bersih", "Drinking water supply", K.FIELD_CHECK, ["DPUTRPKP2", "PDAM"]),
    ("drainase", "Saluran air / banjir", "Drains and flooding", K.FIELD_CHECK, ["DPUTRPKP2", "BPBD"]),
    ("layanan-publik", "Pelayanan publik", "Public service", K.INFORMATION, ["Diskominfo SP", "Diskominfo"]),
    ("kependudukan", "Dokumen kependudukan", "Civil registration", K.INFORMATION, ["Disdukcapil"]),
    ("kesehatan", "Layanan kesehatan", "Health services", K.STANDARD, ["Dinkes"]),
    ("pendidikan", "Sekolah dan pendidikan", "Schools and education", K.STANDARD, ["Disdik"]),
    ("bencana", "Bencana dan kedaruratan", "Disasters and emergencies", K.FIELD_CHECK, ["BPBD"]),
    ("lainnya", "Lainnya", "Other", K.INFORMATION, ["Diskominfo SP", "Diskominfo"]),
]


@transaction.atomic
def categories_seed_defaults(*, region, actor) -> list[ReportCategory]:
    """Create the default categories the region lacks (matched on code); needs at least one agency."""
    agencies = {a.acronym: a for a in Agency.objects.filter(region=region)}
    fallback = next(iter(agencies.values()), None)
    if fallback is None:
        return []
    existing = set(ReportCategory.objects.filter(region=region).values_list("code", flat=True))
    created = []
    for order, (code, name, name_en, kind, acronyms) in enumerate(DEFAULT_CATEGORIES):
        if code in existing:
            continue
        agency = next((agencies[a] for a in acronyms if a in agencies), fallback)
        created.append(
            services.category_save(
                region=region,
                actor=actor,
                code=code,
                name=name,
                name_en=name_en,
                kind=kind,
                agency=agency,
                order=order,
                is_active=True,
                description="",
            )
        )
    return created
