"""Rules of the evaluation services: weights, scale, assignment, status, immutability, corrections, audit."""

from decimal import Decimal

import pytest
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.evaluation import selectors, services
from kotacerdas.evaluation.models import EvaluationDimension, Item, ItemScore, Round
from kotacerdas.monitoring.models import Achievement, ReportingPeriod
from tests.factories import ProgrammeFactory

from .conftest import fill_self, publish, score_all

pytestmark = pytest.mark.django_db


def _raises(fn, text: str, **kwargs):
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        fn(**kwargs)
    assert text in exc.value.message or any(text in str(m) for ms in exc.value.fields.values() for m in ms), (
        exc.value.message,
        exc.value.fields,
    )
    return exc.value


def test_default_framework_and_copy_forward(ev):
    f = ev["framework"]
    weights = {d.key: d.weight for d in f.dimensions.all()}
    assert weights == {"baseline": 10, "output": 20, "outcome": 30, "impact": 30, "quick_win": 10}
    assert f.scale_min == 0 and f.scale_max == 4 and services.framework_problems(f) == []
    copy = services.framework_create(actor=ev["users"]["evaluator"], year=2025, copy_from=f)
    assert copy.items.count() == f.items.count() and copy.copied_from == f
    assert AuditEvent.objects.filter(action="evaluation_framework.create", object_id=str(copy.pk)).exists()
    _raises(services.framework_create, "already a framework", actor=ev["users"]["evaluator"], year=2025)


def test_only_national_evaluators_configure(ev):
    for who in ("region_admin", "tim_pelaksana", "other_admin"):
        _raises(services.framework_create, "not allowed", actor=ev["users"][who], year=2030)
        _raises(
            services.round_create, "not allowed", actor=ev["users"][who], region=ev["other"], framework=ev["framework"]
        )


def test_dimension_weights_must_sum_to_100(ev):
    f = services.framework_create(actor=ev["users"]["evaluator"], year=2025, copy_from=ev["framework"])
    weights = {"baseline": "10", "output": "20", "outcome": "30", "impact": "30", "quick_win": "20"}
    exc = _raises(
        services.framework_update,
        "must add up to 100%; they add up to 110.00%",
        actor=ev["users"]["evaluator"],
        framework=f,
        scale_min="0",
        scale_max="4",
        note="",
        weights=weights,
    )
    assert "__all__" in exc.fields
    assert EvaluationDimension.objects.get(framework=f, key="quick_win").weight == 10  # nothing saved
    weights.update(quick_win="20", impact="20")  # Jambi: Outcome 30 / Impact 20 / QW 20
    services.framework_update(
        actor=ev["users"]["evaluator"], framework=f, scale_min="0", scale_max="4", note="Jambi", weights=weights
    )
    assert EvaluationDimension.objects.get(framework=f, key="quick_win").weight == 20
    event = AuditEvent.objects.filter(action="evaluation_framework.update").latest("pk")
    assert event.before["weights"]["impact"] == "30.00" and event.after["weights"]["impact"] == "20.00"


def test_item_weights_within_a_dimension(ev):
    actor = ev["users"]["evaluator"]
    f = services.framework_create(actor=actor, year=2025, copy_from=ev["framework"])
    outcome = f.dimensions.get(key="outcome")
    _raises(
        services.item_create,
        "would add up to 110.00%",
        actor=actor,
        framework=f,
        dimension=outcome,
        code="OC-X",
        title="x",
        weight=Decimal(10),
    )
    qw = f.dimensions.get(key="quick_win")
    _raises(
        services.item_create,
        "quick-win ratings",
        actor=actor,
        framework=f,
        dimension=qw,
        code="Q",
        title="q",
        weight=Decimal(0),
    )
    item = f.items.get(code="OC-REP")
    services.item_update(actor=actor, item=item, weight=Decimal(5))
    with translation.override("en"):
        assert "add up to 95.00%" in " ".join(services.framework_problems(f))
    # A framework whose weights do not add up cannot be used for a round.
    _raises(services.round_create, "not 100%", actor=actor, region=ev["other"], framework=f)


def test_scale_is_enforced(ev):
    round_ = ev["round"]
    item_id = round_.scores.first().item_id
    _raises(
        services.self_assessment_save,
        "between 0.00 and 4.00",
        actor=ev["users"]["region_admin"],
        round_=round_,
        answers={item_id: (Decimal("4.5"), "")},
    )
    _raises(
        services.self_assessment_save,
        "between 0.00 and 4.00",
        actor=ev["users"]["region_admin"],
        round_=round_,
        answers={item_id: (Decimal("-1"), "")},
    )
    fill_self(round_, ev["users"]["region_admin"])
    _raises(
        services.scores_save,
        "between",
        actor=ev["users"]["evaluator"],
        round_=round_,
        scores={item_id: (Decimal("5"), "")},
    )
    qw = round_.quick_wins.first()
    _raises(
        services.quick_wins_rate,
        "between",
        actor=ev["users"]["evaluator"],
        round_=round_,
        ratings={qw.programme_id: {"innovativeness": "9", "implementation": "1", "benefit": "1"}},
    )
    assert not ItemScore.objects.filter(round=round_, score__isnull=False).exists()


def test_unassigned_evaluator_and_region_cannot_score(ev):
    round_ = fill_self(ev["round"], ev["users"]["region_admin"])
    item_id = round_.scores.first().item_id
    for who in ("unassigned",):
        _raises(services.scores_save, "assigned", actor=ev[who], round_=round_, scores={item_id: (Decimal(3), "")})
    for who in ("region_admin", "tim_pelaksana", "other_admin"):
        _raises(
            services.scores_save, "assigned", actor=ev["users"][who], round_=round_, scores={item_id: (Decimal(3), "")}
        )
    # Assigning them makes it possible.
    services.round_set_assessors(actor=ev["users"]["evaluator"], round_=round_, assessors=[ev["unassigned"]])
    round_ = Round.objects.get(pk=round_.pk)
    services.scores_save(actor=ev["unassigned"], round_=round_, scores={item_id: (Decimal(3), "ok")})
    _raises(
        services.round_set_assessors,
        "national evaluators",
        actor=ev["unassigned"],  # the round's lead now
        round_=round_,
        assessors=[ev["users"]["region_admin"]],
    )


def test_status_order(ev):
    round_ = ev["round"]
    admin, evaluator = ev["users"]["region_admin"], ev["users"]["evaluator"]
    _raises(services.scores_save, "not submitted", actor=evaluator, round_=round_, scores={})
    services.self_assessment_save(actor=admin, round_=round_, answers={round_.scores.first().item_id: (None, "")})
    _raises(services.round_submit, "Give a self score to every item", actor=admin, round_=round_)
    fill_self(round_, admin)
    _raises(services.self_assessment_save, "submitted", actor=admin, round_=round_, answers={})
    _raises(services.round_mark_scored, "missing", actor=evaluator, round_=round_)
    _raises(services.round_publish, "Mark the round as scored", actor=evaluator, round_=round_)
    score_all(round_, evaluator)
    publish(round_, evaluator)
    statuses = list(
        AuditEvent.objects.filter(
            action__in=["evaluation_round.submit", "evaluation_round.scored", "evaluation_round.publish"]
        )
        .order_by("pk")
        .values_list("before__status", "after__status")
    )
    assert statuses == [("draft", "submitted"), ("submitted", "scored"), ("scored", "published")]


def test_published_is_immutable_and_framework_frozen(ev):
    round_ = ev["round"]
    admin, evaluator = ev["users"]["region_admin"], ev["users"]["evaluator"]
    fill_self(round_, admin)
    score_all(round_, evaluator)
    services.round_mark_scored(actor=evaluator, round_=round_)
    f = ev["framework"]
    assert services.framework_is_locked(f)
    _raises(services.item_update, "cannot change", actor=evaluator, item=f.items.first(), weight=Decimal(1))
    _raises(
        services.framework_update,
        "cannot change",
        actor=evaluator,
        framework=f,
        scale_min="0",
        scale_max="5",
        note="",
        weights={},
    )
    services.round_publish(actor=evaluator, round_=round_)
    item_id = round_.scores.first().item_id
    _raises(services.scores_save, "published", actor=evaluator, round_=round_, scores={item_id: (Decimal(1), "")})
    _raises(services.interview_notes_save, "published", actor=evaluator, round_=round_, notes="x")
    _raises(services.round_set_assessors, "published", actor=evaluator, round_=round_, assessors=[])


def test_correction_is_a_new_version_with_a_reason(ev):
    round_ = ev["round"]
    admin, evaluator = ev["users"]["region_admin"], ev["users"]["evaluator"]
    fill_self(round_, admin)
    score_all(round_, evaluator)
    round_ = publish(round_, evaluator)
    assert round_.index == Decimal("3.0000")
    _raises(services.round_correct, "why", actor=evaluator, round_=round_, reason="  ")
    _raises(services.round_correct, "assigned", actor=ev["unassigned"], round_=round_, reason="x")
    new = services.round_correct(actor=evaluator, round_=round_, reason="Skor OC-GOV salah ketik.")
    _raises(services.round_correct, "already in progress", actor=evaluator, round_=round_, reason="again")
    assert new.version == 2 and new.status == Round.Status.SCORED and new.supersedes == round_
    assert new.scores.count() == round_.scores.count() and new.quick_wins.count() == round_.quick_wins.count()
    item = new.scores.get(item__code="OC-GOV")
    services.scores_save(actor=evaluator, round_=new, scores={item.item_id: (Decimal(4), "dikoreksi")})
    services.round_publish(actor=evaluator, round_=new)
    old = Round.objects.get(pk=round_.pk)
    new.refresh_from_db()
    # The old version is kept exactly as published, and marked superseded.
    assert old.is_published and old.is_superseded and old.index == Decimal("3.0000")
    assert ItemScore.objects.get(round=old, item__code="OC-GOV").score == 3
    # 3 + (4 − 3) × 15% × 30% = 3.045
    assert new.index == Decimal("3.0450") and not new.is_superseded
    assert selectors.current_published(region=ev["home"], year=2024) == new
    assert [v.version for v in selectors.versions(region=ev["home"], year=2024)] == [1, 2]
    event = AuditEvent.objects.get(action="evaluation_round.correct")
    assert event.after["correction_reason"] == "Skor OC-GOV salah ketik." and event.before["version"] == 1
    _raises(services.round_correct, "current published", actor=evaluator, round_=old, reason="x")


def test_score_changes_are_audited_with_before_and_after(ev):
    round_ = fill_self(ev["round"], ev["users"]["region_admin"])
    evaluator = ev["users"]["evaluator"]
    row = round_.scores.first()
    services.scores_save(actor=evaluator, round_=round_, scores={row.item_id: (Decimal(2), "a")})
    services.scores_save(actor=evaluator, round_=round_, scores={row.item_id: (Decimal("2.5"), "b")})
    events = list(AuditEvent.objects.filter(action="evaluation_score.update", object_id=str(row.pk)).order_by("pk"))
    assert [(e.before["score"], e.after["score"]) for e in events] == [(None, "2.00"), ("2.00", "2.50")]
    assert events[-1].actor == evaluator and events[-1].region_id == ev["home"].pk


def test_prefill_from_verified_monitoring_keeps_value_and_link(ev):
    home = ev["home"]
    period = ReportingPeriod.objects.create(
        region=home,
        year=2024,
        number=2,
        starts_on="2024-04-01",
        ends_on="2024-06-30",
        due_on="2024-07-10",
        status="closed",
    )
    dims = ev["home_dims"]
    Achievement.objects.create(
        region=home, period=period, level="masterplan", object_id=0, value=Decimal(60), reported=1, expected=2
    )
    Achievement.objects.create(
        region=home,
        period=period,
        level="dimension",
        object_id=dims["governance"].pk,
        value=Decimal("62.5"),
        reported=1,
        expected=1,
    )
    Achievement.objects.create(
        region=home,
        period=period,
        level="programme",
        object_id=ev["home_programme"].pk,
        value=Decimal(80),
        reported=1,
        expected=1,
    )
    round_ = ev["round"]
    services.round_refresh_prefill(actor=ev["users"]["region_admin"], round_=round_)
    gov = round_.scores.get(item__code="OC-GOV")
    assert "62,5%" in gov.prefill_value and gov.prefill_url == f"/r/{home.slug}/monev/"
    assert gov.prefill_score == Decimal("2.50")  # 62.5% of 4
    assert gov.self_score == Decimal("2.50")  # a suggestion the admin may change
    rep = round_.scores.get(item__code="OC-REP")
    assert rep.prefill_score == Decimal("2.00")  # 1 of 2 programmes verified
    adopted = round_.scores.get(item__code="OUT-1")
    assert adopted.prefill_score == Decimal("4.00") and adopted.prefill_url == f"/r/{home.slug}/"
    qw = round_.quick_wins.get()
    assert "80" in qw.implementation_value
    # An answer the admin typed survives a refresh.
    services.self_assessment_save(
        actor=ev["users"]["region_admin"], round_=round_, answers={gov.item_id: (Decimal(1), "x")}
    )
    services.round_refresh_prefill(actor=ev["users"]["region_admin"], round_=round_)
    assert round_.scores.get(item__code="OC-GOV").self_score == 1


def test_improvement_over_the_previous_published_year(ev):
    evaluator, admin = ev["users"]["evaluator"], ev["users"]["region_admin"]
    f2023 = services.framework_create(actor=evaluator, year=2023, copy_from=ev["framework"])
    r2023 = services.round_create(actor=evaluator, region=ev["home"], framework=f2023, assessors=[evaluator])
    fill_self(r2023, admin)
    score_all(r2023, evaluator, default="2", qw="2")
    publish(r2023, evaluator)
    r2024 = fill_self(ev["round"], admin)
    score_all(r2024, evaluator, scores={"OC-GOV": Decimal(4)}, default="3", qw="1")
    results = selectors.round_results(round_=Round.objects.get(pk=r2024.pk))
    # 2024: Outcome = 3 + 15% × 1 = 3.15; index = 0.1×3 + 0.2×3 + 0.3×3.15 + 0.3×3 + 0.1×1 = 2.845 → 2.85
    assert results.index == Decimal("2.845")
    imp = selectors.improvement(round_=r2024, results=results)
    assert imp.previous == r2023 and imp.index == Decimal("0.85")  # 2.85 − 2.00
    assert imp.dimensions["outcome"] == Decimal("1.15") and imp.dimensions["quick_win"] == Decimal(-1)


def test_quick_wins_are_those_of_the_adopted_masterplan(ev):
    ProgrammeFactory(
        masterplan=ev["home_plan"],
        dimension=ev["home_dims"]["economy"],
        owner_agency=ev["home_agency"],
        code="ECO-9",
        is_quick_win=True,
        quick_win_year=2024,
    )
    f = ev["framework"]
    r = services.round_create(actor=ev["users"]["evaluator"], region=ev["other"], framework=f)
    assert r.quick_wins.count() == 0  # Maros: draft masterplan
    assert Item.objects.filter(framework=f).count() == r.scores.count()
    r2 = Round.objects.get(pk=ev["round"].pk)
    assert r2.quick_wins.count() == 1  # created before ECO-9 existed; a new round would include it


def test_benefit_prefilled_from_the_citizen_impact_survey(ev, client_for):
    """A quick win with an impact survey answered that year shows its 0–4 score, respondents and link."""
    import datetime

    from django.utils import timezone

    from kotacerdas.surveys import services as survey_services

    survey = survey_services.survey_create(
        actor=ev["users"]["region_admin"],
        region=ev["home"],
        kind="impact",
        title="Dampak quick win GOV-01",
        programme=ev["home_programme"],
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 12, 31),
    )
    when = timezone.make_aware(datetime.datetime(2024, 6, 1, 10))
    for i, rating in enumerate((4, 4, 3, 2)):  # mean 3.25 → (3.25 − 1) × 4/3 = 3.00
        survey_services.response_submit(
            survey=survey,
            answers={"impact": rating},
            session_key=f"s{i}",
            today=datetime.date(2024, 6, 1),
            submitted_at=when,
        )
    round_ = services.round_refresh_prefill(actor=ev["users"]["region_admin"], round_=ev["round"])
    qw = round_.quick_wins.get()
    assert qw.survey_score == Decimal("3.00") and qw.survey_respondents == 4
    assert qw.survey_url == f"/r/{ev['home'].slug}/survei/{survey.pk}/hasil/"
    # The assessor's benefit input starts from the survey score.
    fill_self(round_, ev["users"]["region_admin"])
    page = client_for(ev["users"]["evaluator"]).get(f"/r/{ev['home'].slug}/evaluasi/{round_.pk}/")
    body = page.content.decode()
    assert f'name="benefit_{qw.programme_id}" value="3,00"' in body  # Indonesian decimal comma
    cell = body[body.find('data-testid="survey-GOV-01"') :][:300]
    assert f'href="{qw.survey_url}"' in cell and "(4 " in cell


def test_notifications_when_opened_submitted_and_published(world, django_capture_on_commit_callbacks):
    from kotacerdas.common.models import Notification

    evaluator, admin = world["users"]["evaluator"], world["users"]["region_admin"]
    with django_capture_on_commit_callbacks(execute=True):
        framework = services.framework_create(actor=evaluator, year=2024)
        round_ = services.round_create(
            actor=evaluator, region=world["home"], framework=framework, assessors=[evaluator]
        )
    assert list(Notification.objects.values_list("user__username", "key")) == [
        ("region_admin", f"evaluation:{round_.pk}:opened")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        fill_self(round_, admin)
    assert Notification.objects.get(key=f"evaluation:{round_.pk}:submitted").user == evaluator
    with django_capture_on_commit_callbacks(execute=True):
        score_all(round_, evaluator)
        publish(round_, evaluator)
    published = Notification.objects.filter(key=f"evaluation:{round_.pk}:published")
    assert set(published.values_list("user__username", flat=True)) == {"region_admin", "tim_pelaksana", "dewan"}
    assert published.first().url == f"/r/{world['home'].slug}/evaluasi/{round_.pk}/hasil/"


def test_an_item_added_later_reaches_the_open_rounds(ev):
    actor = ev["users"]["evaluator"]
    outcome = ev["framework"].dimensions.get(key="outcome")
    services.item_update(actor=actor, item=ev["framework"].items.get(code="OC-REP"), weight=Decimal(5))
    item = services.item_create(
        actor=actor, framework=ev["framework"], dimension=outcome, code="OC-DATA", title="Satu data", weight=Decimal(5)
    )
    assert ev["round"].scores.filter(item=item).exists()
    assert services.framework_problems(ev["framework"]) == []
