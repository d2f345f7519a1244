""" "My programmes" is cached under the region's version per set of agencies (issue 18): one list for every
officer of an agency whatever their browser session, never another agency's, retired by every change it shows."""

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kotacerdas.masterplan.services import programme_create
from kotacerdas.monitoring import services
from tests.factories import AgencyFactory, MembershipFactory, ProgrammeFactory, UserFactory
from tests.otp import force_login_verified

from .helpers import walk_report

URL = "/r/luwu-utara/monev/program-saya/"


def _signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    force_login_verified(client, user)
    return client


def _officer(mon, agency, username: str):
    return MembershipFactory(
        region=mon["home"], role="agency_officer", agency=agency, user=UserFactory(username=username)
    ).user


def _row(html: str, code: str) -> str:
    match = re.search(rf'<li class="due-item (state-[\w-]+)" data-testid="due-{code}"', html)
    return match.group(1) if match else ""


def test_officers_of_one_agency_share_the_list_and_each_posts_with_their_own_token(mon):
    first, second = _signed_in(mon["users"]["agency_officer"]), _signed_in(_officer(mon, mon["home_agency"], "dlh2"))
    first.get(URL)  # builds and stores the list
    with CaptureQueriesContext(connection) as ctx:
        html = second.get(URL).content.decode()  # another person, another session: the same cached list
    assert not [q for q in ctx.captured_queries if "masterplan_programme" in q["sql"]]
    action = f"/r/luwu-utara/monev/laporan/mulai/{mon['home_programme'].pk}/{mon['home_period'].pk}/"
    assert f'form="start-report" formaction="{action}"' in html
    token = re.search(
        r'<form id="start-report"[^>]*><input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', html
    )
    response = second.post(action, {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302 and "/monev/laporan/" in response["Location"]
    assert first.post(action, {"csrfmiddlewaretoken": token.group(1)}).status_code == 403  # not first's token


def test_another_agency_never_gets_the_cached_list_and_an_admin_gets_every_agency(mon):
    other_agency = AgencyFactory(region=mon["home"], acronym="DISKOMINFO")
    ProgrammeFactory(
        masterplan=mon["home_plan"], code="GOV-09", owner_agency=other_agency, start_year=2023, end_year=2026
    )
    dlh = _signed_in(mon["users"]["agency_officer"]).get(URL).content.decode()
    kominfo = _signed_in(_officer(mon, other_agency, "kominfo")).get(URL).content.decode()
    admin = _signed_in(mon["users"]["region_admin"]).get(URL).content.decode()
    assert (_row(dlh, "GOV-01"), _row(dlh, "GOV-09")) == ("state-missing", "")
    assert (_row(kominfo, "GOV-01"), _row(kominfo, "GOV-09")) == ("", "state-missing")
    assert (_row(admin, "GOV-01"), _row(admin, "GOV-09")) == ("state-missing", "state-missing")


def test_every_change_the_list_shows_is_there_at_once(mon, django_capture_on_commit_callbacks):
    officer, tim = mon["users"]["agency_officer"], mon["users"]["tim_pelaksana"]
    client = _signed_in(officer)
    assert _row(client.get(URL).content.decode(), "GOV-01") == "state-missing"
    with django_capture_on_commit_callbacks(execute=True):
        report = walk_report(
            programme=mon["home_programme"],
            period=mon["home_period"],
            writer=officer,
            values={mon["indicator"].pk: "30"},
            until="submitted",
        )
    assert _row(client.get(URL).content.decode(), "GOV-01") == "state-submitted"
    with django_capture_on_commit_callbacks(execute=True):
        services.progress_report_verify(actor=tim, report=report)
    assert _row(client.get(URL).content.decode(), "GOV-01") == "state-verified"
    with django_capture_on_commit_callbacks(execute=True):
        programme_create(
            actor=mon["users"]["region_admin"],
            masterplan=mon["home_plan"],
            code="ENV-07",
            title="Program baru",
            dimension=mon["home_dims"]["environment"],
            owner_agency=mon["home_agency"],
            start_year=2024,
            end_year=2026,
        )
    assert _row(client.get(URL).content.decode(), "ENV-07") == "state-missing"


def test_a_hit_reads_no_programme_period_or_report(mon):
    client = _signed_in(mon["users"]["agency_officer"])
    client.get(URL)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    tables = " ".join(q["sql"] for q in ctx.captured_queries)
    for table in ("masterplan_programme", "monitoring_reportingperiod", "monitoring_progressreport"):
        assert table not in tables
