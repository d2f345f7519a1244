"""The report services check the actor's permission themselves: a citizen, an agency officer of another agency
and another region's admin are refused, and nothing changes."""

import datetime

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.participation import services
from kotacerdas.participation.models import Holiday, Open311Key, Report, ReportCategory, ReportSettings
from tests.refusals import assert_refused

from .conftest import submit

pytestmark = pytest.mark.django_db

REFUSED = ("citizen", "dewan", "other_admin", "evaluator", None)


def _calls(aduan):
    region, report = aduan["home"], Report.objects.get()
    holiday = Holiday.objects.create(region=region, date=datetime.date(2026, 8, 17), name="HUT RI", kind="national")
    key = Open311Key.objects.create(region=region, name="App", key_hash="x" * 64, prefix="kc311_ab")
    return {
        "transition": lambda a: services.report_transition(report=report, actor=a, status="in_progress", text="Ok"),
        "reroute": lambda a: services.report_reroute(
            report=report, actor=a, agency=aduan["home_second_agency"], reason="Bukan kewenangan kami"
        ),
        "category": lambda a: services.category_save(
            region=region, actor=a, category=aduan["home_jalan"], name="Jalan berlubang"
        ),
        "route": lambda a: services.route_set(
            region=region, actor=a, category=aduan["home_jalan"], district=aduan["home_far"], agency=None
        ),
        "settings": lambda a: services.settings_update(region=region, actor=a, reports_per_ip_per_hour=1),
        "key_create": lambda a: services.api_key_create(region=region, actor=a, name="Aplikasi"),
        "key_revoke": lambda a: services.api_key_revoke(key=key, actor=a),
        "holiday_save": lambda a: services.holiday_save(
            region=region, actor=a, date=datetime.date(2026, 12, 25), name="Natal", kind="national"
        ),
        "holiday_delete": lambda a: services.holiday_delete(holiday=holiday, actor=a),
        "holidays_load": lambda a: services.holidays_load(region=region, actor=a, year=2026),
        "recompute": lambda a: services.deadlines_recompute(region=region, actor=a),
    }


def _state():
    return (
        list(Report.objects.values_list("status", "agency_id", "first_response_due")),
        list(ReportCategory.objects.values_list("name", flat=True)),
        list(ReportSettings.objects.values_list("reports_per_ip_per_hour", flat=True)),
        list(Open311Key.objects.values_list("name", "is_active")),
        list(Holiday.objects.values_list("date", flat=True)),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("who", REFUSED)
def test_users_without_the_permission_are_refused_and_nothing_changes(aduan, who):
    submit(aduan)
    actor = aduan["users"][who] if who else None
    calls = _calls(aduan)
    before = _state()
    for name, call in calls.items():
        if name == "holidays_load" and actor is None:
            continue  # no actor is the operator at the console (manage.py load_holidays)
        assert_refused(call, actor, label=name)
    assert _state() == before


def test_an_officer_of_another_agency_may_not_move_or_forward_the_report(aduan):
    report = submit(aduan, category=aduan["home_sampah"])  # routed to the second agency
    officer = aduan["users"]["agency_officer"]
    for call in (
        lambda: services.report_transition(report=report, actor=officer, status="in_progress", text="Ok"),
        lambda: services.report_reroute(report=report, actor=officer, agency=aduan["home_agency"], reason="Salah"),
    ):
        assert_refused(call)
    report.refresh_from_db()
    assert (report.status, report.agency_id) == ("received", aduan["home_second_agency"].pk)


@pytest.mark.parametrize("who", ["region_admin", "tim_pelaksana", "agency_officer"])
def test_the_people_who_handle_the_report_may_move_it(aduan, who):
    report = submit(aduan)  # routed to the world's agency, the officer's
    services.report_transition(report=report, actor=aduan["users"][who], status="in_progress", text="Ok")
    report.refresh_from_db()
    assert report.status == "in_progress"


def test_anonymous_intake_stays_allowed_but_not_for_an_inactive_region(aduan):
    assert submit(aduan).pk
    aduan["home"].is_active = False
    aduan["home"].save(update_fields=["is_active"])
    with pytest.raises(ApplicationError):
        submit(aduan, description="Lampu jalan mati")
    assert Report.objects.count() == 1
