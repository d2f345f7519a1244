"""Several assessors score independently: their own rows, the agreed score (mean, or the lead's moderated
score where they are more than one point apart), the arithmetic by hand, permissions, audit and query counts."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import AssessorRating, AssessorScore, ItemScore, QuickWinRating, Round
from tests.factories import UserFactory
from tests.roles import ALL_USERS

from .conftest import fill_self, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(ev):
    """The fixture's round with three assessors: the world's evaluator (first, so the lead), a2 and a3."""
    a2 = UserFactory(username="assessor2", is_national_evaluator=True)
    a3 = UserFactory(username="assessor3", is_national_evaluator=True)
    evaluator = ev["users"]["evaluator"]
    round_ = services.round_set_assessors(actor=evaluator, round_=ev["round"], assessors=[evaluator, a2, a3])
    round_ = fill_self(Round.objects.get(pk=round_.pk), ev["users"]["region_admin"])
    return {**ev, "round": round_, "a2": a2, "a3": a3, "lead": evaluator}


def _item(round_, code) -> ItemScore:
    return ItemScore.objects.get(round=round_, item__code=code)


def _own(round_, actor, scores: dict[str, str]):
    rows = {_item(round_, code).item_id: (Decimal(v), f"{actor.username} {code}") for code, v in scores.items()}
    return services.scores_save(actor=actor, round_=round_, scores=rows)


def _raises(fn, text, **kwargs):
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        fn(**kwargs)
    assert text in str(exc.value.message), exc.value.message
    return exc.value


def test_lead_is_the_first_assessor_and_can_be_changed(ev):
    evaluator, unassigned = ev["users"]["evaluator"], ev["unassigned"]
    assert ev["round"].lead_assessor == evaluator
    _raises(
        services.round_set_assessors,
        "lead assessor must be one of",
        actor=evaluator,
        round_=ev["round"],
        assessors=[evaluator],
        lead=unassigned,
    )
    round_ = services.round_set_assessors(
        actor=evaluator, round_=ev["round"], assessors=[evaluator, unassigned], lead=unassigned
    )
    assert Round.objects.get(pk=round_.pk).lead_assessor == unassigned
    event = AuditEvent.objects.filter(action="evaluation_round.assessors").latest("pk")
    assert event.before["lead_assessor"] == evaluator.pk and event.after["lead_assessor"] == unassigned.pk
    # Only the (new) lead appoints now; removing himself hands the lead to the first remaining assessor.
    _raises(services.round_set_assessors, "not allowed", actor=evaluator, round_=round_, assessors=[evaluator])
    round_ = services.round_set_assessors(actor=unassigned, round_=round_, assessors=[evaluator])
    assert Round.objects.get(pk=round_.pk).lead_assessor == evaluator


def test_mean_of_assessors_moderation_and_index_by_hand(panel):
    round_, lead, a2, a3 = panel["round"], panel["lead"], panel["a2"], panel["a3"]
    # The lead scores everything 3, except BAS-2 = 1; quick win GOV-01 rated 3, 3, 3.
    score_all(round_, lead, scores={"BAS-2": Decimal(1)})
    _own(round_, a2, {"BAS-1": "3", "BAS-2": "2.5", "OUT-1": "4"})
    _own(round_, a3, {"BAS-1": "4"})
    qw = round_.quick_wins.get()
    services.quick_wins_rate(
        actor=a2,
        round_=round_,
        ratings={qw.programme_id: {"innovativeness": "4", "implementation": "4", "benefit": "2", "comment": "a2"}},
    )
    # Each assessor's own rows are kept.
    assert AssessorScore.objects.filter(item_score__round=round_, assessor=lead).count() == 20
    assert AssessorScore.objects.filter(item_score__round=round_, assessor=a2).count() == 3
    # BAS-1: (3 + 3 + 4) / 3 = 3.333… → 3.33 (two decimals, half up).
    assert _item(round_, "BAS-1").score == Decimal("3.33")
    # OUT-1: 3 and 4 are exactly one point apart: no moderation, mean 3.50.
    out1 = _item(round_, "OUT-1")
    assert out1.score == Decimal("3.50") and not out1.needs_moderation
    # BAS-2: 1 and 2.5 are 1.5 apart: flagged, no agreed score until the lead moderates.
    bas2 = _item(round_, "BAS-2")
    assert bas2.needs_moderation and bas2.score is None
    # Quick win: per criterion (3 + 4)/2 = 3.5, (3 + 4)/2 = 3.5, (3 + 2)/2 = 2.5.
    qw = QuickWinRating.objects.get(pk=qw.pk)
    assert (qw.innovativeness, qw.implementation, qw.benefit) == (Decimal("3.5"), Decimal("3.5"), Decimal("2.5"))
    assert AssessorRating.objects.filter(rating=qw).count() == 2

    _raises(services.round_mark_scored, "more than one point apart on BAS-2", actor=lead, round_=round_)
    # Only the lead moderates; a reason and a score within the scale are required.
    bas2_id = bas2.item_id
    _raises(services.item_moderate, "Only the lead", actor=a2, round_=round_, item_id=bas2_id, score="2", reason="x")
    _raises(services.item_moderate, "reason", actor=lead, round_=round_, item_id=bas2_id, score="2", reason="  ")
    _raises(
        services.item_moderate, "between 0.00 and 4.00", actor=lead, round_=round_, item_id=bas2_id, score="5",
        reason="x",
    )  # fmt: skip
    _raises(
        services.item_moderate, "agree within one point", actor=lead, round_=round_, item_id=out1.item_id,
        score="3", reason="x",
    )  # fmt: skip
    assert _item(round_, "BAS-2").score is None  # nothing saved by the refusals
    services.item_moderate(
        actor=lead, round_=round_, item_id=bas2_id, score="2", reason="Dokumen SK ada, implementasi parsial."
    )
    bas2 = _item(round_, "BAS-2")
    assert bas2.score == 2 and bas2.moderated_by == lead and bas2.is_moderated
    event = AuditEvent.objects.get(action="evaluation_score.moderate")
    assert event.actor == lead and event.before["score"] is None
    assert event.after == {"score": "2.00", "moderation_reason": "Dokumen SK ada, implementasi parsial."}

    services.round_mark_scored(actor=lead, round_=round_)
    round_ = services.round_publish(actor=lead, round_=round_)
    # Baseline 0.5·3.33 + 0.5·2 = 2.665; Output 0.25·(3.5 + 3 + 3 + 3) = 3.125; Outcome 3; Impact 3;
    # Quick Win (3.5 + 3.5 + 2.5)/3 = 3.1666…
    # Index 0.2665 + 0.625 + 0.9 + 0.9 + 0.31666… = 3.00816… → stored 3.0082, shown 3.01.
    assert round_.index == Decimal("3.0082") and round_.index_display == Decimal("3.01")


def test_a_changed_score_reopens_moderation_and_is_audited(panel):
    round_, lead, a2 = panel["round"], panel["lead"], panel["a2"]
    _own(round_, lead, {"BAS-1": "1"})
    _own(round_, a2, {"BAS-1": "3"})
    item_id = _item(round_, "BAS-1").item_id
    services.item_moderate(actor=lead, round_=round_, item_id=item_id, score="2", reason="r")
    # a2 comes closer: 1 and 2 agree within a point, so the mean 1.50 replaces the moderated score.
    _own(round_, a2, {"BAS-1": "2"})
    row = _item(round_, "BAS-1")
    assert row.score == Decimal("1.50") and not row.needs_moderation and not row.is_moderated
    event = AuditEvent.objects.filter(action="evaluation_score.update", object_id=str(row.pk)).latest("pk")
    assert event.actor == a2
    assert event.before == {
        "assessor": "assessor2", "score": "3.00", "comment": "assessor2 BAS-1", "agreed": "2.00",
        "needs_moderation": True,
    }  # fmt: skip
    assert event.after["score"] == "2.00" and event.after["agreed"] == "1.50"
    assert event.after["needs_moderation"] is False


def test_unassigned_evaluator_and_region_cannot_score_or_moderate(panel):
    round_ = panel["round"]
    for who in (panel["unassigned"], panel["users"]["region_admin"], panel["users"]["other_admin"]):
        _raises(services.scores_save, "Only the assessors", actor=who, round_=round_, scores={})
        _raises(services.item_moderate, "Only the assessors", actor=who, round_=round_, item_id=1, score=1, reason="r")
    assert not AssessorScore.objects.exists()


def test_migration_copies_scores_to_who_saved_them_else_the_first_assessor(ev):
    evaluator = ev["users"]["evaluator"]
    round_ = fill_self(ev["round"], ev["users"]["region_admin"])
    score_all(round_, evaluator)
    # Pretend the rows predate this change: agreed scores only, one saved by nobody recorded.
    AssessorScore.objects.all().delete()
    AssessorRating.objects.all().delete()
    Round.objects.filter(pk=round_.pk).update(lead_assessor=None)
    orphan = _item(round_, "BAS-1")
    ItemScore.objects.filter(pk=orphan.pk).update(scored_by=None, score=Decimal("2.5"), comment="lama")
    migration = importlib.import_module("kotacerdas.evaluation.migrations.0004_copy_scores_to_assessors")
    migration.forwards(django_apps, None)
    migration.forwards(django_apps, None)  # twice changes nothing
    assert AssessorScore.objects.filter(item_score__round=round_).count() == 20
    own = AssessorScore.objects.get(item_score=orphan)
    assert (own.assessor, own.score, own.comment) == (evaluator, Decimal("2.5"), "lama")
    assert AssessorRating.objects.filter(rating__round=round_, assessor=evaluator).count() == 1
    assert Round.objects.get(pk=round_.pk).lead_assessor == evaluator


def test_correction_keeps_each_assessors_rows(panel):
    round_, lead, a2 = panel["round"], panel["lead"], panel["a2"]
    score_all(round_, lead)
    _own(round_, a2, {"BAS-1": "4"})
    services.round_mark_scored(actor=lead, round_=round_)
    services.round_publish(actor=lead, round_=round_)
    new = services.round_correct(actor=lead, round_=round_, reason="Salah ketik.")
    assert new.lead_assessor == lead
    assert AssessorScore.objects.filter(item_score__round=new).count() == 21
    _own(new, a2, {"BAS-1": "3"})
    assert _item(new, "BAS-1").score == 3 and _item(round_, "BAS-1").score == Decimal("3.50")


# --- pages ----------------------------------------------------------------------------------------------

USERS = [*ALL_USERS, "unassigned", "a2"]


def _actor(panel, who):
    return {"unassigned": panel["unassigned"], "a2": panel["a2"]}.get(who) or panel["users"][who]


def _disputed(panel) -> ItemScore:
    round_ = panel["round"]
    _own(round_, panel["lead"], {"BAS-2": "1"})
    _own(round_, panel["a2"], {"BAS-2": "3"})
    return _item(round_, "BAS-2")


@pytest.mark.parametrize("who", USERS)
def test_moderation_post_permission_table(panel, client_for, who):
    row = _disputed(panel)
    url = reverse("evaluation:moderate", kwargs={"region_slug": panel["home"].slug, "pk": panel["round"].pk})
    response = client_for(_actor(panel, who)).post(url, {f"agreed_{row.item_id}": "2", f"reason_{row.item_id}": "r"})
    saved = ItemScore.objects.get(pk=row.pk).score == 2
    if who == "evaluator":  # the lead
        assert response.status_code == 302 and saved
    elif who == "anonymous":
        assert response.status_code == 302 and "/akun/" in response["Location"] and not saved
    elif who == "a2":  # assigned, not the lead: a clear refusal
        assert response.status_code == 400 and b"msg-error" in response.content and not saved
    else:
        assert response.status_code in (403, 404), who
        assert not saved


def test_moderation_bad_input_keeps_what_was_typed(panel, client_for):
    row = _disputed(panel)
    client = client_for(panel["lead"])
    url = reverse("evaluation:moderate", kwargs={"region_slug": panel["home"].slug, "pk": panel["round"].pk})
    for data in (
        {f"agreed_{row.item_id}": "abc", f"reason_{row.item_id}": "alasan-ku"},
        {f"agreed_{row.item_id}": "9", f"reason_{row.item_id}": "alasan-ku"},
        {f"agreed_{row.item_id}": "2", f"reason_{row.item_id}": ""},
        {},
    ):
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert ItemScore.objects.get(pk=row.pk).score is None
    assert not AuditEvent.objects.filter(action="evaluation_score.moderate").exists()


def test_round_page_shows_own_inputs_and_hides_assessors_scores_from_the_region(panel, client_for):
    round_, lead, a2 = panel["round"], panel["lead"], panel["a2"]
    _disputed(panel)
    url = reverse("evaluation:round", kwargs={"region_slug": panel["home"].slug, "pk": round_.pk})
    row = _item(round_, "BAS-2")
    page = client_for(a2).get(url).content.decode()
    assert f'name="score_{row.item_id}" value="3' in page  # a2's own score, not the lead's
    assert 'data-testid="moderation"' in page and 'data-testid="moderation-form"' not in page
    page = client_for(lead).get(url).content.decode()
    assert f'name="score_{row.item_id}" value="1' in page and 'data-testid="moderation-form"' in page
    # Published: the region sees the agreed score only, never who gave what.
    services.item_moderate(actor=lead, round_=round_, item_id=row.item_id, score="2", reason="rahasia penilai")
    score_all(round_, lead, scores={"BAS-2": Decimal(1)})
    services.round_mark_scored(actor=lead, round_=round_)
    services.round_publish(actor=lead, round_=round_)
    page = client_for(panel["users"]["region_admin"]).get(url).content.decode()
    assert 'data-testid="score-BAS-2">2.00' in page or 'data-testid="score-BAS-2">2,00' in page
    assert 'data-testid="moderation"' not in page and "rahasia penilai" not in page
    assert "Assessor2" not in page and "moderat" not in page.lower()  # no names (comments are unattributed)


def test_scoring_page_query_count_flat_with_more_assessors_and_items(panel, client_for):
    from .test_views import _count, _grow

    lead, a2, a3 = panel["lead"], panel["a2"], panel["a3"]
    kw = {"region_slug": panel["home"].slug}
    for who in (lead, a2, a3):
        score_all(panel["round"], who)
    small = _count(client_for(lead), reverse("evaluation:round", kwargs={**kw, "pk": panel["round"].pk}))
    big = _grow(panel, 40, 12)
    extra = [UserFactory(username=f"penilai{i}", is_national_evaluator=True) for i in range(3)]
    services.round_set_assessors(actor=lead, round_=big, assessors=[lead, a2, a3, *extra])
    fill_self(big, panel["users"]["region_admin"])
    for who in (lead, a2, a3, *extra):
        score_all(big, who)
    big_count = _count(client_for(lead), reverse("evaluation:round", kwargs={**kw, "pk": big.pk}))
    assert big_count == small, (small, big_count)
