"""Illustrative innovation registry for the Luwu Utara demo: one or more innovations at every stage, each
marked "(contoh)" (an example). Written through the services (so it is audited like real use) and only once:
a region that already has innovations is left alone."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.innovation import services
from kotacerdas.innovation.models import Innovation
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency, Region

# A minimal valid PDF standing in for a decree or a report (demo only).
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
ALL = dict.fromkeys(("renews", "benefits", "no_burden", "authority", "replicable"), True)

# title, description, initiator, form, agency, programme, stage, (proposed, decided, trial, applied),
# criteria notes (None: not met)
INNOVATIONS = [
    (
        "Lapor Sampah Lutra (contoh)",
        "Warga melaporkan tumpukan sampah lewat WhatsApp dan peta daring; petugas DLH menjemputnya dan menandai "
        "laporan selesai.",
        "agency",
        "public_service",
        "DLH",
        "ENV-01",
        "applied",
        ("2022-10-03", "2022-12-01", "2023-02-01", "2023-08-14"),
    ),
    (
        "Antrean Online Puskesmas (contoh)",
        "Pasien mengambil nomor antrean puskesmas dari ponsel dan datang saat gilirannya dekat.",
        "civil_servant",
        "public_service",
        "Dinkes",
        "LIV-01",
        "applied",
        ("2022-11-07", "2023-01-09", "2023-03-06", "2023-10-02"),
    ),
    (
        "Dukcapil Jemput Bola Digital (contoh)",
        "Petugas Dukcapil melayani perekaman dan pencetakan dokumen kependudukan di desa terpencil dengan "
        "perangkat bergerak.",
        "agency",
        "public_service",
        "Disdukcapil",
        "GOV-04",
        "trial",
        ("2023-03-01", "2023-05-02", "2023-08-01", None),
    ),
    (
        "Peta Wisata Digital Lutra (contoh)",
        "Peta daring destinasi wisata, homestay dan produk lokal Luwu Utara dengan kode QR di lokasi.",
        "regional_head",
        "other",
        "Disporapar",
        "BRD-01",
        "trial",
        ("2023-04-10", "2023-06-05", "2024-01-15", None),
    ),
    (
        "Desa Digital BISA (contoh)",
        "Pendampingan desa untuk layanan administrasi dan informasi desa secara daring.",
        "dprd",
        "governance",
        "Diskominfo SP",
        "SOC-03",
        "decided",
        ("2023-09-04", "2024-02-01", None, None),
    ),
    (
        "Pasar UMKM Daring (contoh)",
        "Etalase daring bersama untuk UMKM binaan dengan pembayaran nontunai.",
        "citizen",
        "public_service",
        "Dinas KUKM",
        "ECO-01",
        "proposal",
        ("2024-05-20", None, None, None),
    ),
]
STAGE_KEYS = ("decided", "trial", "applied")
CAPTIONS = {
    "decided": "SK Bupati penetapan inovasi (contoh)",
    "trial": "Laporan uji coba (contoh)",
    "applied": "Laporan penerapan dan foto kegiatan (contoh)",
}


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def load_demo_innovation(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    if Innovation.objects.filter(region=region).exists():
        return
    agencies = {a.acronym: a for a in Agency.objects.filter(region=region)}
    programmes = {p.code: p for p in Programme.objects.filter(region=region)}
    for i, (title, description, initiator, form, acronym, code, _stage, dates) in enumerate(INNOVATIONS):
        agency = agencies.get(acronym) or next(iter(agencies.values()))
        programme = programmes.get(code)
        criteria = dict(ALL)
        if title.startswith("Peta Wisata"):
            criteria["replicable"] = False  # an honest gap, so the index is not all-or-nothing
        notes = {
            "renews_note": "Mengubah cara layanan diberikan: dari tatap muka dan kertas ke layanan daring.",
            "benefits_note": "Mempercepat layanan dan menghemat biaya perjalanan warga.",
            "no_burden_note": "Tanpa biaya tambahan dan tanpa syarat baru bagi warga.",
            "authority_note": "Urusan pemerintahan yang menjadi kewenangan kabupaten.",
            "replicable_note": "Dapat ditiru daerah lain dengan aplikasi dan prosedur yang sama.",
        }
        innovation = services.innovation_create(
            actor=admin,
            region=region,
            title=title,
            description=description,
            initiator_type=initiator,
            form=form,
            agency=agency,
            programme=programme,
            dimension=programme.dimension if programme else None,
            proposed_on=_date(dates[0]),
            **criteria,
            **{k: v for k, v in notes.items() if criteria[k.removesuffix("_note")]},
        )
        for step, day in zip(STAGE_KEYS, dates[1:], strict=True):
            if day is None:
                break
            innovation = services.innovation_advance(
                actor=admin,
                innovation=innovation,
                to_stage=step,
                on=_date(day),
                decree_number=f"SK Bupati No. 188.4/{100 + i}/2023 (contoh)" if step == "decided" else "",
                evidence={
                    "kind": "document",
                    "file": SimpleUploadedFile(f"{step}-{i + 1}.pdf", DEMO_PDF, content_type="application/pdf"),
                    "caption": CAPTIONS[step],
                    "is_public": step != "decided",
                },
            )
        if innovation.stage == "applied" and i == 0:
            services.replication_add(
                actor=admin, innovation=innovation, region_name="Kabupaten Luwu Timur (contoh)", year=2024
            )
            maros = Region.objects.filter(slug="maros").exclude(pk=region.pk).first()
            if maros is not None:
                services.replication_add(
                    actor=admin, innovation=innovation, other_region=maros, year=2024, note="Studi tiru (contoh)"
                )
