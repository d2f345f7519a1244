"""Builders shared by the innovation, literacy and news tests: real files and rows written through the
services (no mocks)."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.innovation import services as innovation_services
from kotacerdas.literacy import services as literacy_services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="foto.png", size=(40, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 80)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_image(name="foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"<html><script>alert(1)</script></html>", content_type="image/png")


CRITERIA_ALL = dict.fromkeys(("renews", "benefits", "no_burden", "authority", "replicable"), True) | {
    key + "_note": "Alasan." for key in ("renews", "benefits", "no_burden", "authority", "replicable")
}


def innovation(world, *, actor=None, region_key="home", title="Lapor Sampah", **extra):
    users = world["users"]
    actor = actor or (users["region_admin"] if region_key == "home" else users["other_admin"])
    fields = {
        "title": title,
        "description": "Aplikasi pelaporan sampah.",
        "initiator_type": "agency",
        "form": "public_service",
        "agency": world[f"{region_key}_agency"],
        "programme": world[f"{region_key}_programme"],
        "proposed_on": datetime.date(2023, 1, 10),
        **CRITERIA_ALL,
        **extra,
    }
    return innovation_services.innovation_create(actor=actor, region=world[region_key], **fields)


def advance_to(innov, stage, *, actor):
    """Walk the innovation forward to `stage`, one step at a time, each with a PDF as evidence."""
    dates = {
        "decided": datetime.date(2023, 2, 1),
        "trial": datetime.date(2023, 4, 1),
        "applied": datetime.date(2024, 1, 5),
    }
    order = ["proposal", "decided", "trial", "applied"]
    for step in order[order.index(innov.stage) + 1 : order.index(stage) + 1]:
        innov = innovation_services.innovation_advance(
            actor=actor,
            innovation=innov,
            to_stage=step,
            on=dates[step],
            evidence={"kind": "document", "file": pdf(f"{step}.pdf"), "caption": step, "is_public": True},
        )
    return innov


def attendance(total=30, male=12, female=18, **groups):
    """Counts that add up: by default everyone in `general_public`."""
    counts = {
        "civil_servants": 0,
        "students": 0,
        "teachers": 0,
        "msme_owners": 0,
        "village_officials": 0,
        "general_public": 0,
        **groups,
    }
    if not groups:
        counts["general_public"] = total
    return {"total": total, "male": male, "female": female, "with_disabilities": 0, **counts}


def activity(
    world, *, region_key="home", district=None, date=datetime.date(2023, 5, 2), title="Kelas Literasi Digital", **extra
):
    from kotacerdas.regions.models import District

    users = world["users"]
    region = world[region_key]
    if district is None:
        district, _ = District.objects.get_or_create(
            region=region,
            code=f"{region.code}.03",
            defaults={"name": "Masamba" if region_key == "home" else "Turikale"},
        )
    fields = {
        "title": title,
        "kind": "digital_literacy",
        "organiser": world[f"{region_key}_agency"],
        "audience": "public",
        "district": district,
        "date": date,
        **attendance(),
        **extra,
    }
    actor = users["region_admin"] if region_key == "home" else users["other_admin"]
    return literacy_services.activity_create(actor=actor, region=region, **fields)
