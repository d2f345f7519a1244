"""The four Bimtek rounds of the Luwu Utara demo, as they might have run in 2022 (all illustrative).

Written through the planning services, once: a masterplan that already has its rounds is left alone.
"""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from kotacerdas.masterplan.models import Dimension, Masterplan, Programme
from kotacerdas.masterplan.services import masterplan_version_adopted_ensure
from kotacerdas.planning import services
from kotacerdas.planning.models import PillarAnalysis, ReadinessItem, Round
from kotacerdas.regions.models import Agency

ROUNDS = {
    1: (date(2022, 3, 14), date(2022, 3, 15), "Aula Bappelitbangda, Masamba"),
    2: (date(2022, 5, 23), date(2022, 5, 24), "Aula Bappelitbangda, Masamba"),
    3: (date(2022, 7, 18), date(2022, 7, 19), "Hotel di Masamba (contoh)"),
    4: (date(2022, 9, 22), None, "Makassar"),
}

# (name, organisation, agency acronym or None)
PARTICIPANTS = [
    ("Kepala Bappelitbangda (contoh)", "", "Bappelitbangda"),
    ("Kepala Diskominfo SP (contoh)", "", "Diskominfo SP"),
    ("Sekretaris DLH (contoh)", "", "DLH"),
    ("Kabid Pelayanan DPMPTSP (contoh)", "", "DPMPTSP"),
    ("Narasumber Kementerian (contoh)", "Tim Ahli Gerakan Menuju 100 Smart City", None),
    ("Dosen Universitas Andi Djemma (contoh)", "Universitas Andi Djemma (contoh)", None),
]

# Scores per pillar, in the order of the default questions (0–4).
SCORES = {"struktur": [2, 3, 2, 3, 2], "infrastruktur": [3, 1, 2, 2, 2], "suprastruktur": [2, 2, 3, 1, 3]}

SWOT = {
    "struktur": {
        "strengths": "Komitmen kuat bupati dan slogan BISA\nTim Pelaksana dan Dewan Smart City sudah dibentuk",
        "weaknesses": "SDM TIK di perangkat daerah terbatas\nAnggaran TIK tersebar di banyak dinas",
        "opportunities": "Pendampingan Gerakan Menuju 100 Smart City\nKemitraan dengan perguruan tinggi lokal",
        "threats": "Mutasi pegawai memutus keberlanjutan program\nKeterbatasan fiskal pasca bencana",
        "gap_summary": "Perlu rencana pengembangan SDM TIK dan penganggaran terpadu lintas perangkat daerah.",
    },
    "infrastruktur": {
        "strengths": "Jaringan fiber di ibu kota kabupaten\nMal pelayanan publik sudah berjalan",
        "weaknesses": "Banyak desa di pegunungan belum terjangkau internet\nAplikasi antar-dinas belum terintegrasi",
        "opportunities": "Program BAKTI untuk desa 3T\nPusat data nasional",
        "threats": "Banjir bandang dan longsor merusak infrastruktur\nBiaya pemeliharaan perangkat",
        "gap_summary": "Akses internet desa dan integrasi aplikasi menjadi prioritas jangka pendek.",
    },
    "suprastruktur": {
        "strengths": "SK Tim Pelaksana dan Dewan Smart City\nKebijakan SPBE daerah",
        "weaknesses": "Belum ada perbup satu data\nSOP layanan digital belum lengkap",
        "opportunities": "Regulasi nasional SPBE dan Satu Data Indonesia\nInovasi daerah yang diakui nasional",
        "threats": "Perubahan regulasi pusat\nRendahnya literasi digital masyarakat",
        "gap_summary": "Menyusun perbup satu data dan SOP layanan digital sebelum program baru dijalankan.",
    },
}

STRATEGIES = {
    "governance": ["Integrasi layanan perizinan dan kependudukan dalam satu pintu digital"],
    "branding": ["Promosi destinasi Seko dan Rampi melalui kanal digital bersama pelaku wisata"],
    "economy": ["Digitalisasi UMKM dan pembayaran nontunai di pasar rakyat"],
    "living": ["Perluasan akses internet desa dan layanan kesehatan jarak jauh"],
    "society": ["Literasi digital dan kesiapsiagaan bencana berbasis komunitas"],
    "environment": ["Pengelolaan sampah berbasis bank sampah dan pemantauan daring"],
}

OBJECTIVES = "\n".join(
    [
        "Seluruh layanan perizinan dan kependudukan dapat diakses daring pada 2027",
        "Seluruh desa terjangkau internet pada 2030",
        "Meningkatkan transaksi nontunai UMKM dan pasar rakyat",
        "Menurunkan timbulan sampah yang tidak terkelola",
    ]
)


def _complete_adopted_texts(masterplan) -> None:
    """The demo masterplan was adopted in 2022, before this platform kept its texts: complete them as adopted."""
    changes = {}
    if not masterplan.objectives:
        changes["objectives"] = OBJECTIVES
    if not masterplan.vision_keywords:
        changes["vision_keywords"] = "berdaya saing, inovatif, sinergi, adaptif, pelayanan publik"
    if not masterplan.adopted_on and masterplan.status == Masterplan.Status.ADOPTED:
        changes["adopted_on"] = date(2022, 11, 14)
    if changes:
        Masterplan.objects.filter(pk=masterplan.pk).update(**changes)
        masterplan.refresh_from_db()


def _workshops(*, region, masterplan, admin) -> None:
    """The four Bimtek rounds: dates, venue and participants (one absent from Bimtek III)."""
    agencies = {a.acronym: a for a in Agency.objects.filter(region=region)}
    for rnd in Round.objects.filter(masterplan=masterplan).order_by("number"):
        held_on, held_until, venue = ROUNDS[rnd.number]
        services.round_update(round=rnd, actor=admin, held_on=held_on, held_until=held_until, venue=venue)
        for i, (name, organisation, acronym) in enumerate(PARTICIPANTS):
            services.participant_add(
                round=rnd,
                actor=admin,
                name=name,
                organisation=organisation,
                agency=agencies.get(acronym),
                present=not (rnd.number == 3 and i == 5),
            )


def _readiness_and_strategies(*, region, masterplan, admin) -> None:
    for pillar, scores in SCORES.items():
        items = list(ReadinessItem.objects.filter(masterplan=masterplan, pillar=pillar).order_by("order", "pk"))
        answers = {
            item.pk: {"score": score, "evidence": "Hasil diskusi kelompok Bimtek I (contoh)", "version": item.version}
            for item, score in zip(items, scores, strict=False)
        }
        services.readiness_scores_set(masterplan=masterplan, pillar=pillar, actor=admin, answers=answers)
        analysis = PillarAnalysis.objects.get(masterplan=masterplan, pillar=pillar)
        services.pillar_analysis_update(analysis=analysis, actor=admin, **SWOT[pillar])

    dimensions = {d.key: d for d in Dimension.objects.filter(region=region)}
    for key, texts in STRATEGIES.items():
        if key in dimensions:
            for text in texts:
                services.strategy_create(masterplan=masterplan, actor=admin, dimension=dimensions[key], text=text)


def _programme_plan(programme, i: int, *, admin) -> None:
    """Origin, milestones and, for a quick win, its steps; the origin alternates RPJMD, Renstra, new."""
    if i % 3 == 0:
        services.programme_origin_set(
            programme=programme,
            actor=admin,
            source="rpjmd",
            source_document="RPJMD Kabupaten Luwu Utara 2021–2026 (contoh)",
            source_reference=f"Bab VI, hlm. {100 + i}",
        )
    elif i % 3 == 1:
        services.programme_origin_set(
            programme=programme,
            actor=admin,
            source="renstra",
            source_document=f"Renstra {programme.owner_agency.acronym} 2021–2026 (contoh)",
            source_reference=f"Bab IV, hlm. {20 + i}",
        )
    else:
        services.programme_origin_set(
            programme=programme, actor=admin, source="new", innovation_kind="technology" if i % 2 else "policy"
        )
    services.milestone_add(
        programme=programme, actor=admin, year=programme.start_year, title="Rancangan dan uji coba (contoh)"
    )
    if programme.end_year != programme.start_year:
        services.milestone_add(
            programme=programme, actor=admin, year=programme.end_year, title="Berjalan penuh (contoh)"
        )
    if programme.is_quick_win:
        for description, responsible, due in (
            ("Menyusun SK dan SOP", programme.owner_agency.acronym, date(programme.quick_win_year, 3, 31)),
            ("Uji coba di satu kecamatan", programme.owner_agency.acronym, date(programme.quick_win_year, 6, 30)),
            ("Peluncuran dan sosialisasi", "Diskominfo SP", date(programme.quick_win_year, 9, 30)),
        ):
            services.quick_win_step_add(
                programme=programme, actor=admin, description=description, responsible=responsible, due_on=due
            )


def _complete_rounds(*, masterplan, admin) -> None:
    for rnd in Round.objects.filter(masterplan=masterplan).order_by("number"):
        for item in rnd.checklist.all():
            services.checklist_item_set(item=item, actor=admin, done=True)
        services.round_complete(round=rnd, actor=admin)
        # Shown as completed on the workshop's last day, as it would have been in 2022.
        last_day = rnd.held_until or rnd.held_on
        Round.objects.filter(pk=rnd.pk).update(
            completed_at=timezone.make_aware(datetime.combine(last_day, time(17, 0)))
        )


@transaction.atomic
def load_demo_planning(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    masterplan = Masterplan.objects.filter(region=region).first()
    if masterplan is None or Round.objects.filter(masterplan=masterplan).exists():
        return
    _complete_adopted_texts(masterplan)
    services.planning_start(masterplan=masterplan, actor=admin)
    _workshops(region=region, masterplan=masterplan, admin=admin)
    _readiness_and_strategies(region=region, masterplan=masterplan, admin=admin)
    programmes = list(Programme.objects.filter(masterplan=masterplan).select_related("owner_agency").order_by("code"))
    for i, programme in enumerate(programmes):
        _programme_plan(programme, i, admin=admin)
    _complete_rounds(masterplan=masterplan, admin=admin)
    masterplan_version_adopted_ensure(masterplan=masterplan, actor=admin)
