"""Every planning write service checks the actor's permission itself, with the rule the page checks: a user
without it (a citizen, a reader, another region's admin, an anonymous caller) is refused and nothing changes."""

from datetime import date

import pytest

from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, Programme
from kotacerdas.planning import services
from kotacerdas.planning.models import (
    ChecklistItem,
    Milestone,
    Participant,
    PillarAnalysis,
    ProgrammeOrigin,
    QuickWinStep,
    ReadinessItem,
    Round,
    Strategy,
)
from tests.refusals import assert_refused_unchanged

# Everyone without `planning.manage` in the home region (tests/roles.py).
NON_PLANNERS = [
    "dewan",
    "agency_officer",
    "partner",
    "citizen",
    "other_admin",
    "other_officer",
    "evaluator",
    "anonymous",
]
WRITTEN = (
    Masterplan,
    MasterplanVersion,
    Programme,
    Round,
    Participant,
    ChecklistItem,
    ReadinessItem,
    PillarAnalysis,
    Strategy,
    ProgrammeOrigin,
    Milestone,
    QuickWinStep,
)


@pytest.fixture
def rows(planned):
    """One row of each kind in the home region, for the services to be refused on."""
    region, plan, programme = planned["home"], planned["home_plan"], planned["home_programme"]
    rnd = plan.rounds.get(number=1)
    dimension = planned["home_dims"]["governance"]
    return {
        "plan": plan,
        "programme": programme,
        "dimension": dimension,
        "round": rnd,
        "item": rnd.checklist.first(),
        "participant": Participant.objects.create(region=region, round=rnd, name="Tetap"),
        "question": plan.readiness_items.first(),
        "analysis": plan.pillar_analyses.first(),
        "strategy": Strategy.objects.create(region=region, masterplan=plan, dimension=dimension, text="Tetap"),
        "milestone": Milestone.objects.create(region=region, programme=programme, year=2024, title="Tetap"),
        "step": QuickWinStep.objects.create(region=region, programme=programme, description="Tetap"),
    }


def _assert_refused_unchanged(world, who: str, calls: dict) -> None:
    assert_refused_unchanged(world["users"][who], calls, WRITTEN)


def _round_calls(r) -> dict:
    return {
        "planning_start": lambda a: services.planning_start(masterplan=r["plan"], actor=a),
        "round_update": lambda a: services.round_update(round=r["round"], actor=a, venue="Diubah"),
        "participant_add": lambda a: services.participant_add(round=r["round"], actor=a, name="Baru"),
        "participant_delete": lambda a: services.participant_delete(participant=r["participant"], actor=a),
        "checklist_item_set": lambda a: services.checklist_item_set(item=r["item"], actor=a, done=True),
        "round_complete": lambda a: services.round_complete(round=r["round"], actor=a),
        "round_reopen": lambda a: services.round_reopen(round=r["round"], actor=a),
    }


@pytest.mark.parametrize("who", NON_PLANNERS)
def test_round_services_refuse_non_planners(planned, rows, who):
    _assert_refused_unchanged(planned, who, _round_calls(rows))


def _questionnaire_calls(r) -> dict:
    return {
        "readiness_item_add": lambda a: services.readiness_item_add(
            masterplan=r["plan"], pillar="struktur", actor=a, question="Baru"
        ),
        "readiness_item_update": lambda a: services.readiness_item_update(item=r["question"], actor=a, question="X"),
        "readiness_item_delete": lambda a: services.readiness_item_delete(item=r["question"], actor=a),
    }


@pytest.mark.parametrize("who", NON_PLANNERS)
def test_readiness_services_refuse_non_planners(planned, rows, who):
    question = rows["question"]
    calls = {
        "readiness_scores_set": lambda a: services.readiness_scores_set(
            masterplan=rows["plan"],
            pillar=question.pillar,
            actor=a,
            answers={question.pk: {"score": 4, "evidence": "", "version": question.version}},
        ),
        "pillar_analysis_update": lambda a: services.pillar_analysis_update(
            analysis=rows["analysis"], actor=a, strengths="Diubah"
        ),
        **_questionnaire_calls(rows),
    }
    _assert_refused_unchanged(planned, who, calls)


def test_the_questionnaire_is_the_region_admins(planned, rows):
    _assert_refused_unchanged(planned, "tim_pelaksana", _questionnaire_calls(rows))


@pytest.mark.parametrize("who", NON_PLANNERS)
def test_strategy_services_refuse_non_planners(planned, rows, who):
    calls = {
        "strategy_create": lambda a: services.strategy_create(
            masterplan=rows["plan"], actor=a, dimension=rows["dimension"], text="Baru"
        ),
        "strategy_update": lambda a: services.strategy_update(strategy=rows["strategy"], actor=a, text="Diubah"),
        "strategy_delete": lambda a: services.strategy_delete(strategy=rows["strategy"], actor=a),
    }
    _assert_refused_unchanged(planned, who, calls)


@pytest.mark.parametrize("who", NON_PLANNERS)
def test_programme_plan_services_refuse_all_but_planners_and_the_owner_agency(planned, rows, who):
    programme = rows["programme"]
    calls = {
        "programme_plan_create": lambda a: services.programme_plan_create(
            masterplan=rows["plan"], actor=a, code="NEW-01", title="Baru", dimension=rows["dimension"], reason="r"
        ),
    }
    if who != "agency_officer":  # the officer of the owner agency may change the programme's plan
        calls |= {
            "programme_origin_set": lambda a: services.programme_origin_set(programme=programme, actor=a, source="new"),
            "milestone_add": lambda a: services.milestone_add(programme=programme, actor=a, year=2024, title="Baru"),
            "milestone_delete": lambda a: services.milestone_delete(milestone=rows["milestone"], actor=a),
            "quick_win_step_add": lambda a: services.quick_win_step_add(programme=programme, actor=a, description="B"),
            "quick_win_step_delete": lambda a: services.quick_win_step_delete(step=rows["step"], actor=a),
        }
    _assert_refused_unchanged(planned, who, calls)


@pytest.mark.parametrize("who", [*NON_PLANNERS, "tim_pelaksana"])
def test_adoption_services_refuse_users_without_the_rule(planned, rows, who):
    plan = rows["plan"]
    Masterplan.objects.filter(pk=plan.pk).update(status=Masterplan.Status.DRAFT)
    plan.refresh_from_db()
    calls = {
        "masterplan_adopt": lambda a: services.masterplan_adopt(
            masterplan=plan, actor=a, decree_number="SK 9", adopted_on=date(2022, 12, 1)
        ),
    }
    if who != "tim_pelaksana":  # the Tim Pelaksana selects quick wins; only the region admin adopts
        calls["quick_win_select"] = lambda a: services.quick_win_select(
            programme=rows["programme"], actor=a, selected=False, reason="r"
        )
    _assert_refused_unchanged(planned, who, calls)
