"""The framework a national evaluator starts from when there is no previous year to copy (domain.md §5).

Weights seen in Sleman: Baseline 10, Output 20, Outcome 30, Impact 30, Quick Win 10. Items are illustrative:
the ministry's item list was not found, so every item is data the evaluator edits.
"""

from decimal import Decimal

DIMENSIONS = [
    # key, name (id), name (en), what it measures, weight %
    ("baseline", "Baseline", "Baseline", "Peningkatan dari evaluasi sebelumnya", Decimal(10)),
    ("output", "Output", "Output", "Kebijakan, kelembagaan dan anggaran tersedia", Decimal(20)),
    ("outcome", "Outcome", "Outcome", "Program masterplan terlaksana", Decimal(30)),
    ("impact", "Dampak", "Impact", "Manfaat yang dirasakan warga", Decimal(30)),
    ("quick_win", "Quick Win", "Quick Win", "Inovasi quick win", Decimal(10)),
]

SMART = [
    ("governance", "GOV", "Governance"),
    ("branding", "BRA", "Branding"),
    ("economy", "ECO", "Economy"),
    ("living", "LIV", "Living"),
    ("society", "SOC", "Society"),
    ("environment", "ENV", "Environment"),
]


# Baseline and Output: written out one by one.
_FIXED_ITEMS = (
    dict(
        dimension="baseline",
        code="BAS-1",
        title="Data dasar dan profil kesiapan daerah mutakhir",
        title_en="Baseline data and readiness profile up to date",
        evidence_needed="Profil daerah, analisis kesiapan (struktur, infrastruktur, suprastruktur)",
        evidence_needed_en="Regional profile, readiness analysis (structure, infrastructure, superstructure)",
        weight=Decimal(50),
    ),
    dict(
        dimension="baseline",
        code="BAS-2",
        title="Tindak lanjut rekomendasi evaluasi tahun sebelumnya",
        title_en="Follow-up of last year's evaluation recommendations",
        evidence_needed="Laporan tindak lanjut rekomendasi",
        evidence_needed_en="Report on the follow-up of the recommendations",
        weight=Decimal(50),
    ),
    dict(
        dimension="output",
        code="OUT-1",
        title="Masterplan smart city ditetapkan dengan peraturan/keputusan kepala daerah",
        title_en="Smart city masterplan adopted by a regulation or decree",
        evidence_needed="Perbup/SK penetapan masterplan",
        evidence_needed_en="The regent's regulation or decree adopting the masterplan",
        weight=Decimal(25),
        source="masterplan_adopted",
    ),
    dict(
        dimension="output",
        code="OUT-2",
        title="Dewan Smart City dan Tim Pelaksana ditetapkan dan bekerja",
        title_en="Smart city council and implementation team appointed and working",
        evidence_needed="SK Dewan dan Tim Pelaksana, notulen rapat",
        evidence_needed_en="Decrees appointing the council and the implementation team, meeting minutes",
        weight=Decimal(25),
    ),
    dict(
        dimension="output",
        code="OUT-3",
        title="Anggaran program masterplan tersedia dalam APBD",
        title_en="Budget for masterplan programmes in the regional budget",
        evidence_needed="DPA Perangkat Daerah",
        evidence_needed_en="The agencies' budget implementation documents (DPA)",
        weight=Decimal(25),
    ),
    dict(
        dimension="output",
        code="OUT-4",
        title="Komitmen bersama pentahelix ditandatangani",
        title_en="Joint pentahelix commitment signed",
        evidence_needed="Dokumen komitmen bersama, MoU/PKS",
        evidence_needed_en="The joint commitment, MoUs and cooperation agreements",
        weight=Decimal(25),
        source="commitments_signed",
    ),
)


def _outcome_items() -> list[dict]:
    rows = []
    for key, short, label in SMART:
        rows.append(
            dict(
                dimension="outcome",
                code=f"OC-{short}",
                smart_dimension=key,
                title=f"Program Smart {label} terlaksana sesuai target",
                title_en=f"Smart {label} programmes carried out to target",
                evidence_needed="Laporan monev terverifikasi, foto kegiatan",
                evidence_needed_en="Verified monitoring reports, photos of the activities",
                weight=Decimal(15),
                source="achievement",
            )
        )
    rows.append(
        dict(
            dimension="outcome",
            code="OC-REP",
            title="Program masterplan dilaporkan dan diverifikasi",
            title_en="Masterplan programmes reported and verified",
            evidence_needed="Laporan monev terverifikasi",
            evidence_needed_en="Verified monitoring reports",
            weight=Decimal(10),
            source="programmes_verified",
        )
    )
    return rows


def _impact_items() -> list[dict]:
    rows = []
    for key, short, label in SMART:
        rows.append(
            dict(
                dimension="impact",
                code=f"IMP-{short}",
                smart_dimension=key,
                title=f"Manfaat Smart {label} dirasakan warga",
                title_en=f"Citizens feel the benefit of Smart {label}",
                evidence_needed="Data capaian indikator dampak, testimoni",
                evidence_needed_en="Achievement data of the impact indicators, testimonials",
                weight=Decimal("12.5"),
            )
        )
    rows.append(
        dict(
            dimension="impact",
            code="IMP-SRV",
            title="Survei kepuasan/dampak kepada warga",
            title_en="Citizen satisfaction and impact survey",
            evidence_needed="Laporan survei dampak (jumlah responden, metode)",
            evidence_needed_en="Impact survey report (number of respondents, method)",
            weight=Decimal(25),
        )
    )
    return rows


def items() -> list[dict]:
    """The default items: 2 Baseline, 4 Output, 7 Outcome, 7 Impact; Quick Win is rated per quick win."""
    rows = [dict(row) for row in _FIXED_ITEMS] + _outcome_items() + _impact_items()
    for order, row in enumerate(rows):
        row.setdefault("smart_dimension", "")
        row.setdefault("source", "")
        row["order"] = order
    return rows
