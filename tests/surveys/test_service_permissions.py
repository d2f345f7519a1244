"""The survey services check the actor's permission: only the region's managers create, change and close a
survey; anyone answers an open survey of an active region."""

import datetime

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.surveys import services
from kotacerdas.surveys.models import Survey, SurveyResponse
from tests.refusals import assert_refused

from .conftest import OPEN_2023

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["citizen", "dewan", "partner", "other_admin", "evaluator", None])
def test_users_without_the_permission_are_refused(world, impact_survey, who):
    actor = world["users"][who] if who else None
    before = (list(Survey.objects.values_list("title", "closed_at")), AuditEvent.objects.count())
    assert_refused(
        lambda: services.survey_create(actor=actor, region=world["home"], kind="skm", title="SKM", **OPEN_2023)
    )
    assert_refused(lambda: services.survey_update(actor=actor, survey=impact_survey, title="Diubah"))
    assert_refused(lambda: services.survey_close(actor=actor, survey=impact_survey))
    assert (list(Survey.objects.values_list("title", "closed_at")), AuditEvent.objects.count()) == before


def test_anyone_answers_but_not_in_an_inactive_region(world, impact_survey):
    today = datetime.date(2023, 6, 1)
    services.response_submit(survey=impact_survey, answers={"impact": 3}, session_key="a", today=today)
    world["home"].is_active = False
    world["home"].save(update_fields=["is_active"])
    survey = Survey.objects.get(pk=impact_survey.pk)
    with pytest.raises(ApplicationError):
        services.response_submit(survey=survey, answers={"impact": 3}, session_key="b", today=today)
    assert SurveyResponse.objects.count() == 1
