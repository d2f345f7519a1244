""" "My account" (/r/<slug>/akun/): only the signed-in person's own reports, ideas, supports and surveys of
this region; anonymous visitors are sent to the region's sign-in; the query count holds as data grows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.ideas import services as ideas
from kotacerdas.participation import services as participation
from kotacerdas.participation.models import ReportCategory
from kotacerdas.surveys import services as surveys
from tests.factories import MembershipFactory, UserFactory
from tests.roles import ALL_USERS

URL = "/r/luwu-utara/akun/"
TODAY = "2025-05-06 10:00:00"
SKM = {f"u{i}": 3 for i in range(1, 10)}


def _category(world, key="home"):
    return ReportCategory.objects.create(
        region=world[key], code="jalan", name="Jalan rusak", name_en="Damaged road", agency=world[key + "_agency"]
    )


def _report(world, actor, category, key="home", text="Jalan berlubang di depan pasar Masamba"):
    return participation.report_submit(
        region=world[key], actor=actor, category=category, description=text, address="Pasar"
    ).report


def _idea(world, actor, title, key="home"):
    return ideas.idea_create(
        actor=actor,
        region=world[key],
        title=title,
        description="Sebuah gagasan yang cukup panjang untuk diterima.",
        dimension=world[key + "_dims"]["governance"],
    )


def _survey(world, title="Survei layanan KTP"):
    return surveys.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="skm",
        title=title,
        service_name="KTP",
        opens_on=datetime.date(2025, 1, 1),
        closes_on=datetime.date(2025, 12, 31),
    )


@pytest.fixture
def things(world):
    """The citizen's report, idea, support and survey answer; the same kinds of things of other people."""
    citizen, dewan = world["users"]["citizen"], world["users"]["dewan"]
    category = _category(world)
    with freeze_time(TODAY):
        mine = _report(world, citizen, category)
        theirs = _report(world, dewan, category, text="Lampu jalan mati di Baebunta sejak lama")
        anonymous = _report(world, None, category, text="Saluran air tersumbat di Sabbang")
        my_idea = _idea(world, citizen, "Perpustakaan keliling desa")
        their_idea = _idea(world, dewan, "Wifi gratis di alun-alun")
        ideas.idea_support(actor=citizen, idea=their_idea)
        answered = _survey(world)
        open_survey = _survey(world, title="Survei layanan puskesmas")
        surveys.response_submit(survey=answered, answers=SKM, user=citizen)
        surveys.response_submit(survey=open_survey, answers=SKM, user=dewan)
    return locals()


@freeze_time(TODAY)
def test_shows_my_things_and_nobody_elses(things, client_for):
    client = client_for(things["citizen"])
    client.cookies["django_language"] = "en"
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert things["mine"].tracking_code in html and "Received" in html
    assert things["theirs"].tracking_code not in html and things["anonymous"].tracking_code not in html
    assert html.count('data-testid="my-report"') == 1
    assert "Perpustakaan keliling desa" in html  # my idea
    assert html.count('data-testid="my-idea"') == 1
    assert html.count('data-testid="my-support"') == 1  # the Dewan's idea I support, listed once
    # Both surveys are listed; only the one I answered says so (the Dewan's answer is not mine).
    assert html.count('data-testid="my-survey"') == 2 and html.count('data-testid="survey-answered"') == 1
    assert 'data-testid="account-not-member"' not in html
    assert 'data-testid="my-account-link"' in html and 'data-testid="logout-button"' in html


@freeze_time(TODAY)
def test_another_person_sees_none_of_it(things, client_for):
    html = client_for(things["dewan"]).get(URL).content.decode()
    assert things["mine"].tracking_code not in html and things["theirs"].tracking_code in html
    assert "Perpustakaan keliling desa" not in html
    assert html.count('data-testid="my-support"') == 0
    assert html.count('data-testid="survey-answered"') == 1  # the Dewan's own answer
    assert 'data-testid="account-staff-link"' in html  # staff get a way to their pages


@freeze_time(TODAY)
def test_a_citizen_of_another_region_sees_only_their_own_there(things, world, client_for):
    stranger = MembershipFactory(region=world["other"], role="citizen", user=UserFactory(username="maros_warga")).user
    other_category = _category(world, "other")
    _report(world, stranger, other_category, key="other")
    _idea(world, stranger, "Gagasan warga Maros", key="other")
    html = client_for(stranger).get(URL).content.decode()
    assert 'data-testid="my-report"' not in html and 'data-testid="my-idea"' not in html
    assert 'data-testid="account-not-member"' in html  # invited to join Luwu Utara
    own = client_for(stranger).get("/r/maros/akun/").content.decode()
    assert own.count('data-testid="my-report"') == 1 and "Gagasan warga Maros" in own
    assert things["mine"].tracking_code not in own


@pytest.mark.parametrize("who", ALL_USERS)
def test_every_signed_in_person_gets_their_page_anonymous_the_sign_in(world, client_for, who):
    response = client_for(world["users"][who]).get(URL)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == "/r/luwu-utara/masuk/?next=%2Fr%2Fluwu-utara%2Fakun%2F"
    else:
        assert response.status_code == 200


def test_unknown_region_is_404(world, client_for):
    assert client_for(world["users"]["citizen"]).get("/r/tidak-ada/akun/").status_code == 404


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL).status_code == 200
    return len(ctx)


@freeze_time(TODAY)
def test_queries_constant_as_data_grows(things, world, client_for):
    citizen = things["citizen"]
    client = client_for(citizen)
    small = _count(client)
    for i in range(8):
        _report(world, citizen, things["category"], text=f"Laporan nomor {i} tentang jalan di desa")
        idea = _idea(world, citizen if i % 2 else world["users"]["dewan"], f"Gagasan nomor {i} untuk warga")
        if not i % 2:
            ideas.idea_support(actor=citizen, idea=idea)
        surveys.response_submit(survey=_survey(world, title=f"Survei {i}"), answers=SKM, user=citizen)
    large = _count(client)
    assert large == small, f"{small} queries with little data, {large} with more"


def test_in_indonesian(things, client_for):
    with freeze_time(TODAY):
        html = client_for(things["citizen"]).get(URL).content.decode()
    with translation.override("id"):
        for msgid in ("My account", "My reports", "My ideas", "Ideas I support"):
            assert translation.gettext(msgid) != msgid and translation.gettext(msgid) in html
