"""Starting a region without a developer: from its official code (districts and villages come with it), at
Bimtek I with the default dimensions, readiness questionnaire and evaluation framework; the first admin's
one-time invitation; bad input gives a clear form error and creates nothing; audited; who may do it."""

import datetime

import pytest
from django.core import mail
from django.utils import translation
from freezegun import freeze_time

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.evaluation.models import Framework
from kotacerdas.masterplan.models import Dimension, Masterplan
from kotacerdas.national import services
from kotacerdas.national.models import AdminInvitation
from kotacerdas.planning.models import ReadinessItem, Round
from kotacerdas.regions.models import District, Membership, Region, Village
from tests.factories import UserFactory

ROWS = [
    ("73", "SULAWESI SELATAN"),
    ("73.17", "KAB. LUWU"),
    ("73.17.01", "Larompong"),
    ("73.17.01.2001", "Komba"),
    ("73.17.02", "Suli"),
]
URL = "/nasional/daerah-baru/"


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


@pytest.fixture
def root(world):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _counts():
    return (
        Region.objects.count(),
        District.objects.count(),
        Masterplan.objects.count(),
        Round.objects.count(),
        AdminInvitation.objects.count(),
        AuditEvent.objects.count(),
    )


@freeze_time("2026-03-02 09:00")
def test_start_creates_everything_at_bimtek_one(root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        region, token = services.region_start(
            actor=root, code="73.17", admin_email="Admin@Luwu.go.id", admin_name="Andi", rows=ROWS
        )
    assert (region.name, region.slug, region.province) == ("Luwu", "luwu", "Sulawesi Selatan")
    assert District.objects.filter(region=region).count() == 2 and Village.objects.filter(region=region).count() == 1
    assert Dimension.objects.filter(region=region).count() == 6
    plan = Masterplan.objects.get(region=region)
    assert (plan.status, plan.period_start_year, plan.period_end_year) == ("draft", 2026, 2035)
    assert sorted(Round.objects.filter(masterplan=plan).values_list("number", flat=True)) == [1, 2, 3, 4]
    assert ReadinessItem.objects.filter(masterplan=plan).exists()
    assert Framework.objects.filter(year=2026).exists()
    invitation = AdminInvitation.objects.get(region=region)
    assert invitation.email == "admin@luwu.go.id" and token not in invitation.token_hash
    assert invitation.expires_at == datetime.datetime(2026, 3, 9, 9, 0, tzinfo=datetime.UTC)
    [message] = mail.outbox
    assert message.to == ["admin@luwu.go.id"] and f"/undangan/{token}/" in message.body
    actions = set(AuditEvent.objects.filter(region=region).values_list("action", flat=True))
    assert {"region.create", "masterplan.create", "planning.start", "admin_invitation.create"} <= actions


@pytest.mark.parametrize(
    "code, field, text",
    [
        ("73.22", "code", "sudah ada di platform"),  # the world's Luwu Utara
        ("99.99", "code", "daftar resmi"),
        ("7317", "code", "73.22"),
    ],
)
def test_bad_code_is_a_form_error_and_creates_nothing(root, code, field, text):
    before = _counts()
    with pytest.raises(ApplicationError) as exc:
        services.region_start(actor=root, code=code, admin_email="a@b.id", rows=ROWS)
    assert text in " ".join(exc.value.fields[field])
    assert _counts() == before


def test_taken_address_and_existing_account_are_form_errors(root):
    UserFactory(username="ada@b.id")
    before = _counts()
    with pytest.raises(ApplicationError) as exc:
        services.region_start(actor=root, code="73.17", slug="maros", admin_email="ada@b.id", rows=ROWS)
    assert set(exc.value.fields) == {"slug", "admin_email"}
    assert _counts() == before


@pytest.mark.parametrize("who", ["region_admin", "evaluator", "other_admin"])
def test_only_the_national_administrator_starts_a_region(world, who):
    with pytest.raises(ApplicationError):
        services.region_start(actor=world["users"][who], code="73.17", admin_email="a@b.id", rows=ROWS)
    assert not Region.objects.filter(code="73.17").exists()


def test_invitation_accepted_once_then_a_clear_page(root, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        region, token = services.region_start(actor=root, code="73.17", admin_email="a@luwu.id", rows=ROWS)
    url = f"/undangan/{token}/"
    assert 'data-testid="invitation-form"' in client.get(url).content.decode()
    response = client.post(url, {"name": "Andi", "password1": "pendek", "password2": "pendek"})
    assert response.status_code == 400 and not Membership.objects.filter(region=region).exists()
    response = client.post(url, {"name": "Andi", "password1": "Sulit-Ditebak-2026", "password2": "Sulit-Ditebak-2026"})
    assert response.status_code == 302 and response["Location"] == "/r/luwu/rencana/"
    member = Membership.objects.get(region=region)
    assert (member.user.username, member.role, member.user.first_name) == ("a@luwu.id", "region_admin", "Andi")
    assert AuditEvent.objects.filter(action="membership.grant", region=region).exists()
    client.logout()
    again = client.post(url, {"name": "X", "password1": "Sulit-Ditebak-2026", "password2": "Sulit-Ditebak-2026"})
    assert again.status_code == 410 and "sudah dipakai" in again.content.decode()
    assert Membership.objects.filter(region=region).count() == 1


def test_expired_and_unknown_links_create_nothing(root, client):
    with freeze_time("2026-03-02"):
        region, token = services.region_start(actor=root, code="73.17", admin_email="a@luwu.id", rows=ROWS)
    with freeze_time("2026-03-10"):
        response = client.post(
            f"/undangan/{token}/", {"password1": "Sulit-Ditebak-2026", "password2": "Sulit-Ditebak-2026"}
        )
    assert response.status_code == 410 and "kedaluwarsa" in response.content.decode()
    assert client.get("/undangan/bukan-token/").status_code == 410
    assert not Membership.objects.filter(region=region).exists()


def test_page_for_the_national_administrator(root, client_for):
    client = client_for(root)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"code": "73.22", "admin_email": "x@y.id"})
    assert response.status_code == 400 and "sudah ada di platform" in response.content.decode()
    response = client.post(URL, {"code": "73.17", "admin_email": "x@y.id", "slug": "luwu"})  # the packaged codes
    assert response.status_code == 302 and response["Location"] == "/r/luwu/rencana/"
    assert District.objects.filter(region__code="73.17").count() > 10


@pytest.mark.parametrize("who, status", [("evaluator", 403), ("region_admin", 403), ("anonymous", 302)])
def test_page_refused_to_others(world, client_for, who, status):
    assert client_for(world["users"][who]).get(URL).status_code == status
