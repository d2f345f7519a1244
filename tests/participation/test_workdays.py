"""Working-day deadlines (SP4N-LAPOR counts hari kerja): weekends and the region's holidays are skipped.
Every expected date below is computed by hand from a calendar (times in WITA, the site's zone)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.participation import services, workdays
from kotacerdas.participation.models import AgencyReportStats, Holiday
from tests.roles import ALL_USERS

from .conftest import submit

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=WITA)


def url(region="luwu-utara"):
    return reverse("participation:holidays", kwargs={"region_slug": region})


def test_add_working_days_by_hand():
    friday = at(2026, 11, 20, 10, 0)
    # Mon 23, Tue 24, Wed 25
    assert workdays.add_working_days(friday, 3, set()) == at(2026, 11, 25, 10, 0)
    # Tuesday 24 a holiday: Mon 23, Wed 25, Thu 26
    assert workdays.add_working_days(friday, 3, {datetime.date(2026, 11, 24)}) == at(2026, 11, 26, 10, 0)
    # arriving on a Saturday: Monday is the first working day
    assert workdays.add_working_days(at(2026, 11, 21, 14, 30), 1, set()) == at(2026, 11, 23, 14, 30)
    # 14 working days from Friday 20 November: 23-27, 30 Nov-4 Dec, 7-10 Dec -> Thursday 10 December
    assert workdays.add_working_days(friday, 14, set()) == at(2026, 12, 10, 10, 0)
    # a UTC instant late in the evening is already the next day in WITA (Sat 21 Nov 00:30 WITA)
    late = datetime.datetime(2026, 11, 20, 16, 30, tzinfo=datetime.UTC)
    assert workdays.add_working_days(late, 1, set()) == at(2026, 11, 23, 0, 30)


def test_submit_counts_working_days_across_weekend_and_holiday(aduan):
    region = aduan["home"]
    Holiday.objects.create(region=region, date=datetime.date(2026, 11, 24), name="Hari libur daerah", kind="regional")
    Holiday.objects.create(
        region=aduan["other"], date=datetime.date(2026, 11, 23), name="Other region", kind="regional"
    )
    with freeze_time(at(2026, 11, 20, 10, 0)):
        report = submit(aduan, category=aduan["home_sampah"])  # information: 5 working days
    # first response, 3 working days: Mon 23, (Tue 24 holiday), Wed 25, Thu 26
    assert report.first_response_due == at(2026, 11, 26, 10, 0)
    # resolution, 5 working days: Mon 23, Wed 25, Thu 26, Fri 27, Mon 30
    assert report.resolution_due == at(2026, 11, 30, 10, 0)


def test_lebaran_2026_from_the_national_list(aduan):
    region = aduan["home"]
    assert services.holidays_load(region=region, actor=aduan["users"]["region_admin"], year=2026) == 25
    with freeze_time(at(2026, 3, 17, 9, 0)):  # Tuesday before Nyepi
        report = submit(aduan)
    # 18 cuti Nyepi, 19 Nyepi, 20 cuti Idulfitri, 21-22 Idulfitri (weekend), 23-24 cuti: Wed 25, Thu 26, Fri 27
    assert report.first_response_due == at(2026, 3, 27, 9, 0)


def test_calendar_days_when_switched_off(aduan):
    region = aduan["home"]
    services.settings_update(region=region, actor=aduan["users"]["region_admin"], count_working_days=False)
    Holiday.objects.create(region=region, date=datetime.date(2026, 11, 24), name="Libur", kind="regional")
    with freeze_time(at(2026, 11, 20, 10, 0)):
        report = submit(aduan, category=aduan["home_sampah"])
    assert report.first_response_due == at(2026, 11, 23, 10, 0)
    assert report.resolution_due == at(2026, 11, 25, 10, 0)


def test_in_time_statistics_follow_working_day_deadline(aduan):
    """Resolved on calendar day 7 (the next Friday) is late in calendar days but in time in working days."""
    region, officer = aduan["home"], aduan["users"]["region_admin"]
    with freeze_time(at(2026, 11, 20, 10, 0)):
        report = submit(aduan, category=aduan["home_sampah"])
    with freeze_time(at(2026, 11, 27, 9, 0)):
        services.report_transition(report=report, actor=officer, status="in_progress", text="Dicek")
        services.report_transition(report=report, actor=officer, status="resolved", text="Selesai")
    stats = AgencyReportStats.objects.get(region=region, agency=report.agency)
    assert (stats.resolved, stats.resolved_in_time) == (1, 1)
    assert (stats.responded, stats.responded_in_time) == (1, 0)  # first response was due Wed 25 10:00


def test_existing_reports_keep_deadlines_until_recomputed(aduan):
    region, admin = aduan["home"], aduan["users"]["region_admin"]
    with freeze_time(at(2026, 11, 20, 10, 0)):
        open_report = submit(aduan, category=aduan["home_sampah"])
        answered = submit(aduan, category=aduan["home_sampah"], description="Sudah dijawab")
    services.report_transition(report=answered, actor=admin, status="verified", text="Diverifikasi")
    services.holiday_save(region=region, actor=admin, date=datetime.date(2026, 11, 24), name="Libur", kind="regional")
    open_report.refresh_from_db()
    assert open_report.first_response_due == at(2026, 11, 25, 10, 0)  # unchanged
    assert services.deadlines_recompute(region=region, actor=admin) == 2
    open_report.refresh_from_db()
    answered.refresh_from_db()
    assert open_report.first_response_due == at(2026, 11, 26, 10, 0)
    assert open_report.resolution_due == at(2026, 11, 30, 10, 0)
    assert answered.first_response_due == at(2026, 11, 25, 10, 0)  # met or missed: history
    assert answered.resolution_due == at(2026, 11, 30, 10, 0)
    assert AuditEvent.objects.filter(action="report.deadlines_recompute").count() == 1
    assert AgencyReportStats.objects.get(region=region, agency=open_report.agency).received == 2


def test_holiday_services_validate_and_audit(aduan):
    region, admin = aduan["home"], aduan["users"]["region_admin"]
    day = datetime.date(2026, 12, 31)
    holiday = services.holiday_save(region=region, actor=admin, date=day, name="Libur daerah", kind="regional")
    with pytest.raises(ApplicationError) as exc:
        services.holiday_save(region=region, actor=admin, date=day, name="Again", kind="regional")
    assert "date" in exc.value.fields
    with pytest.raises(ApplicationError) as exc:
        services.holiday_save(region=region, actor=admin, date=day.replace(day=30), name="  ", kind="regional")
    assert "name" in exc.value.fields
    with pytest.raises(ApplicationError):
        services.holidays_load(region=region, actor=admin, year=2031)
    services.holiday_delete(holiday=holiday, actor=admin)
    actions = list(AuditEvent.objects.filter(action__startswith="holiday.").values_list("action", flat=True))
    assert sorted(actions) == ["holiday.create", "holiday.delete"]
    assert Holiday.objects.filter(region=region).count() == 0


def test_load_holidays_command_is_idempotent(aduan):
    call_command("load_holidays", region="luwu-utara", year=2025)
    assert Holiday.objects.filter(region=aduan["home"], date__year=2025).count() == 28
    call_command("load_holidays", region="luwu-utara", year=2025)
    assert Holiday.objects.filter(region=aduan["home"]).count() == 28
    assert Holiday.objects.filter(region=aduan["other"]).count() == 0
    assert Holiday.objects.get(region=aduan["home"], date="2025-08-18").kind == Holiday.Kind.CUTI_BERSAMA
    with pytest.raises(CommandError):
        call_command("load_holidays", region="luwu-utara", year=2030)
    with pytest.raises(CommandError):
        call_command("load_holidays", region="nowhere", year=2025)


def test_seeded_lists_are_sane():
    for year, rows in workdays.NATIONAL_HOLIDAYS.items():
        days = [datetime.date.fromisoformat(d) for d, _name, _cuti in rows]
        assert all(d.year == year for d in days) and len(set(days)) == len(days) == len(rows)
        # cuti bersama fall on working days (that is their point)
        assert all(datetime.date.fromisoformat(d).weekday() < 5 for d, _n, cuti in rows if cuti)


@pytest.mark.parametrize("role", ALL_USERS)
def test_holiday_page_permissions(aduan, client_for, role):
    user = aduan["users"].get(role)
    client = client_for(user)
    response = client.get(url())
    allowed = role == "region_admin"
    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403, 404)
    posted = client.post(url(), {"action": "add", "day-date": "2026-12-31", "day-name": "X", "day-kind": "regional"})
    assert posted.status_code == (302 if allowed else posted.status_code)
    assert Holiday.objects.filter(region=aduan["home"]).exists() is allowed


def test_holiday_page_add_load_delete_and_bad_input(aduan, client_for):
    client = client_for(aduan["users"]["region_admin"])
    client.cookies["django_language"] = "en"  # the page speaks the visitor's language
    with translation.override("en"):
        bad = client.post(url(), {"action": "add", "day-date": "31/31/2026", "day-name": "", "day-kind": "x"})
        assert bad.status_code == 400
        assert Holiday.objects.count() == 0
        missing = client.post(url(), {"action": "load", "load-year": "2031"})
        assert missing.status_code == 400 and "No verified national list" in missing.content.decode()
    assert client.post(url(), {"action": "load", "load-year": "2026"}).status_code == 302
    assert Holiday.objects.filter(region=aduan["home"]).count() == 25
    page = client.get(url(), {"tahun": "2026"})
    assert len(page.context["rows"]) == 25
    first = Holiday.objects.filter(region=aduan["home"]).first()
    assert client.post(url(), {"action": "delete", "holiday": first.pk}).status_code == 302
    other = Holiday.objects.create(region=aduan["other"], date="2026-01-01", name="Maros", kind="national")
    assert client.post(url(), {"action": "delete", "holiday": other.pk}).status_code == 404
    assert client.post(url(), {"action": "recompute"}).status_code == 302
    assert Holiday.objects.filter(pk=other.pk).exists()


def test_other_region_admin_cannot_touch_calendar(aduan, client_for):
    client = client_for(aduan["users"]["other_admin"])
    assert client.get(url()).status_code == 403
    assert client.post(url(), {"action": "load", "load-year": "2026"}).status_code == 403
    assert not Holiday.objects.filter(region=aduan["home"]).exists()


def test_holiday_page_queries_flat(aduan, client_for, django_assert_max_num_queries):
    client = client_for(aduan["users"]["region_admin"])
    client.get(url(), {"tahun": "2026"})
    with django_assert_max_num_queries(12):
        client.get(url(), {"tahun": "2026"})
    services.holidays_load(region=aduan["home"], actor=aduan["users"]["region_admin"], year=2026)
    with django_assert_max_num_queries(12):
        assert len(client.get(url(), {"tahun": "2026"}).context["rows"]) == 25


def test_stats_page_says_how_days_are_counted(aduan, client, django_capture_on_commit_callbacks):
    stats = reverse("participation:stats", kwargs={"region_slug": "luwu-utara"})
    assert 'data-testid="working-days"' in client.get(stats).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.settings_update(region=aduan["home"], actor=aduan["users"]["region_admin"], count_working_days=False)
    assert 'data-testid="calendar-days"' in client.get(stats).content.decode()  # the audited change retired the cache
