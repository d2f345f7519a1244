"""The demo region: its agencies, dimension coordinators, masterplan and slogan."""

AGENCIES = [
    # (acronym, name, kind)
    ("Diskominfo SP", "Dinas Komunikasi, Informatika, Statistik dan Persandian", "dinas"),
    ("Bappelitbangda", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "badan"),
    ("DPUTRPKP2", "Dinas Pekerjaan Umum, Tata Ruang, Perumahan, Kawasan Permukiman dan Pertanahan", "dinas"),
    ("Disporapar", "Dinas Kepemudaan, Olahraga dan Pariwisata", "dinas"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "badan"),
    ("DLH", "Dinas Lingkungan Hidup", "dinas"),
    ("Dinas PMD", "Dinas Pemberdayaan Masyarakat dan Desa", "dinas"),
    ("Dinkes", "Dinas Kesehatan", "dinas"),
    ("Disdik", "Dinas Pendidikan", "dinas"),
    ("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "dinas"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "dinas"),
    ("Dishub", "Dinas Perhubungan", "dinas"),
    ("Dinas KUKM", "Dinas Koperasi dan Usaha Kecil Menengah", "dinas"),
    ("Distan", "Dinas Pertanian", "dinas"),
    ("BPKD", "Badan Pengelolaan Keuangan Daerah", "badan"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "badan"),
    ("Dinsos", "Dinas Sosial", "dinas"),
    ("Dispusip", "Dinas Perpustakaan dan Kearsipan", "dinas"),
]

# Dimension coordinators reported for Luwu Utara (domain.md §1).
COORDINATORS = {
    "governance": "Bappelitbangda",
    "branding": "DPUTRPKP2",
    "economy": "Disporapar",
    "living": "Diskominfo SP",
    "society": "BPBD",
    "environment": "DLH",
}

MASTERPLAN = {
    "title": "Luwu Utara BISA Smart City 2022–2032",
    "period_start_year": 2022,
    "period_end_year": 2032,
    "vision": (
        "Terwujudnya Luwu Utara yang Berdaya Saing, Inovatif, Sinergi dan Adaptif melalui tata kelola "
        "pemerintahan dan pelayanan publik berbasis teknologi informasi (contoh)."
    ),
    "vision_en": (
        "A competitive, innovative, synergetic and adaptive Luwu Utara through information-technology-based "
        "governance and public services (illustrative)."
    ),
    "missions": "\n".join(
        [
            "Meningkatkan kualitas pelayanan publik yang cepat, mudah dan terjangkau",
            "Mengembangkan ekonomi lokal, UMKM dan pariwisata berbasis potensi daerah",
            "Membangun masyarakat yang literat digital, tangguh bencana dan berpartisipasi",
            "Menjaga kelestarian lingkungan dan tata kelola sampah serta energi",
        ]
    ),
    "missions_en": "\n".join(
        [
            "Improve public services that are fast, easy and affordable",
            "Develop the local economy, small businesses and tourism from the region's potential",
            "Build a digitally literate, disaster-resilient and participating society",
            "Protect the environment and manage waste and energy well",
        ]
    ),
    "status": "adopted",
    "adoption_decree_number": "Perbup Luwu Utara (contoh) No. 00 Tahun 2022",
}

SLOGAN = ("BISA", "Berdaya Saing, Inovatif, Sinergi, Adaptif", "Competitive, Innovative, Synergetic, Adaptive")
