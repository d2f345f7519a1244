"""Working days (hari kerja) for SP4N-LAPOR deadlines: Monday to Friday, minus the region's holidays
(national holidays and cuti bersama, plus any the region adds).

`NATIONAL_HOLIDAYS` holds only the years whose SKB 3 Menteri list could be checked against published copies
(see docs/participation.md, "Working days"); other years are loaded by the region admin on the holidays page.
"""

import datetime

from django.utils import timezone

# (date, name, is_cuti_bersama) per year, from the SKB of the Minister of Religious Affairs, the Minister of
# Manpower and the Minister for Administrative Reform (PANRB).
NATIONAL_HOLIDAYS: dict[int, list[tuple[str, str, bool]]] = {
    # SKB No. 1017/2024, 2/2024, 2/2024 (14 October 2024), amended 7 August 2025 (cuti bersama 18 August)
    2025: [
        ("2025-01-01", "Tahun Baru 2025 Masehi", False),
        ("2025-01-27", "Isra Mikraj Nabi Muhammad SAW", False),
        ("2025-01-28", "Cuti bersama Tahun Baru Imlek", True),
        ("2025-01-29", "Tahun Baru Imlek 2576 Kongzili", False),
        ("2025-03-28", "Cuti bersama Hari Suci Nyepi", True),
        ("2025-03-29", "Hari Suci Nyepi (Tahun Baru Saka 1947)", False),
        ("2025-03-31", "Idulfitri 1446 Hijriah", False),
        ("2025-04-01", "Idulfitri 1446 Hijriah", False),
        ("2025-04-02", "Cuti bersama Idulfitri", True),
        ("2025-04-03", "Cuti bersama Idulfitri", True),
        ("2025-04-04", "Cuti bersama Idulfitri", True),
        ("2025-04-07", "Cuti bersama Idulfitri", True),
        ("2025-04-18", "Wafat Yesus Kristus", False),
        ("2025-04-20", "Kebangkitan Yesus Kristus (Paskah)", False),
        ("2025-05-01", "Hari Buruh Internasional", False),
        ("2025-05-12", "Hari Raya Waisak 2569 BE", False),
        ("2025-05-13", "Cuti bersama Hari Raya Waisak", True),
        ("2025-05-29", "Kenaikan Yesus Kristus", False),
        ("2025-05-30", "Cuti bersama Kenaikan Yesus Kristus", True),
        ("2025-06-01", "Hari Lahir Pancasila", False),
        ("2025-06-06", "Iduladha 1446 Hijriah", False),
        ("2025-06-09", "Cuti bersama Iduladha", True),
        ("2025-06-27", "1 Muharam Tahun Baru Islam 1447 Hijriah", False),
        ("2025-08-17", "Proklamasi Kemerdekaan", False),
        ("2025-08-18", "Cuti bersama HUT ke-80 RI", True),
        ("2025-09-05", "Maulid Nabi Muhammad SAW", False),
        ("2025-12-25", "Kelahiran Yesus Kristus", False),
        ("2025-12-26", "Cuti bersama Kelahiran Yesus Kristus", True),
    ],
    # SKB No. 1497/2025, 2/2025, 5/2025
    2026: [
        ("2026-01-01", "Tahun Baru 2026 Masehi", False),
        ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW", False),
        ("2026-02-16", "Cuti bersama Tahun Baru Imlek", True),
        ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", False),
        ("2026-03-18", "Cuti bersama Hari Suci Nyepi", True),
        ("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)", False),
        ("2026-03-20", "Cuti bersama Idulfitri", True),
        ("2026-03-21", "Idulfitri 1447 Hijriah", False),
        ("2026-03-22", "Idulfitri 1447 Hijriah", False),
        ("2026-03-23", "Cuti bersama Idulfitri", True),
        ("2026-03-24", "Cuti bersama Idulfitri", True),
        ("2026-04-03", "Wafat Yesus Kristus", False),
        ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", False),
        ("2026-05-01", "Hari Buruh Internasional", False),
        ("2026-05-14", "Kenaikan Yesus Kristus", False),
        ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus", True),
        ("2026-05-27", "Iduladha 1447 Hijriah", False),
        ("2026-05-28", "Cuti bersama Iduladha", True),
        ("2026-05-31", "Hari Raya Waisak 2570 BE", False),
        ("2026-06-01", "Hari Lahir Pancasila", False),
        ("2026-06-16", "1 Muharam Tahun Baru Islam 1448 Hijriah", False),
        ("2026-08-17", "Proklamasi Kemerdekaan", False),
        ("2026-08-25", "Maulid Nabi Muhammad SAW", False),
        ("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus", True),
        ("2026-12-25", "Kelahiran Yesus Kristus", False),
    ],
}


def is_working_day(day: datetime.date, holidays: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.datetime, days: int, holidays: set[datetime.date]) -> datetime.datetime:
    """The same local time of day on the `days`-th working day after the start's local date.

    A report arriving on a Saturday, Sunday or holiday starts counting on the next working day, like one
    arriving on the last working day before it: Friday 10:00 + 3 working days = Wednesday 10:00.
    """
    local = timezone.localtime(start)
    day, counted = local.date(), 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            counted += 1
    return local.replace(year=day.year, month=day.month, day=day.day)


def window_end(start: datetime.datetime, days: int) -> datetime.date:
    """A date safely past the `days`-th working day (to load the holidays that can matter in one query)."""
    return timezone.localtime(start).date() + datetime.timedelta(days=days * 2 + 40)
