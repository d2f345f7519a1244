import datetime

import pytest
from django.utils import translation

from kotacerdas.surveys import services

OPEN_2023 = dict(opens_on=datetime.date(2023, 1, 1), closes_on=datetime.date(2023, 12, 31))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def impact_survey(world):
    return services.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="impact",
        title="Dampak quick win GOV-01",
        programme=world["home_programme"],
        **OPEN_2023,
    )


def answer(survey, n: int, *, start: int = 0, when=None, today=datetime.date(2023, 6, 1), **answers):
    """n responses from distinct browser sessions."""
    for i in range(start, start + n):
        services.response_submit(
            survey=survey, answers=answers, session_key=f"s{survey.pk}-{i}", today=today, submitted_at=when
        )
