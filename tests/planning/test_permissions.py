"""Who may open and change the authoring pages: every role of the home region, the other region's users, the
national evaluator and an anonymous visitor (tests/roles.py)."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.services import programme_update
from kotacerdas.planning.models import Participant, Strategy
from kotacerdas.planning.services import strategy_create
from tests.roles import ALL_USERS

READERS = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "evaluator"}
PLANNERS = {"region_admin", "tim_pelaksana"}
ADMINS = {"region_admin"}
OWNER_AGENCY = {"region_admin", "tim_pelaksana", "agency_officer"}


@pytest.fixture
def pages(planned):
    world = planned
    strategy = strategy_create(
        masterplan=world["home_plan"],
        actor=world["users"]["region_admin"],
        dimension=world["home_dims"]["governance"],
        text="Layanan terpadu",
    )
    programme_update(
        actor=world["users"]["region_admin"], programme=world["home_programme"], title="Judul revisi", reason="Uji"
    )
    pk = world["home_programme"].pk
    return {
        "read": [
            "",
            "bimtek/1/",
            "kesiapan/",
            "kesiapan/infrastruktur/",
            "visi/",
            "strategi/",
            "program/",
            f"program/{pk}/",
            "peta-jalan/",
            "quick-win/",
            "adopsi/",
            "revisi/",
            "revisi/0/",
            "revisi/1/",
        ],
        "plan": ["program/baru/", f"strategi/{strategy.pk}/"],
        "admin": ["kesiapan/struktur/pertanyaan/"],
    }


def _expected(who, allowed):
    if who == "anonymous":
        return 302
    return 200 if who in allowed else 403


@pytest.mark.parametrize("who", ALL_USERS)
def test_reading_pages(planned, pages, client_for, who):
    client = client_for(planned["users"][who])
    for kind, allowed in (("read", READERS), ("plan", PLANNERS), ("admin", ADMINS)):
        for page in pages[kind]:
            response = client.get(f"/r/luwu-utara/rencana/{page}")
            assert response.status_code == _expected(who, allowed), (who, page)


@pytest.mark.parametrize("who", ALL_USERS)
def test_planner_writes(planned, client_for, who):
    client = client_for(planned["users"][who])
    before = AuditEvent.objects.count()
    posts = [
        ("bimtek/1/peserta/", {"name": "Andi", "organisation": "Bappeda", "present": "on"}),
        ("bimtek/1/", {"held_on": "2022-03-01", "venue": "Masamba", "version": 1}),
        ("strategi/", {"dimension": planned["home_dims"]["governance"].pk, "text": "Strategi baru"}),
        ("kesiapan/struktur/", {"form": "swot", "strengths": "Komitmen", "version": 1}),
    ]
    for page, data in posts:
        response = client.post(f"/r/luwu-utara/rencana/{page}", data)
        assert response.status_code == (302 if who in PLANNERS or who == "anonymous" else 403), (who, page)
    if who in PLANNERS:
        assert Participant.objects.filter(name="Andi").exists()
        assert Strategy.objects.filter(text="Strategi baru").exists()
        assert AuditEvent.objects.count() > before
    else:
        assert not Participant.objects.exists() and not Strategy.objects.filter(text="Strategi baru").exists()
        assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("who", ALL_USERS)
def test_programme_plan_is_for_planners_and_the_owner_agency(planned, client_for, who):
    client = client_for(planned["users"][who])
    pk = planned["home_programme"].pk
    response = client.post(f"/r/luwu-utara/rencana/program/{pk}/", {"form": "milestone", "year": 2024, "title": "Uji"})
    expected = 302 if who in OWNER_AGENCY or who == "anonymous" else 403
    assert response.status_code == expected
    assert planned["home_programme"].milestones.exists() == (who in OWNER_AGENCY)


@pytest.mark.parametrize("who", ALL_USERS)
def test_adoption_is_for_the_region_admin(planned, client_for, who):
    plan = planned["home_plan"]
    plan.status = "draft"
    plan.save()
    client = client_for(planned["users"][who])
    response = client.post("/r/luwu-utara/rencana/adopsi/", {"decree_number": "SK 1", "adopted_on": "2022-12-01"})
    if who == "anonymous":
        assert response.status_code == 302
    elif who in ADMINS:
        assert response.status_code == 400  # allowed, but the rounds are not complete yet
        assert b"adoption-blockers" in response.content
    else:
        assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_other_region_rows_are_404_through_this_region(planned, client_for):
    client = client_for(planned["users"]["region_admin"])
    other_programme = planned["other_programme"]
    assert client.get(f"/r/luwu-utara/rencana/program/{other_programme.pk}/").status_code == 404
    other_round = planned["other_plan"].rounds.get(number=1)
    participant = Participant.objects.create(region=planned["other"], round=other_round, name="Rahasia")
    response = client.post(f"/r/luwu-utara/rencana/bimtek/1/peserta/{participant.pk}/hapus/")
    assert response.status_code == 404 and Participant.objects.filter(pk=participant.pk).exists()
    assert client.get("/r/luwu-utara/rencana/kesiapan/nope/").status_code == 404
    assert client.get("/r/luwu-utara/rencana/bimtek/9/").status_code == 404


def test_readers_see_no_forms(planned, pages, client_for):
    for who in ("dewan", "agency_officer", "evaluator"):
        client = client_for(planned["users"][who])
        for page in ("", "bimtek/1/", "kesiapan/struktur/", "visi/", "strategi/", "quick-win/", "adopsi/"):
            html = client.get(f"/r/luwu-utara/rencana/{page}").content.decode()
            body = html.split("</header>", 1)[1]  # the header holds the log-out form
            assert 'method="post"' not in body, (who, page)


@pytest.mark.parametrize("who", ALL_USERS)
def test_every_write_is_refused_to_non_planners(planned, client_for, who):
    """Each POST endpoint: 403 for everyone but the planners (302 to log in for anonymous); nothing changes."""
    world = planned
    plan = world["home_plan"]
    rnd = plan.rounds.get(number=1)
    item = rnd.checklist.first()
    participant = Participant.objects.create(region=world["home"], round=rnd, name="Tetap")
    strategy = strategy_create(
        masterplan=plan, actor=world["users"]["region_admin"], dimension=world["home_dims"]["governance"], text="Tetap"
    )
    question = plan.readiness_items.first()
    pk = world["home_programme"].pk
    posts = [
        ("mulai/", {}),
        (f"bimtek/1/daftar/{item.pk}/", {"done": "1"}),
        ("bimtek/1/selesai/", {}),
        (f"bimtek/1/peserta/{participant.pk}/hapus/", {}),
        ("kesiapan/struktur/", {f"score_{question.pk}": "4", f"version_{question.pk}": "1"}),
        ("kesiapan/struktur/pertanyaan/", {"action": "delete", "item": question.pk}),
        ("visi/", {"vision": "Diubah", "reason": "r", "version": plan.version}),
        (f"strategi/{strategy.pk}/", {"action": "delete"}),
        ("program/baru/", {"code": "NEW-01", "title": "Baru"}),
        ("quick-win/", {"programme": pk, "quick_win_year": "2022", "reason": "r"}),
        (f"program/{pk}/", {"form": "delete", "reason": "r"}),
    ]
    events = AuditEvent.objects.count()
    client = client_for(world["users"][who])
    for page, data in posts:
        status = client.post(f"/r/luwu-utara/rencana/{page}", data).status_code
        if who == "anonymous":
            assert status == 302, page
        elif who in (ADMINS if "pertanyaan" in page else PLANNERS):
            assert status != 403, (who, page)
        else:
            assert status == 403, (who, page)
    if who not in PLANNERS:
        assert AuditEvent.objects.count() == events
        assert Participant.objects.filter(pk=participant.pk).exists() and Strategy.objects.filter(pk=strategy.pk)
        plan.refresh_from_db()
        assert plan.vision != "Diubah"
