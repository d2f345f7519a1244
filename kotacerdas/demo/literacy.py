"""Illustrative literacy and capacity building for the Luwu Utara demo: the four Bimtek rounds of 2022 (the
dates of rounds I–III and all attendance figures are illustrative; round IV was held at Hotel Grand Town,
Makassar, on 21–22 September 2022) and digital literacy classes in several districts over 2022–2024.
Also the approximate centres of the 15 districts for the map. Written through the services, once."""

import datetime

from kotacerdas.collaboration.models import Partner
from kotacerdas.literacy import services
from kotacerdas.literacy.models import Activity, DistrictLocation
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency, District

# Approximate district centres (decimal degrees), good enough to place a circle on a small map.
CENTROIDS = {
    "Malangke": (-2.84, 120.33),
    "Bone Bone": (-2.71, 120.52),
    "Masamba": (-2.55, 120.33),
    "Sabbang": (-2.64, 120.17),
    "Limbong": (-2.37, 120.12),
    "Sukamaju": (-2.66, 120.45),
    "Seko": (-2.15, 119.93),
    "Malangke Barat": (-2.86, 120.24),
    "Rampi": (-2.00, 120.37),
    "Mappedeceng": (-2.69, 120.39),
    "Baebunta": (-2.58, 120.25),
    "Tana Lili": (-2.79, 120.56),
    "Sukamaju Selatan": (-2.75, 120.47),
    "Baebunta Selatan": (-2.69, 120.28),
    "Sabbang Selatan": (-2.74, 120.16),
}


def _counts(total, female, **groups):
    rest = total - sum(groups.values())
    base = dict.fromkeys(
        ("civil_servants", "students", "teachers", "msme_owners", "village_officials", "general_public"), 0
    )
    base.update(groups)
    base["general_public"] += rest
    return {"total": total, "male": total - female, "female": female, **base}


# title, kind, audience, district (None: outside the region), venue, date, counts, evaluation, partner acronym
ACTIVITIES = [
    ("Bimtek I Penyusunan Masterplan Smart City", "bimtek", "civil_servants", None, "Daring dan Masamba (contoh)",
     "2022-06-15", _counts(62, 24, civil_servants=62), {}, None),
    ("Bimtek II Penyusunan Masterplan Smart City", "bimtek", "civil_servants", None, "Masamba (contoh)",
     "2022-07-20", _counts(58, 22, civil_servants=58), {}, None),
    ("Bimtek III Penyusunan Masterplan Smart City", "bimtek", "civil_servants", None, "Masamba (contoh)",
     "2022-08-17", _counts(60, 23, civil_servants=60), {}, None),
    ("Bimtek IV Penyusunan Masterplan Smart City", "bimtek", "civil_servants", None,
     "Hotel Grand Town, Makassar", "2022-09-21", _counts(64, 25, civil_servants=64),
     {"satisfaction": "4.4", "evaluation_notes": "Tahap terakhir: quick win dan komitmen bersama (angka contoh)."},
     None),
    ("Kelas Literasi Digital untuk Guru (contoh)", "digital_literacy", "schools", "Masamba", "SMA Negeri 1 Masamba",
     "2022-11-10", _counts(45, 29, teachers=45), {"pre_test_mean": "52", "post_test_mean": "74"}, "Relawan TIK"),
    ("Literasi Digital Aparatur Desa (contoh)", "digital_literacy", "villages", "Baebunta", "Kantor Camat Baebunta",
     "2023-02-08", _counts(38, 12, village_officials=38), {"pre_test_mean": "48", "post_test_mean": "71"},
     "Relawan TIK"),
    ("Pelatihan Pemasaran Daring UMKM (contoh)", "training", "msme", "Sabbang", "Balai Desa Sabbang",
     "2023-05-16", _counts(50, 34, msme_owners=50), {"satisfaction": "4.3"}, "Bank Sulselbar"),
    ("Kelas Literasi Digital Pelajar (contoh)", "digital_literacy", "schools", "Bone Bone", "SMP Negeri 1 Bone Bone",
     "2023-08-22", _counts(80, 44, students=74, teachers=6), {"pre_test_mean": "55", "post_test_mean": "79"},
     None),
    ("Lokakarya Layanan Publik Digital (contoh)", "workshop", "civil_servants", "Masamba", "Aula Kantor Bupati",
     "2023-10-05", _counts(42, 19, civil_servants=42), {"satisfaction": "4.1"}, "UNANDA"),
    ("Literasi Digital Masyarakat Seko (contoh)", "digital_literacy", "public", "Seko", "Balai Desa Padang Balua",
     "2024-03-12", _counts(35, 17, village_officials=5), {"satisfaction": "4.6"}, None),
    ("Kelas Keamanan Digital untuk Perempuan (contoh)", "digital_literacy", "public", "Sukamaju",
     "Kantor Camat Sukamaju", "2024-06-19", _counts(40, 40, msme_owners=12), {"pre_test_mean": "50",
     "post_test_mean": "76"}, "Relawan TIK"),
    ("Literasi Digital Inklusif (contoh)", "digital_literacy", "mixed", "Malangke", "Balai Desa Malangke",
     "2024-09-10", {**_counts(30, 16, students=10), "with_disabilities": 12}, {"satisfaction": "4.7"}, None),
]  # fmt: skip


def load_demo_literacy(*, region, admin) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    districts = {d.name: d for d in District.objects.filter(region=region)}
    if not DistrictLocation.objects.filter(region=region).exists():
        for name, (lat, lng) in CENTROIDS.items():
            if name in districts:
                services.district_location_set(actor=admin, district=districts[name], latitude=lat, longitude=lng)
    if Activity.objects.filter(region=region).exists():
        return
    agencies = {a.acronym: a for a in Agency.objects.filter(region=region)}
    organiser = agencies.get("Diskominfo SP") or next(iter(agencies.values()))
    partners = {p.acronym: p for p in Partner.objects.filter(region=region)}
    programme = Programme.objects.filter(region=region, code="SOC-03").first()
    for title, kind, audience, district, venue, day, counts, evaluation, partner in ACTIVITIES:
        services.activity_create(
            actor=admin,
            region=region,
            title=title,
            kind=kind,
            audience=audience,
            organiser=organiser,
            partner=partners.get(partner) if partner else None,
            district=districts.get(district) if district else None,
            venue=venue,
            date=datetime.date.fromisoformat(day),
            programme=programme if kind != "bimtek" else None,
            **counts,
            **evaluation,
        )
