"""The services that run one whole evaluation form: self-assessment (save and submit), the assessor's form
(scores, quick-win ratings, notes, marked scored) and the lead's moderation. All or nothing, checked, audited."""

from decimal import Decimal

import pytest
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import AssessorRating, AssessorScore, ItemScore, Round
from tests.factories import UserFactory
from tests.roles import ALL_USERS

from .conftest import fill_self

pytestmark = pytest.mark.django_db

USERS = [*ALL_USERS, "unassigned"]


def _actor(ev, who):
    return ev["unassigned"] if who == "unassigned" else ev["users"][who]


def _raises(fn, text, **kwargs):
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        fn(**kwargs)
    assert text in exc.value.message or any(text in str(m) for ms in (exc.value.fields or {}).values() for m in ms), (
        exc.value.message,
        exc.value.fields,
    )
    return exc.value


def _answers(round_, value="3", skip=None) -> dict:
    return {s.item_id: (value, "bukti") for s in round_.scores.select_related("item") if s.item.code != skip}


def _form(round_, value="3", qw="3", skip_quick_wins=False) -> dict:
    scores = {s.item_id: (Decimal(value), "ok") for s in round_.scores.all()}
    ratings = {
        r.programme_id: {"innovativeness": qw, "implementation": qw, "benefit": qw, "comment": ""}
        for r in round_.quick_wins.all()
        if not skip_quick_wins
    }
    return {"scores": scores, "ratings": ratings}


# --- self-assessment: save and submit ---------------------------------------------------------------------


def test_self_assessment_saved_and_submitted_at_once(ev):
    admin, round_ = ev["users"]["region_admin"], ev["round"]
    services.self_assessment_record(actor=admin, round_=round_, answers=_answers(round_), submit=True)
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.status == Round.Status.SUBMITTED and round_.submitted_by == admin
    actions = set(AuditEvent.objects.filter(object_id=str(round_.pk)).values_list("action", flat=True))
    assert {"evaluation_round.self_assessment", "evaluation_round.submit"} <= actions


def test_a_refused_submission_keeps_nothing_of_the_answers(ev):
    admin, round_ = ev["users"]["region_admin"], ev["round"]
    answers = _answers(round_, value="2", skip="BAS-1")
    ItemScore.objects.filter(round=round_, item__code="BAS-1").update(self_score=None)
    before = list(round_.scores.order_by("pk").values_list("self_score", "evidence_note"))
    _raises(services.self_assessment_record, "BAS-1", actor=admin, round_=round_, answers=answers, submit=True)
    assert list(round_.scores.order_by("pk").values_list("self_score", "evidence_note")) == before
    assert Round.objects.get(pk=round_.pk).status == Round.Status.DRAFT
    assert not AuditEvent.objects.filter(action="evaluation_round.self_assessment").exists()


@pytest.mark.parametrize("who", USERS)
def test_self_assessment_record_permission_table(ev, who):
    round_ = ev["round"]
    call = dict(actor=_actor(ev, who), round_=round_, answers=_answers(round_, value="1"), submit=True)
    if who == "region_admin":
        services.self_assessment_record(**call)
        assert Round.objects.get(pk=round_.pk).status == Round.Status.SUBMITTED
    else:
        _raises(services.self_assessment_record, "not allowed", **call)
        assert Round.objects.get(pk=round_.pk).status == Round.Status.DRAFT
        assert not round_.scores.filter(self_score=Decimal(1)).exists()


# --- the assessor's form ----------------------------------------------------------------------------------


@pytest.fixture
def submitted(ev):
    return {**ev, "round": fill_self(ev["round"], ev["users"]["region_admin"])}


def test_assessor_form_scores_rates_notes_and_marks_scored(submitted):
    evaluator, round_ = submitted["users"]["evaluator"], submitted["round"]
    services.assessment_record(actor=evaluator, round_=round_, **_form(round_), notes="  Wawancara  ", mark_scored=True)
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.status == Round.Status.SCORED and round_.interview_notes == "Wawancara"
    assert not round_.scores.filter(score__isnull=True).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"evaluation_score.update", "evaluation_round.interview_notes", "evaluation_round.scored"} <= actions
    # Notes unchanged: no second notes event.
    services.assessment_record(actor=evaluator, round_=round_, scores={}, ratings={}, notes="Wawancara")
    assert AuditEvent.objects.filter(action="evaluation_round.interview_notes").count() == 1


def test_assessor_form_refused_when_marking_scored_keeps_nothing(submitted):
    evaluator, round_ = submitted["users"]["evaluator"], submitted["round"]
    _raises(
        services.assessment_record,
        "Score every item and quick win first",
        actor=evaluator,
        round_=round_,
        **_form(round_, skip_quick_wins=True),
        notes="catatan",
        mark_scored=True,
    )
    round_ = Round.objects.get(pk=round_.pk)
    assert round_.status == Round.Status.SUBMITTED and round_.interview_notes == ""
    assert not AssessorScore.objects.exists() and not AssessorRating.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="evaluation_score").exists()


@pytest.mark.parametrize("who", USERS)
def test_assessor_form_permission_table(submitted, who):
    round_ = submitted["round"]
    call = dict(actor=_actor(submitted, who), round_=round_, **_form(round_), notes="n", mark_scored=True)
    if who == "evaluator":
        services.assessment_record(**call)
        assert Round.objects.get(pk=round_.pk).status == Round.Status.SCORED
    else:
        _raises(services.assessment_record, "Only the assessors", **call)
        assert not AssessorScore.objects.exists()
        assert Round.objects.get(pk=round_.pk).interview_notes == ""


# --- the lead's moderation --------------------------------------------------------------------------------


@pytest.fixture
def disputed(submitted):
    """Two assessors more than one point apart on BAS-1 and BAS-2; the world's evaluator leads."""
    lead, round_ = submitted["users"]["evaluator"], submitted["round"]
    a2 = UserFactory(username="assessor2", is_national_evaluator=True)
    services.round_set_assessors(actor=lead, round_=round_, assessors=[lead, a2], lead=lead)
    ids = {s.item.code: s.item_id for s in round_.scores.select_related("item")}
    for actor, value in ((lead, "1"), (a2, "3")):
        scores = {ids[c]: (Decimal(value), "") for c in ("BAS-1", "BAS-2")}
        services.scores_save(actor=actor, round_=round_, scores=scores)
    return {**submitted, "ids": ids, "a2": a2}


def test_lead_moderates_several_items_at_once(disputed):
    ids, round_ = disputed["ids"], disputed["round"]
    agreed = {ids["BAS-1"]: ("2", "alasan 1"), ids["BAS-2"]: ("2.5", "alasan 2")}
    services.items_moderate(actor=disputed["users"]["evaluator"], round_=round_, agreed=agreed)
    scores = dict(round_.scores.filter(item_id__in=agreed).values_list("item__code", "score"))
    assert scores == {"BAS-1": Decimal("2.00"), "BAS-2": Decimal("2.50")}
    assert AuditEvent.objects.filter(action="evaluation_score.moderate").count() == 2


def test_one_refused_agreed_score_keeps_the_others_unsaved(disputed):
    ids, round_ = disputed["ids"], disputed["round"]
    agreed = {ids["BAS-1"]: ("2", "alasan"), ids["BAS-2"]: ("9", "alasan")}
    _raises(services.items_moderate, "between", actor=disputed["users"]["evaluator"], round_=round_, agreed=agreed)
    assert not round_.scores.filter(score__isnull=False, item_id__in=agreed).exists()
    assert not AuditEvent.objects.filter(action="evaluation_score.moderate").exists()


def test_nothing_to_moderate_is_a_clear_refusal(disputed):
    _raises(
        services.items_moderate,
        "Give the agreed score and the reason",
        actor=disputed["users"]["evaluator"],
        round_=disputed["round"],
        agreed={},
    )


@pytest.mark.parametrize("who", [*USERS, "a2"])
def test_items_moderate_permission_table(disputed, who):
    ids, round_ = disputed["ids"], disputed["round"]
    actor = disputed["a2"] if who == "a2" else _actor(disputed, who)
    agreed = {ids["BAS-1"]: ("2", "alasan")}
    if who == "evaluator":
        services.items_moderate(actor=actor, round_=round_, agreed=agreed)
        assert round_.scores.get(item_id=ids["BAS-1"]).score == Decimal("2.00")
    else:
        text = "Only the lead assessor" if who == "a2" else "Only the assessors"
        _raises(services.items_moderate, text, actor=actor, round_=round_, agreed=agreed)
        assert round_.scores.get(item_id=ids["BAS-1"]).score is None
