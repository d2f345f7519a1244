"""The demo logins."""

# One login per role. The password is printed by `make run`; demo regions only.
DEMO_PASSWORD = "demo-kotacerdas"  # noqa: S105 (demo only; load_demo refuses with DEBUG off)
USERS = [
    # (username, full name, role, agency acronym)
    ("admin.lutra", "Admin Diskominfo Luwu Utara", "region_admin", None),
    ("tp.lutra", "Anggota Tim Pelaksana", "tim_pelaksana", None),
    ("dewan.lutra", "Anggota Dewan Kota Cerdas", "dewan", None),
    ("opd.dlh", "Petugas DLH", "agency_officer", "DLH"),
    ("mitra.lutra", "Mitra Pentahelix", "partner", None),
    ("warga.lutra", "Warga Luwu Utara", "citizen", None),
]
NATIONAL_EVALUATOR = ("timahli", "Tim Ahli Kemkominfo")
SECOND_REGION_ADMIN = ("admin.maros", "Admin Diskominfo Maros")
