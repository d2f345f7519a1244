"""Illustrative pentahelix collaboration for the Luwu Utara demo: every partner is marked "(contoh)" (an
example), the people are invented. Written through the services (so it is audited like real use) and only
once: a region that already has partners is left alone."""

import datetime
import zoneinfo
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import Partner, Signature
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Agency

# name, acronym, category, subkind, public consent, programme codes
PARTNERS = [
    ("Pemerintah Provinsi Sulawesi Selatan (contoh)", "Pemprov Sulsel", "government", "", True, ["GOV-01"]),
    ("Universitas Andi Djemma (contoh)", "UNANDA", "academia", "", True, ["GOV-02", "SOC-01"]),
    ("Bank Sulselbar (contoh)", "Bank Sulselbar", "business", "bank", True, ["ECO-01"]),
    ("PT PLN (Persero) UP3 Palopo (contoh)", "PLN", "business", "bumn_bumd", True, ["ENV-01"]),
    ("Koperasi Kopi Seko (contoh)", "Kopi Seko", "business", "private", False, ["ECO-02"]),
    ("Relawan TIK Luwu Utara (contoh)", "Relawan TIK", "community", "", True, ["SOC-02", "GOV-03"]),
    ("Harian Palopo Pos (contoh)", "Palopo Pos", "media", "print", True, ["BRD-01"]),
    ("Portal Berita Lutra Online (contoh)", "Lutra Online", "media", "online", True, ["BRD-02"]),
]

# The Bimtek IV ceremony in Makassar (WITA) where the commitment was signed.
CEREMONY_TIME = datetime.time(10, 0)
CEREMONY_TZ = zoneinfo.ZoneInfo("Asia/Makassar")

COMMITMENT_TEXT = """Kami, perwakilan Pemerintah Kabupaten Luwu Utara, perguruan tinggi, dunia usaha,
komunitas dan media, berkomitmen bersama untuk:
1. melaksanakan Masterplan Smart City Kabupaten Luwu Utara sebagai tanggung jawab bersama;
2. mendukung program dan quick win sesuai peran masing-masing;
3. berbagi data dan informasi untuk pelayanan publik yang lebih baik;
4. melaporkan kemajuan secara terbuka kepada masyarakat.
(Teks contoh untuk demo.)"""


def _partners(*, region, admin, programmes: dict) -> dict:
    partners = {}
    for name, acronym, category, subkind, consent, codes in PARTNERS:
        partners[acronym] = services.partner_create(
            actor=admin,
            region=region,
            name=name,
            acronym=acronym,
            category=category,
            subkind=subkind,
            public_consent=consent,
            description="Mitra ilustratif untuk demo Kota Cerdas.",
            programmes=[programmes[c] for c in codes if c in programmes],
        )
    partner_user = get_user_model().objects.filter(username="mitra.lutra").first()
    services.partner_contact_add(
        actor=admin,
        partner=partners["UNANDA"],
        name="Dr. Contoh Kontak",
        position="Kepala LPPM",
        email="lppm@unanda.example.org",
        phone="0811-0000-0000",
        user=partner_user,
    )
    return partners


def _commitment(*, region, admin, partners: dict, agencies: dict) -> None:
    """The joint commitment of Bimtek IV, signed by three of its four signatories and published."""
    partner_user = get_user_model().objects.filter(username="mitra.lutra").first()
    commitment = services.commitment_create(
        actor=admin,
        region=region,
        title="Komitmen Bersama Smart City Kabupaten Luwu Utara — Bimtek IV",
        text=COMMITMENT_TEXT,
        event_date=datetime.date(2022, 9, 22),
        event_place="Makassar",
    )
    officer = get_user_model().objects.filter(username="opd.dlh").first()
    signatories = [
        services.signatory_add(
            actor=admin,
            commitment=commitment,
            name="Kepala Diskominfo SP (contoh)",
            position="Kepala Dinas",
            agency=agencies.get("Diskominfo SP"),
            user=admin,
        ),
        services.signatory_add(
            actor=admin,
            commitment=commitment,
            name="Kepala DLH (contoh)",
            position="Kepala Dinas",
            agency=agencies.get("DLH"),
            user=officer,
        ),
        services.signatory_add(
            actor=admin,
            commitment=commitment,
            name="Rektor UNANDA (contoh)",
            position="Rektor",
            partner=partners["UNANDA"],
            user=partner_user,
        ),
        services.signatory_add(
            actor=admin,
            commitment=commitment,
            name="Pimpinan Cabang Bank Sulselbar (contoh)",
            position="Pimpinan Cabang",
            partner=partners["Bank Sulselbar"],
            email="cabang@banksulselbar.example.org",
        ),
    ]
    services.commitment_sign(actor=admin, signatory=signatories[0])
    if officer is not None:
        services.commitment_sign(actor=officer, signatory=signatories[1])
    if partner_user is not None:
        services.commitment_sign(actor=partner_user, signatory=signatories[2])
    # They signed at the ceremony, not on the day the demo was loaded: the signatures carry its date (the text
    # hash they were made over is unchanged, so each stays valid; the audit trail keeps the day of loading).
    for minutes, signatory in enumerate(signatories):
        at = datetime.datetime.combine(commitment.event_date, CEREMONY_TIME) + datetime.timedelta(minutes=5 * minutes)
        Signature.objects.filter(signatory=signatory).update(signed_at=timezone.make_aware(at, CEREMONY_TZ))
    services.commitment_set_published(actor=admin, commitment=commitment, published=True)


def _agreement_and_contributions(*, region, admin, partners: dict, agencies: dict, programmes: dict) -> None:
    # Signed two years ago and ending in six weeks, whatever the day: the expiry alert has something to say.
    today = timezone.localdate()
    signed = datetime.date(today.year - 2, 3, 1)
    services.agreement_create(
        actor=admin,
        region=region,
        number=f"MoU/001/DISKOMINFO/{signed.year} (contoh)",
        kind="mou",
        title="Nota kesepahaman pengembangan SDM digital (contoh)",
        scope="Pelatihan literasi digital, magang mahasiswa, riset bersama.",
        signed_on=signed,
        starts_on=signed,
        ends_on=today + datetime.timedelta(weeks=6),
        agencies=[a for a in (agencies.get("Diskominfo SP"),) if a],
        partners=[partners["UNANDA"]],
        programmes=[programmes[c] for c in ("SOC-01", "GOV-02") if c in programmes],
    )
    for acronym, code, kind, description, amount, status in (
        ("Bank Sulselbar", "ECO-01", "funding", "Dana CSR pelatihan UMKM digital (contoh)", "150000000", "realised"),
        ("Bank Sulselbar", "ECO-01", "funding", "Dana CSR tahap 2 (contoh)", "100000000", "pledged"),
        ("UNANDA", "SOC-01", "expertise", "Pendampingan dosen dan mahasiswa KKN (contoh)", None, "realised"),
        ("Lutra Online", "BRD-02", "media", "Liputan kegiatan smart city (contoh)", None, "realised"),
        ("PLN", "ENV-01", "in_kind", "Lampu jalan tenaga surya (contoh)", None, "pledged"),
    ):
        if code in programmes:
            services.contribution_create(
                actor=admin,
                partner=partners[acronym],
                programme=programmes[code],
                kind=kind,
                description=description,
                year=2024,
                amount=Decimal(amount) if amount else None,
                status=status,
            )


def _bodies(*, region, admin, partners: dict, agencies: dict) -> None:
    """The Tim Pelaksana and the Dewan, with one change of seat that keeps its history."""
    tim = services.body_create(
        actor=admin,
        region=region,
        kind="tim_pelaksana",
        decree_number="SK Bupati 188.4.45/2022 (contoh)",
        term_starts=datetime.date(2022, 6, 1),
    )
    for name, role, acronym in (
        ("Sekretaris Daerah (contoh)", "Ketua", None),
        ("Kepala Diskominfo SP (contoh)", "Sekretaris", "Diskominfo SP"),
        ("Sekretaris Bappelitbangda (contoh)", "Anggota", "Bappelitbangda"),
        ("Sekretaris DLH (contoh)", "Anggota", "DLH"),
    ):
        services.body_member_add(
            actor=admin,
            body=tim,
            name=name,
            role=role,
            agency=agencies.get(acronym) if acronym else None,
            starts_on=datetime.date(2022, 6, 1),
        )
    dewan = services.body_create(
        actor=admin,
        region=region,
        kind="dewan",
        decree_number="SK Bupati 188.4.46/2022 (contoh)",
        term_starts=datetime.date(2022, 6, 1),
    )
    for name, role, partner in (
        ("Bupati Luwu Utara (contoh)", "Ketua", None),
        ("Rektor UNANDA (contoh)", "Anggota", partners["UNANDA"]),
        ("Ketua Relawan TIK (contoh)", "Anggota", partners["Relawan TIK"]),
    ):
        services.body_member_add(
            actor=admin, body=dewan, name=name, role=role, partner=partner, starts_on=datetime.date(2022, 6, 1)
        )
    # A change of seat keeps history: the first community member left, a successor joined.
    leaving = dewan.members.get(name="Ketua Relawan TIK (contoh)")
    services.body_member_end(actor=admin, member=leaving, ends_on=datetime.date(2024, 1, 31))
    services.body_member_add(
        actor=admin,
        body=dewan,
        name="Ketua Relawan TIK periode baru (contoh)",
        role="Anggota",
        partner=partners["Relawan TIK"],
        starts_on=datetime.date(2024, 2, 1),
    )


def load_demo_collaboration(*, region, admin) -> None:
    if Partner.objects.filter(region=region).exists():
        return
    programmes = {p.code: p for p in Programme.objects.filter(region=region)}
    partners = _partners(region=region, admin=admin, programmes=programmes)
    agencies = {a.acronym: a for a in Agency.objects.filter(region=region)}
    _commitment(region=region, admin=admin, partners=partners, agencies=agencies)
    _agreement_and_contributions(
        region=region, admin=admin, partners=partners, agencies=agencies, programmes=programmes
    )
    _bodies(region=region, admin=admin, partners=partners, agencies=agencies)
