"""Appointing a round's assessors: only its lead assessor or a superuser (the national administrator), audited.

An evaluator not assigned to a round reads it, but cannot make himself its assessor, score it or download its
private evidence files (the take-over of the November review).
"""

from decimal import Decimal

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import ItemEvidence, ItemScore, Round
from tests.factories import UserFactory
from tests.roles import ALL_USERS

from .conftest import fill_self

pytestmark = pytest.mark.django_db

USERS = [*ALL_USERS, "unassigned", "second_assessor", "superuser"]
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def panel(ev):
    """The fixture's round with two assessors (the world's evaluator leads) and a superuser."""
    second = UserFactory(username="second", is_national_evaluator=True)
    evaluator = ev["users"]["evaluator"]
    round_ = services.round_set_assessors(actor=evaluator, round_=ev["round"], assessors=[evaluator, second])
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    return {**ev, "round": Round.objects.get(pk=round_.pk), "second_assessor": second, "superuser": root}


def _user(panel, who):
    return panel[who] if who in {"unassigned", "second_assessor", "superuser"} else panel["users"][who]


def _assessor_ids(round_) -> set:
    return set(Round.objects.get(pk=round_.pk).assessors.values_list("pk", flat=True))


@pytest.mark.parametrize("who", USERS)
def test_only_the_lead_or_a_superuser_appoints(panel, client_for, who):
    round_, evaluator, second = panel["round"], panel["users"]["evaluator"], panel["second_assessor"]
    actor = _user(panel, who)
    before = _assessor_ids(round_)
    url = reverse("evaluation:assessors", kwargs={"region_slug": panel["home"].slug, "pk": round_.pk})
    # The attack: make oneself the round's sole (and lead) assessor; the others appoint the unassigned one.
    me = actor if actor is not None and actor.is_national_evaluator else panel["unassigned"]
    response = client_for(actor).post(url, {"assessors": [me.pk], "lead": me.pk})
    if who in {"evaluator", "superuser"}:
        assert response.status_code == 302, who
        assert _assessor_ids(round_) == {me.pk}
        event = AuditEvent.objects.filter(action="evaluation_round.assessors").latest("pk")
        assert event.actor == actor and set(event.before["assessors"]) == {evaluator.pk, second.pk}
        assert event.after["lead_assessor"] == me.pk
    else:
        assert response.status_code == (302 if who == "anonymous" else 403), who
        assert _assessor_ids(round_) == before
        assert Round.objects.get(pk=round_.pk).lead_assessor == evaluator


@pytest.mark.parametrize("who", ["unassigned", "second_assessor", "other_admin", "region_admin"])
def test_the_service_refuses_all_but_the_lead(panel, who):
    with translation.override("en"), pytest.raises(ApplicationError, match="not allowed"):
        services.round_set_assessors(actor=_user(panel, who), round_=panel["round"], assessors=[panel["unassigned"]])
    assert _assessor_ids(panel["round"]) == {panel["users"]["evaluator"].pk, panel["second_assessor"].pk}


def test_the_form_is_shown_only_to_the_lead_and_superusers(panel, client_for):
    url = reverse("evaluation:round", kwargs={"region_slug": panel["home"].slug, "pk": panel["round"].pk})
    for who, shown in (("evaluator", True), ("superuser", True), ("second_assessor", False), ("unassigned", False)):
        response = client_for(_user(panel, who)).get(url)
        assert response.status_code == 200, who  # every evaluator reads the round
        assert (response.context["assessors_form"] is not None) == shown, who


def test_a_superuser_appoints_where_a_round_has_no_lead(ev):
    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    evaluator = ev["users"]["evaluator"]
    round_ = services.round_set_assessors(actor=evaluator, round_=ev["round"], assessors=[])
    assert Round.objects.get(pk=round_.pk).lead_assessor is None
    with translation.override("en"), pytest.raises(ApplicationError, match="not allowed"):
        services.round_set_assessors(actor=evaluator, round_=round_, assessors=[evaluator])
    services.round_set_assessors(actor=root, round_=round_, assessors=[ev["unassigned"]])
    assert Round.objects.get(pk=round_.pk).lead_assessor == ev["unassigned"]


def test_the_take_over_fails_and_the_assessor_keeps_working(panel, client_for, tmp_path, monkeypatch):
    monkeypatch.setattr(ItemEvidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))
    round_, admin, evaluator = panel["round"], panel["users"]["region_admin"], panel["users"]["evaluator"]
    row = ItemScore.objects.filter(round=round_).first()
    evidence = services.evidence_attach(
        actor=admin, round_=round_, item_id=row.item_id, file=SimpleUploadedFile("sk.pdf", PDF, "application/pdf")
    )
    round_ = fill_self(Round.objects.get(pk=round_.pk), admin)
    kwargs = {"region_slug": panel["home"].slug, "pk": round_.pk}
    intruder = client_for(panel["unassigned"])
    assert intruder.get(reverse("evaluation:round", kwargs=kwargs)).status_code == 200
    taken = intruder.post(reverse("evaluation:assessors", kwargs=kwargs), {"assessors": [panel["unassigned"].pk]})
    assert taken.status_code == 403
    file_url = reverse("evaluation:evidence_file", kwargs={**kwargs, "evidence_pk": evidence.pk})
    assert intruder.get(file_url).status_code == 403
    scored = intruder.post(reverse("evaluation:scores", kwargs=kwargs), {f"score_{row.item_id}": "1"})
    assert scored.status_code == 403
    # The round's own assessor still downloads the file and scores.
    own = client_for(evaluator)
    download = own.get(file_url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert own.post(reverse("evaluation:scores", kwargs=kwargs), {f"score_{row.item_id}": "2"}).status_code == 302
    assert ItemScore.objects.get(pk=row.pk).score == Decimal(2)
