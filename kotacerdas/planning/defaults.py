"""Default questionnaire and checklists seeded when a masterplan's planning starts (editable afterwards).

The ministry's readiness scale was not found (../shared/domain.md §4), so the questions are a starting point
the region admin edits; the scale is 0–4 (planning.models.SCORE_LABELS).
"""

from django.utils.translation import gettext_lazy as _

READINESS_QUESTIONS = {
    "struktur": [
        ("Tersedia SDM TIK yang memadai di perangkat daerah", "Enough ICT staff in the agencies"),
        ("Ada unit atau tim yang mengoordinasikan smart city", "A unit or team coordinates the smart city programme"),
        ("Anggaran daerah dialokasikan untuk program smart city", "Regional budget is allocated to smart city"),
        ("Pimpinan daerah berkomitmen dan terlibat langsung", "Regional leadership is committed and involved"),
        ("Aparatur terlatih menggunakan layanan digital", "Civil servants are trained in digital services"),
    ],
    "infrastruktur": [
        ("Jaringan internet menjangkau semua kantor pemerintahan", "Internet reaches every government office"),
        ("Akses internet tersedia di desa dan kelurahan", "Villages have internet access"),
        ("Pusat data atau layanan cloud pemerintah tersedia", "A government data centre or cloud is available"),
        ("Aplikasi layanan publik saling terintegrasi", "Public service applications are integrated"),
        (
            "Infrastruktur sosial (ruang publik, kesehatan, sekolah) memadai",
            "Social infrastructure (public space, health, schools) is adequate",
        ),
    ],
    "suprastruktur": [
        (
            "Ada peraturan daerah atau perkada tentang smart city / SPBE",
            "A regional regulation on smart city or e-government exists",
        ),
        ("Kebijakan satu data dan keterbukaan informasi berjalan", "One-data and open information policies work"),
        (
            "Dewan Smart City dan Tim Pelaksana dibentuk dengan SK",
            "The smart city council and implementation team are set up by decree",
        ),
        ("Standar operasional layanan digital tersedia", "Operating standards for digital services exist"),
        ("Mekanisme kemitraan pentahelix tersedia", "A mechanism for pentahelix partnerships exists"),
    ],
}

# Per round: (Indonesian label, English label). A round is complete when every item is ticked.
CHECKLISTS = {
    1: [
        ("Daftar hadir dicatat", "Attendance recorded"),
        ("Semua butir kesiapan dinilai", "Every readiness item scored"),
        ("SWOT ditulis untuk setiap pilar", "SWOT written for each pillar"),
        ("Ringkasan kesenjangan ditulis untuk setiap pilar", "Gap summary written for each pillar"),
        ("Kata kunci visi disepakati", "Vision keywords agreed"),
    ],
    2: [
        ("Visi disepakati", "Vision agreed"),
        ("Misi dan tujuan ditulis", "Missions and objectives written"),
        ("Strategi untuk setiap dimensi", "Strategies for every dimension"),
        ("Program yang ada dipetakan dari RPJMD dan Renstra", "Existing programmes mapped from the RPJMD and Renstra"),
    ],
    3: [
        ("Program baru dan inovasi per dimensi", "New programmes and innovations per dimension"),
        ("Rencana aksi (tonggak per tahun) untuk program baru", "Action plan (yearly milestones) for new programmes"),
        ("Peta jalan sepuluh tahun ditinjau", "Ten-year roadmap reviewed"),
    ],
    4: [
        ("Quick win dipilih", "Quick wins selected"),
        ("Langkah pelaksanaan untuk setiap quick win", "Implementation steps for each quick win"),
        ("Dokumen akhir ditinjau", "Final document reviewed"),
        ("Komitmen bersama ditandatangani", "Joint commitment signed"),
    ],
}

# What each round must produce, shown on its page (../shared/domain.md §4).
REQUIRED_OUTPUTS = {
    1: _(
        "Readiness analysis on the three pillars (struktur, infrastruktur, suprastruktur), a SWOT per pillar, "
        "a gap analysis and keywords for the vision."
    ),
    2: _(
        "Vision, missions and objectives; strategies per dimension and element; existing programmes mapped from "
        "the RPJMD and each agency's Renstra."
    ),
    3: _("New programmes and innovations per dimension with their horizon and action plan; the ten-year roadmap."),
    4: _("Quick wins (years 1–2) with implementation steps; the final document; commitment signing; adoption."),
}
