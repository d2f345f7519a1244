import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.models import Notification
from kotacerdas.participation import services
from kotacerdas.participation.models import AgencyReportStats, Report, ReportPhoto, ReportUpdate
from kotacerdas.regions.models import Membership
from tests.factories import AgencyFactory, MembershipFactory, UserFactory

from .conftest import jpeg, submit

pytestmark = pytest.mark.django_db


# One moment on each day of a week without holidays (Monday 30 November to Sunday 6 December 2026, 10:00 WITA):
# SP4N-LAPOR deadlines count working days, so what "three days later" means depends on the weekday.
WEEK = [
    datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    + datetime.timedelta(days=n)
    for n in range(7)
]
WEEKDAY_IDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def working_days_after(start: datetime.datetime, n: int) -> datetime.datetime:
    """The n-th weekday after start's date at the same time (counted here independently of the code)."""
    day = start
    while n:
        day += datetime.timedelta(days=1)
        n -= day.weekday() < 5
    return day


@pytest.mark.parametrize("now", WEEK, ids=WEEKDAY_IDS)
def test_submit_routes_sets_sp4n_deadlines_counts_and_audits(aduan, now):
    with freeze_time(now):
        report = submit(aduan, photos=[jpeg()])
    assert report.status == Report.Status.RECEIVED
    assert report.agency == aduan["home_agency"]
    assert len(report.tracking_code) == 10
    # field check category: 60 working days; first response: 3 working days
    assert report.first_response_due == working_days_after(now, 3)
    assert report.resolution_due == working_days_after(now, 60)
    assert report.photos.count() == 1
    assert ReportUpdate.objects.filter(report=report, status="received").count() == 1
    stats = AgencyReportStats.objects.get(region=aduan["home"], agency=aduan["home_agency"])
    assert (stats.received, stats.open) == (1, 1)
    event = AuditEvent.objects.get(action="report.submit", object_id=str(report.pk))
    assert "reporter_email" not in event.after  # contact details stay out of the audit trail


def test_district_override_routes_to_other_agency(aduan):
    services.route_set(
        region=aduan["home"],
        actor=aduan["users"]["region_admin"],
        category=aduan["home_jalan"],
        district=aduan["home_far"],
        agency=aduan["home_second_agency"],
    )
    report = submit(aduan, lat=None, lon=None, village=aduan["home_far_village"])
    assert report.district == aduan["home_far"]
    assert report.agency == aduan["home_second_agency"]


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"description": "   "}, "description"),
        ({"description": "x" * 2001}, "description"),
        ({"lat": "-6.2", "lon": "106.8"}, "lat"),  # Jakarta: outside Luwu Utara
        ({"lat": "abc", "lon": "120"}, "lat"),
        ({"lat": "-2.5", "lon": None}, "lat"),
        ({"lat": None, "lon": None}, "district"),
        ({"photos": [SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")]}, "photo_1"),
        ({"photos": [jpeg(), SimpleUploadedFile("b.png", b"<script>", content_type="image/png")]}, "photo_2"),
        ({"photos": [jpeg(), jpeg(), jpeg(), jpeg()]}, "photo_1"),
        ({"reporter_email": "not-an-address"}, "reporter_email"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(aduan, overrides, field):
    with pytest.raises(ApplicationError) as exc:
        submit(aduan, **overrides)
    assert field in exc.value.fields
    assert not Report.objects.exists() and not ReportPhoto.objects.exists()
    assert not AgencyReportStats.objects.exists()


def test_too_large_photo_is_refused(aduan):
    big = jpeg()
    big.size = services.MAX_PHOTO_BYTES + 1
    with translation.override("en"), pytest.raises(ApplicationError, match="too large"):
        submit(aduan, photos=[big])


def test_foreign_category_and_village_are_refused(aduan):
    with pytest.raises(ApplicationError):
        submit(aduan, category=aduan["other_jalan"])
    with pytest.raises(ApplicationError):
        submit(aduan, lat=None, lon=None, village=aduan["other_village"])
    with pytest.raises(ApplicationError):
        submit(aduan, lat=None, lon=None, district=aduan["home_district"], village=aduan["home_far_village"])
    assert not Report.objects.exists()


def test_idempotency_key_returns_the_first_report(aduan):
    first = services.report_submit(
        region=aduan["home"],
        actor=None,
        category=aduan["home_jalan"],
        description="a",
        lat="-2.5",
        lon="120.3",
        idempotency_key="k-1",
    )
    again = services.report_submit(
        region=aduan["home"],
        actor=None,
        category=aduan["home_jalan"],
        description="a",
        lat="-2.5",
        lon="120.3",
        idempotency_key="k-1",
    )
    assert first.created and not again.created
    assert again.report.pk == first.report.pk
    assert Report.objects.count() == 1
    assert AgencyReportStats.objects.get(agency=aduan["home_agency"]).received == 1


def test_rate_limit_per_ip_and_per_account(aduan):
    services.settings_update(
        region=aduan["home"],
        actor=aduan["users"]["region_admin"],
        reports_per_ip_per_hour=2,
        reports_per_account_per_hour=1,
    )
    submit(aduan, client_ip="10.0.0.1")
    submit(aduan, client_ip="10.0.0.1")
    with pytest.raises(services.RateLimited):
        submit(aduan, client_ip="10.0.0.1")
    submit(aduan, client_ip="10.0.0.2")  # another address is not affected
    citizen = aduan["users"]["citizen"]
    submit(aduan, actor=citizen, client_ip="10.0.0.3")
    with pytest.raises(services.RateLimited):
        submit(aduan, actor=citizen, client_ip="10.0.0.4")
    assert Report.objects.count() == 4


def test_a_retry_or_a_refused_report_does_not_count_against_the_limit(aduan):
    services.settings_update(region=aduan["home"], actor=aduan["users"]["region_admin"], reports_per_ip_per_hour=2)
    retry = {"client_ip": "10.0.0.9", "account_key": "open311:1", "idempotency_key": "sama"}
    first = submit(aduan, **retry)
    assert submit(aduan, **retry).pk == first.pk  # the retry gets the same report and is not counted
    with pytest.raises(ApplicationError):
        submit(aduan, client_ip="10.0.0.9", description="")  # refused for its content: not counted
    submit(aduan, client_ip="10.0.0.9")  # the second of two
    with pytest.raises(services.RateLimited, match="2"):
        submit(aduan, client_ip="10.0.0.9")
    assert submit(aduan, **retry).pk == first.pk  # a retry still gets its report once the limit is reached
    assert Report.objects.filter(region=aduan["home"]).count() == 2


def test_transitions_statistics_audit_and_notifications(aduan, django_capture_on_commit_callbacks):
    citizen = aduan["users"]["citizen"]
    officer = aduan["users"]["agency_officer"]
    mine = submit(aduan, actor=citizen)
    anonymous = submit(aduan, reporter_email="warga@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=mine, actor=officer, status="verified", text="Dicek")
        services.report_transition(report=mine, actor=officer, status="in_progress", text="Dikerjakan")
        services.report_transition(report=mine, actor=officer, status="resolved", text="Selesai")
        services.report_transition(report=anonymous, actor=officer, status="rejected", text="Bukan kewenangan")
    mine.refresh_from_db()
    assert mine.status == "resolved" and mine.closed_at and mine.first_response_at
    assert list(mine.updates.values_list("status", flat=True)) == ["received", "verified", "in_progress", "resolved"]
    stats = AgencyReportStats.objects.get(agency=aduan["home_agency"])
    assert (stats.received, stats.open, stats.resolved, stats.resolved_in_time, stats.rejected) == (2, 0, 1, 1, 1)
    assert (stats.responded, stats.responded_in_time) == (2, 2)
    assert stats.median_response_hours == 0.5
    assert AuditEvent.objects.filter(action="report.status").count() == 4
    assert Notification.objects.filter(user=citizen).count() == 3
    assert any("warga@example.org" in m.to for m in mail.outbox)
    with pytest.raises(ApplicationError):
        services.report_transition(report=mine, actor=officer, status="in_progress", text="lagi")
    with pytest.raises(ApplicationError):
        services.report_transition(report=submit(aduan), actor=officer, status="verified", text="  ")


def test_stats_rebuild_matches_the_running_counters(aduan):
    officer = aduan["users"]["agency_officer"]
    reports = [submit(aduan) for _ in range(3)]
    services.report_transition(report=reports[0], actor=officer, status="verified", text="ok")
    services.report_transition(report=reports[1], actor=officer, status="rejected", text="no")
    running = AgencyReportStats.objects.get(agency=aduan["home_agency"])
    services.stats_rebuild(region=aduan["home"])
    rebuilt = AgencyReportStats.objects.get(agency=aduan["home_agency"])
    fields = ["received", "open", "responded", "responded_in_time", "resolved", "rejected", "response_hours"]
    assert [getattr(rebuilt, f) for f in fields] == [getattr(running, f) for f in fields]


@pytest.mark.parametrize("now", WEEK, ids=WEEKDAY_IDS)
def test_late_flag(aduan, now):
    with freeze_time(now):
        report = submit(aduan)
    due = working_days_after(now, 3)
    assert not report.is_late(now)
    assert not report.is_late(due)
    assert report.is_late(due + datetime.timedelta(minutes=1))  # no first response after 3 working days


def test_api_keys_and_categories(aduan):
    admin = aduan["users"]["region_admin"]
    key, raw = services.api_key_create(region=aduan["home"], actor=admin, name="Aplikasi Lapor")
    assert services.api_key_check(region=aduan["home"], raw=raw) == key
    assert services.api_key_check(region=aduan["other"], raw=raw) is None
    services.api_key_revoke(key=key, actor=admin)
    assert services.api_key_check(region=aduan["home"], raw=raw) is None
    with pytest.raises(ApplicationError):
        services.category_save(
            region=aduan["home"], actor=admin, code="jalan", name="Dup", kind="standard", agency=aduan["home_agency"]
        )
    with pytest.raises(ApplicationError):
        services.category_save(
            region=aduan["home"], actor=admin, code="baru", name="X", kind="standard", agency=aduan["other_agency"]
        )
    officer2 = MembershipFactory(
        region=aduan["home"],
        role=Membership.Role.AGENCY_OFFICER,
        agency=AgencyFactory(region=aduan["home"]),
        user=UserFactory(),
    ).user
    assert not officer2.has_perm("participation.handle_report", submit(aduan))


def test_receipt_reaches_the_reporter_with_the_tracking_code(aduan, django_capture_on_commit_callbacks):
    citizen = aduan["users"]["citizen"]
    with django_capture_on_commit_callbacks(execute=True):
        anonymous = submit(aduan, reporter_email="warga@example.org")
        mine = submit(aduan, actor=citizen)
        submit(aduan)  # nobody to tell
    assert [m.to for m in mail.outbox if anonymous.tracking_code in m.body] == [["warga@example.org"]]
    assert Notification.objects.get(user=citizen).message.count(mine.tracking_code) == 1


@pytest.mark.parametrize(("language", "words"), [("en", "Your report"), ("id", "Aduan Anda")])
def test_an_anonymous_reporter_hears_back_in_the_language_they_wrote_in(
    aduan, language, words, django_capture_on_commit_callbacks
):
    with translation.override(language):
        report = submit(aduan, reporter_email="tamu@example.org")
    assert report.reporter_language == language
    mail.outbox.clear()
    with translation.override("en" if language == "id" else "id"), django_capture_on_commit_callbacks(execute=True):
        services.report_transition(report=report, actor=aduan["users"]["agency_officer"], status="verified", text="ok")
    (sent,) = [m for m in mail.outbox if "tamu@example.org" in m.to]
    assert words in sent.body
