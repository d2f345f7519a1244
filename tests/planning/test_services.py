"""The authoring services: rounds and their rules, readiness, adoption, revisions, and stale saves."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import MasterplanVersion, Programme
from kotacerdas.masterplan.services import StaleEdit, masterplan_update, programme_delete, programme_update
from kotacerdas.planning import services
from kotacerdas.planning.models import ChecklistItem, PillarAnalysis, ReadinessItem, Round
from kotacerdas.planning.selectors import readiness_summary
from tests.factories import ProgrammeFactory


def test_start_is_idempotent_and_seeds_rounds_questions_and_pillars(planned):
    plan = planned["other_plan"]
    services.planning_start(masterplan=plan, actor=planned["users"]["other_admin"])
    assert list(Round.objects.filter(masterplan=plan).values_list("number", flat=True)) == [1, 2, 3, 4]
    assert ChecklistItem.objects.filter(round__masterplan=plan, round__number=1).count() == 5
    assert ReadinessItem.objects.filter(masterplan=plan).count() == 15
    assert PillarAnalysis.objects.filter(masterplan=plan).count() == 3


def test_round_complete_needs_a_date_and_every_checklist_item(planned):
    admin = planned["users"]["other_admin"]
    rnd = planned["other_plan"].rounds.get(number=2)
    with translation.override("en"), pytest.raises(ApplicationError, match="Still open"):
        services.round_complete(round=rnd, actor=admin)
    for item in rnd.checklist.all():
        services.checklist_item_set(item=item, actor=admin, done=True)
    with translation.override("en"), pytest.raises(ApplicationError, match="date"):
        services.round_complete(round=rnd, actor=admin)
    services.round_update(round=rnd, actor=admin, held_on=date(2022, 5, 10), expected_version=1)
    rnd = services.round_complete(round=rnd, actor=admin)
    assert rnd.is_complete and AuditEvent.objects.filter(action="planning.round.complete").exists()
    # Unticking an item takes the round back to work.
    services.checklist_item_set(item=rnd.checklist.first(), actor=admin, done=False)
    rnd.refresh_from_db()
    assert not rnd.is_complete


def test_round_dates_in_order(planned):
    rnd = planned["other_plan"].rounds.get(number=1)
    with pytest.raises(ApplicationError) as exc:
        services.round_update(
            round=rnd, actor=planned["users"]["other_admin"], held_on=date(2022, 5, 10), held_until=date(2022, 5, 9)
        )
    assert "held_until" in exc.value.fields


def test_readiness_scores_are_all_or_nothing_and_averaged(planned):
    plan = planned["other_plan"]
    items = list(ReadinessItem.objects.filter(masterplan=plan, pillar="struktur"))
    answers = {i.pk: {"score": 4, "evidence": "SK", "version": i.version} for i in items}
    answers[items[-1].pk]["score"] = 7
    with pytest.raises(ApplicationError):
        services.readiness_scores_set(
            masterplan=plan, pillar="struktur", actor=planned["users"]["other_admin"], answers=answers
        )
    assert not ReadinessItem.objects.filter(masterplan=plan, score__isnull=False).exists()
    # Scores 4, 2, 2, none, none → average of the scored items = (100 + 50 + 50) / 3.
    answers = {i.pk: {"score": None, "evidence": "", "version": i.version} for i in items}
    answers[items[0].pk]["score"] = 4
    answers[items[1].pk]["score"] = 2
    answers[items[2].pk]["score"] = 2
    assert (
        services.readiness_scores_set(
            masterplan=plan, pillar="struktur", actor=planned["users"]["other_admin"], answers=answers
        )
        == 3
    )
    struktur = readiness_summary(masterplan=plan)[0]
    assert struktur["scored"] == 3 and struktur["total"] == 5
    assert struktur["average"].quantize(Decimal("0.01")) == Decimal("66.67")
    # An item of another pillar is refused.
    other = ReadinessItem.objects.filter(masterplan=plan, pillar="infrastruktur").first()
    with pytest.raises(ApplicationError):
        services.readiness_scores_set(
            masterplan=plan,
            pillar="struktur",
            actor=planned["users"]["other_admin"],
            answers={other.pk: {"score": 1, "version": 1}},
        )


def test_stale_readiness_score_is_refused(planned):
    plan = planned["other_plan"]
    item = ReadinessItem.objects.filter(masterplan=plan, pillar="struktur").first()
    services.readiness_scores_set(
        masterplan=plan,
        pillar="struktur",
        actor=planned["users"]["other_admin"],
        answers={item.pk: {"score": 3, "version": 1}},
    )
    with pytest.raises(StaleEdit):
        services.readiness_scores_set(
            masterplan=plan,
            pillar="struktur",
            actor=planned["users"]["other_admin"],
            answers={item.pk: {"score": 1, "version": 1}},
        )
    item.refresh_from_db()
    assert item.score == 3 and item.version == 2


def test_two_stale_saves_of_a_programme(planned):
    """Three editors read version 1; the first save wins, both later ones are refused and name the winner."""
    programme = planned["home_programme"]
    tp, officer = planned["users"]["tim_pelaksana"], planned["users"]["agency_officer"]
    programme_update(actor=tp, programme=programme, title="Versi TP", expected_version=1, reason="r")
    for title in ("Versi petugas", "Versi ketiga"):
        with pytest.raises(StaleEdit) as exc:
            programme_update(actor=officer, programme=programme, title=title, expected_version=1, reason="r")
        assert exc.value.changed_by == "tim_pelaksana" and exc.value.current.title == "Versi TP"
    programme.refresh_from_db()
    assert programme.title == "Versi TP" and programme.version == 2
    # Saving again from the current version is allowed.
    programme_update(actor=officer, programme=programme, title="Versi petugas", expected_version=2, reason="r")
    programme.refresh_from_db()
    assert programme.title == "Versi petugas" and programme.version == 3


def test_an_unchanged_save_keeps_the_version(planned):
    programme = planned["home_programme"]
    programme_update(
        actor=planned["users"]["region_admin"], programme=programme, title=programme.title, expected_version=1
    )
    programme.refresh_from_db()
    assert programme.version == 1
    assert not MasterplanVersion.objects.filter(kind="revision").exists()


def test_strategy_element_must_belong_to_the_dimension(planned):
    plan = planned["other_plan"]
    dims = planned["other_dims"]
    with pytest.raises(ApplicationError) as exc:
        services.strategy_create(
            masterplan=plan,
            actor=planned["users"]["other_admin"],
            dimension=dims["governance"],
            element=dims["economy"].elements.first(),
            text="x",
        )
    assert "element" in exc.value.fields
    with pytest.raises(ApplicationError):
        services.strategy_create(
            masterplan=plan,
            actor=planned["users"]["other_admin"],
            dimension=planned["home_dims"]["governance"],
            text="x",
        )


def test_existing_programme_needs_its_source_document(planned):
    with pytest.raises(ApplicationError) as exc:
        services.programme_origin_set(
            programme=planned["other_programme"], actor=planned["users"]["other_admin"], source="rpjmd"
        )
    assert "source_document" in exc.value.fields
    origin = services.programme_origin_set(
        programme=planned["other_programme"],
        actor=planned["users"]["other_admin"],
        source="renstra",
        source_document="Renstra DLH 2021–2026",
        source_reference="Bab V, hlm. 40",
    )
    assert origin.is_existing and origin.source_reference == "Bab V, hlm. 40"


def test_milestone_year_within_the_period(planned):
    with pytest.raises(ApplicationError) as exc:
        services.milestone_add(
            programme=planned["other_programme"], actor=planned["users"]["other_admin"], year=2040, title="x"
        )
    assert "year" in exc.value.fields
    assert services.milestone_add(
        programme=planned["other_programme"], actor=planned["users"]["other_admin"], year=2024, title="Uji coba"
    )


def test_quick_win_runs_in_the_first_years(planned):
    programme = planned["other_programme"]
    with pytest.raises(ApplicationError) as exc:
        services.quick_win_select(programme=programme, actor=planned["users"]["other_admin"], selected=True, year=2026)
    assert "quick_win_year" in exc.value.fields
    services.quick_win_select(programme=programme, actor=planned["users"]["other_admin"], selected=True, year=2023)
    services.quick_win_step_add(programme=programme, actor=planned["users"]["other_admin"], description="Sosialisasi")
    services.quick_win_select(programme=programme, actor=planned["users"]["other_admin"], selected=False)
    programme.refresh_from_db()
    assert not programme.is_quick_win and programme.quick_win_year is None
    with pytest.raises(ApplicationError):
        services.quick_win_step_add(programme=programme, actor=planned["users"]["other_admin"], description="x")


def _complete_all_rounds(plan, actor):
    for rnd in plan.rounds.all():
        for item in rnd.checklist.all():
            services.checklist_item_set(item=item, actor=actor, done=True)
        services.round_update(round=rnd, actor=actor, held_on=date(2022, 3, rnd.number))
        services.round_complete(round=rnd, actor=actor)


def test_adoption_rules_and_frozen_version(planned):
    plan = planned["other_plan"]
    admin = planned["users"]["other_admin"]
    Programme.objects.filter(masterplan=plan).update(is_quick_win=False, quick_win_year=None)
    with translation.override("en"):
        blockers = services.adoption_blockers(masterplan=plan)
    assert any("Bimtek I, Bimtek II, Bimtek III, Bimtek IV" in b for b in blockers)
    assert any("quick win" in b for b in blockers)
    _complete_all_rounds(plan, admin)
    with translation.override("en"):
        assert services.adoption_blockers(masterplan=plan) == ["Select at least one quick win."]
    with pytest.raises(ApplicationError):
        services.masterplan_adopt(masterplan=plan, actor=admin, decree_number="SK 1", adopted_on=date(2022, 12, 1))
    services.quick_win_select(programme=planned["other_programme"], actor=admin, selected=True, year=2022)
    with pytest.raises(ApplicationError) as exc:
        services.masterplan_adopt(masterplan=plan, actor=admin, decree_number=" ", adopted_on=date(2999, 1, 1))
    assert set(exc.value.fields) == {"decree_number", "adopted_on"}
    plan = services.masterplan_adopt(
        masterplan=plan, actor=admin, decree_number="Perbup Maros No. 5 Tahun 2022", adopted_on=date(2022, 12, 1)
    )
    assert plan.status == "adopted" and plan.adoption_decree_number.startswith("Perbup")
    adopted = MasterplanVersion.objects.get(masterplan=plan, number=0)
    assert [p["code"] for p in adopted.data["programmes"].values()] == ["GOV-01"]
    assert AuditEvent.objects.filter(action="masterplan.adopt").exists()
    with pytest.raises(ApplicationError):
        services.masterplan_adopt(masterplan=plan, actor=admin, decree_number="SK 2", adopted_on=date(2022, 12, 1))
    # Rounds of an adopted masterplan stay closed.
    with pytest.raises(ApplicationError):
        services.round_reopen(round=plan.rounds.first(), actor=admin)


def test_changes_after_adoption_are_revisions_with_reasons(planned):
    plan, admin = planned["home_plan"], planned["users"]["region_admin"]
    programme = planned["home_programme"]
    with pytest.raises(ApplicationError) as exc:
        masterplan_update(actor=admin, masterplan=plan, vision="Visi baru")
    assert "reason" in exc.value.fields
    masterplan_update(actor=admin, masterplan=plan, vision="Visi baru", reason="Arahan bupati")
    programme_update(actor=admin, programme=programme, budget_estimate=Decimal("9000000"), reason="APBD-P")
    extra = ProgrammeFactory(masterplan=plan, dimension=planned["home_dims"]["living"], code="LIV-09")
    with pytest.raises(ApplicationError):
        programme_delete(actor=admin, programme=extra)
    programme_delete(actor=admin, programme=extra, reason="Digabung")
    versions = list(MasterplanVersion.objects.filter(masterplan=plan).order_by("number"))
    # This masterplan was adopted before versions existed: version 0 was frozen at the first change.
    assert [v.number for v in versions] == [0, 1, 2, 3]
    assert [v.reason for v in versions[1:]] == ["Arahan bupati", "APBD-P", "Digabung"]
    assert versions[0].data["masterplan"]["vision"] == "Visi contoh"
    assert versions[3].data["masterplan"]["vision"] == "Visi baru"


def test_round_facts_count_what_the_round_produced(planned):
    from kotacerdas.planning.selectors import round_facts

    plan = planned["other_plan"]
    first = round_facts(masterplan=plan, number=1)
    assert first[0][1:] == ("0 / 15", False)
    items = ReadinessItem.objects.filter(masterplan=plan)
    for pillar in ("struktur", "infrastruktur", "suprastruktur"):
        answers = {i.pk: {"score": 2, "version": i.version} for i in items.filter(pillar=pillar)}
        services.readiness_scores_set(
            masterplan=plan, pillar=pillar, actor=planned["users"]["other_admin"], answers=answers
        )
    assert round_facts(masterplan=plan, number=1)[0][1:] == ("15 / 15", True)
    fourth = round_facts(masterplan=plan, number=4)
    assert fourth[0][1:] == ("1", True) and fourth[1][1:] == ("0 / 1", False)
    services.quick_win_step_add(
        programme=planned["other_programme"], actor=planned["users"]["other_admin"], description="Sosialisasi"
    )
    assert round_facts(masterplan=plan, number=4)[1][1:] == ("1 / 1", True)
    third = round_facts(masterplan=plan, number=3)
    assert third[1][1:] == ("0 / 1", False)
