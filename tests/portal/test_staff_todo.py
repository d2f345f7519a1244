"""Issue 16 item 4: the staff home is a to-do list for the person's roles — reports due or returned, reports
to verify, the self-assessment to fill, rounds to score, ideas to moderate, citizen reports, agreements
expiring — each a count and a link the reader may open; role names in words; queries do not grow with data."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.collaboration import services as collaboration
from kotacerdas.ideas import services as ideas
from kotacerdas.monitoring import services as monitoring
from kotacerdas.regions.models import Membership
from tests.monitoring.factories import ReportingPeriodFactory

TODAY = "2024-02-01 09:00:00"  # inside the first quarter of 2024, before its report is due


@pytest.fixture
def todo(world):
    world["period"] = ReportingPeriodFactory(region=world["home"], year=2024, number=1)
    return world


def _home(client_for, user) -> str:
    with freeze_time(TODAY):
        response = client_for(user).get("/staf/")
    assert response.status_code == 200
    return response.content.decode()


def _submitted_report(world, programme=None):
    officer = world["users"]["agency_officer"]
    report = monitoring.progress_report_start(
        actor=officer, programme=programme or world["home_programme"], period=world["period"]
    )
    monitoring.progress_report_save(
        actor=officer, report=report, values={world["home_programme"].indicators.get().pk: "5"}
    )
    return monitoring.progress_report_submit(actor=officer, report=report)


def _idea(world, n=0):
    return ideas.idea_create(
        actor=world["users"]["citizen"],
        region=world["home"],
        title=f"Lampu jalan desa {n}",
        description="Lampu jalan di desa kami padam sejak sebulan yang lalu, mohon diperbaiki.",
        dimension=world["home_dims"]["living"],
    )


def _agreement(world, ends_on, n=0):
    return collaboration.agreement_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        agencies=[world["home_agency"]],
        number=f"PKS/{n}/2023",
        title=f"Kerja sama {n}",
        signed_on=datetime.date(2023, 1, 1),
        starts_on=datetime.date(2023, 1, 1),
        ends_on=ends_on,
        alert_days_before=60,
    )


def test_role_names_in_words_not_codes(todo, client_for):
    for who in ("agency_officer", "region_admin", "dewan"):
        html = _home(client_for, todo["users"][who])
        roles = html.split('data-testid="roles"', 1)[1].split("</p>", 1)[0]
        with translation.override("id"):
            assert str(Membership.Role(who).label) in roles, roles
        assert who not in roles, roles


def test_officer_sees_the_due_report_then_the_returned_one(todo, client_for):
    officer = todo["users"]["agency_officer"]
    html = _home(client_for, officer)
    assert 'data-testid="todo-reports-due"' in html and "/monev/program-saya/" in html
    report = _submitted_report(todo)
    monitoring.progress_report_return(actor=todo["users"]["tim_pelaksana"], report=report, comment="Lengkapi bukti.")
    html = _home(client_for, officer)
    assert 'data-testid="todo-reports-returned"' in html and 'data-testid="todo-reports-due"' not in html


def test_verifiers_see_reports_to_verify(todo, client_for):
    _submitted_report(todo)
    for who, shown in (("tim_pelaksana", True), ("region_admin", True), ("dewan", False), ("agency_officer", False)):
        html = _home(client_for, todo["users"][who])
        assert ('data-testid="todo-verify"' in html) == shown, who
    html = _home(client_for, todo["users"]["tim_pelaksana"])
    item = html.split('data-testid="todo-verify"', 1)[1].split("</a>", 1)[0]
    assert '<span class="todo-count">1</span>' in item


def test_moderators_see_ideas_and_managers_see_expiring_agreements(todo, client_for):
    _idea(todo)
    _agreement(todo, ends_on=datetime.date(2024, 3, 1))  # within 60 days of 1 February
    _agreement(todo, ends_on=datetime.date(2024, 12, 31), n=1)  # not yet
    for who, shown in (("region_admin", True), ("tim_pelaksana", True), ("dewan", False), ("citizen", False)):
        html = _home(client_for, todo["users"][who])
        assert ('data-testid="todo-ideas"' in html) == shown, who
        assert ('data-testid="todo-agreements"' in html) == shown, who
    html = _home(client_for, todo["users"]["region_admin"])
    item = html.split('data-testid="todo-agreements"', 1)[1].split("</a>", 1)[0]
    assert '<span class="todo-count">1</span>' in item


@pytest.mark.parametrize("who", ["region_admin", "tim_pelaksana", "dewan", "agency_officer", "partner", "citizen"])
def test_every_to_do_link_opens_for_its_reader(todo, client_for, who):
    _submitted_report(todo)
    _idea(todo)
    _agreement(todo, ends_on=datetime.date(2024, 3, 1))
    user = todo["users"][who]
    html = _home(client_for, user)
    links = [chunk.split('"', 1)[0] for chunk in html.split('<ul class="todo"', 1)[-1].split('href="')[1:]]
    client = client_for(user)
    with freeze_time(TODAY):
        for url in links:
            if url.startswith("/r/"):
                assert client.get(url).status_code == 200, (who, url)


def _count(client, url) -> int:
    cache.clear()
    with freeze_time(TODAY), CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("who", ["region_admin", "tim_pelaksana", "agency_officer"])
def test_staff_home_queries_do_not_grow_with_the_work(todo, client_for, who):
    client = client_for(todo["users"][who])
    _submitted_report(todo)
    _idea(todo)
    _agreement(todo, ends_on=datetime.date(2024, 3, 1))
    small = _count(client, "/staf/")
    for n in range(1, 6):
        _idea(todo, n)
        _agreement(todo, ends_on=datetime.date(2024, 3, 1) + datetime.timedelta(days=n), n=n)
    large = _count(client, "/staf/")
    assert large == small, f"{who}: {small} queries with little work waiting, {large} with more"
