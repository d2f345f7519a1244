"""Evaluation fixtures: a framework made by the national evaluator through the services, and a round."""

from decimal import Decimal

import pytest

from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Round
from tests.factories import UserFactory


@pytest.fixture
def ev(world):
    """world + `framework` (2024 defaults), `round` for the home region (assessor: world's evaluator), and
    `unassigned`, a second national evaluator who is not an assessor of the round."""
    evaluator = world["users"]["evaluator"]
    framework = services.framework_create(actor=evaluator, year=2024)
    round_ = services.round_create(actor=evaluator, region=world["home"], framework=framework, assessors=[evaluator])
    unassigned = UserFactory(username="unassigned", is_national_evaluator=True)
    return {**world, "framework": framework, "round": round_, "unassigned": unassigned}


def fill_self(round_: Round, actor, value="3") -> Round:
    answers = {s.item_id: (Decimal(value), "bukti") for s in round_.scores.all()}
    services.self_assessment_save(actor=actor, round_=round_, answers=answers)
    return services.round_submit(actor=actor, round_=round_)


def score_all(round_: Round, actor, scores: dict[str, Decimal] | None = None, default="3", qw="3") -> Round:
    """Score every item (by code, else `default`) and every quick win (all three criteria = `qw`)."""
    scores = scores or {}
    rows = {s.item_id: (Decimal(scores.get(s.item.code, default)), "ok") for s in round_.scores.select_related("item")}
    services.scores_save(actor=actor, round_=round_, scores=rows)
    ratings = {
        r.programme_id: {"innovativeness": qw, "implementation": qw, "benefit": qw, "comment": ""}
        for r in round_.quick_wins.all()
    }
    services.quick_wins_rate(actor=actor, round_=round_, ratings=ratings)
    return round_


def publish(round_: Round, actor) -> Round:
    services.round_mark_scored(actor=actor, round_=round_)
    return services.round_publish(actor=actor, round_=round_)
