"""Illustrative citizen reports for the Luwu Utara demo: default categories, a bounding box, reports in every
kecamatan in every status (some past their SP4N-LAPOR deadlines), an Open311 route override."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kotacerdas.participation import services, workdays
from kotacerdas.participation.defaults import categories_seed_defaults
from kotacerdas.participation.models import Report, ReportCategory
from kotacerdas.regions.models import District, Village

# Approximate centres of the 15 kecamatan (illustrative; enough to put markers in the right part of the map).
CENTRES = {
    "Malangke": (-2.880, 120.400),
    "Bone Bone": (-2.585, 120.575),
    "Masamba": (-2.555, 120.328),
    "Sabbang": (-2.650, 120.170),
    "Limbong": (-2.300, 120.150),
    "Sukamaju": (-2.560, 120.495),
    "Seko": (-2.150, 119.900),
    "Malangke Barat": (-2.850, 120.300),
    "Rampi": (-2.070, 120.350),
    "Mappedeceng": (-2.620, 120.450),
    "Baebunta": (-2.520, 120.250),
    "Tana Lili": (-2.650, 120.620),
    "Sukamaju Selatan": (-2.650, 120.520),
    "Baebunta Selatan": (-2.620, 120.280),
    "Sabbang Selatan": (-2.750, 120.200),
}
BBOX = {
    "min_lat": Decimal("-3.10"),
    "max_lat": Decimal("-1.80"),
    "min_lon": Decimal("119.55"),
    "max_lon": Decimal("120.85"),
}
TEXTS = {
    "jalan": "Jalan berlubang cukup dalam, berbahaya untuk motor terutama malam hari.",
    "jembatan": "Papan jembatan kayu lapuk dan beberapa sudah patah.",
    "lampu-jalan": "Tiga lampu jalan mati sejak seminggu, jalan sangat gelap.",
    "sampah": "Sampah menumpuk di pinggir jalan dekat pasar, belum diangkut.",
    "air-bersih": "Air PDAM tidak mengalir sejak tiga hari.",
    "drainase": "Saluran air tersumbat, jalan tergenang setiap hujan.",
    "layanan-publik": "Loket pelayanan tutup pada jam kerja tanpa pemberitahuan.",
    "kependudukan": "KTP elektronik belum jadi setelah dua bulan.",
    "kesehatan": "Puskesmas pembantu kekurangan obat dasar.",
    "pendidikan": "Atap ruang kelas SD bocor saat hujan.",
    "bencana": "Longsor kecil menutup sebagian badan jalan.",
    "lainnya": "Papan nama jalan hilang di persimpangan.",
}
S = Report.Status
# (days ago, path of statuses after "received")
STORIES = [
    (1, []),
    (2, [S.VERIFIED]),
    (6, []),  # no first response after 3 days: late
    (9, [S.VERIFIED, S.IN_PROGRESS]),
    (20, [S.VERIFIED, S.IN_PROGRESS, S.RESOLVED]),
    (30, [S.REJECTED]),
    (75, [S.VERIFIED, S.IN_PROGRESS]),  # open past 60 days: late
    (40, [S.VERIFIED, S.RESOLVED]),
]
UPDATE_TEXT = {
    S.VERIFIED: "Laporan sudah diverifikasi dan diteruskan ke petugas lapangan.",
    S.IN_PROGRESS: "Petugas sudah meninjau lokasi; perbaikan dijadwalkan.",
    S.RESOLVED: "Perbaikan selesai. Terima kasih atas laporannya.",
    S.REJECTED: "Laporan ini di luar kewenangan pemerintah kabupaten dan diteruskan ke instansi terkait.",
}


@transaction.atomic
def load_demo_participation(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has reports is left alone)."""
    categories_seed_defaults(region=region, actor=admin)
    for year in sorted(workdays.NATIONAL_HOLIDAYS):  # idempotent: days already present are kept
        services.holidays_load(region=region, actor=admin, year=year)
    if Report.objects.filter(region=region).exists():
        return
    services.settings_update(region=region, actor=admin, **BBOX)
    categories = list(ReportCategory.objects.filter(region=region).select_related("agency"))
    districts = list(District.objects.filter(region=region).order_by("code"))
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(region=region):
        villages.setdefault(village.district_id, []).append(village)
    warga = get_user_model().objects.filter(username="warga.lutra").first()
    rng = random.Random(7322)  # noqa: S311 (illustrative data, not security)
    now = timezone.now()
    for index, district in enumerate(districts):
        for story_index in (index % len(STORIES), (index + 3) % len(STORIES)):
            days_ago, path = STORIES[story_index]
            category = categories[(index * 5 + story_index) % len(categories)]
            lat0, lon0 = CENTRES.get(district.name, (-2.555, 120.328))
            village = rng.choice(villages.get(district.pk) or [None])
            by_map = story_index % 2 == 0
            report = services.report_submit(
                region=region,
                actor=warga if (warga and story_index == 1) else None,
                category=category,
                description=TEXTS.get(category.code, "Masalah di lingkungan kami."),
                lat=Decimal(str(round(lat0 + rng.uniform(-0.02, 0.02), 6))) if by_map else None,
                lon=Decimal(str(round(lon0 + rng.uniform(-0.02, 0.02), 6))) if by_map else None,
                district=district,
                village=None if by_map else village,
                reporter_name="Warga (demo)",
            ).report
            # what the intake task does, now (the demo back-dates the "received" update below)
            services.report_intake_finish(report_id=report.pk)
            created = now - datetime.timedelta(days=days_ago, hours=rng.randint(0, 8))
            first_due, resolution_due = services.due_dates(
                region=region, config=services.settings_for(region), start=created, kind=category.kind
            )
            Report.objects.filter(pk=report.pk).update(
                created_at=created, first_response_due=first_due, resolution_due=resolution_due
            )
            report.updates.update(created_at=created)
            officer = admin
            for step, status in enumerate(path):
                update = services.report_transition(
                    report=report, actor=officer, status=status, text=UPDATE_TEXT[status]
                )
                when = created + datetime.timedelta(days=min(days_ago - 0.5, 1 + step * max(1, days_ago // 4)))
                type(update).objects.filter(pk=update.pk).update(created_at=when)
                fields = {}
                if step == 0:
                    fields["first_response_at"] = created + datetime.timedelta(hours=6 + 10 * (index % 5))
                if status in Report.CLOSED_STATUSES:
                    fields["closed_at"] = when
                Report.objects.filter(pk=report.pk).update(**fields)
    # Back-dated rows above: recount the statistics once from the reports.
    services.stats_rebuild(region=region)
