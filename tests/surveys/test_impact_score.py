"""The quick-win impact score the yearly evaluation reads (kotacerdas.surveys.selectors)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from kotacerdas.surveys.selectors import quick_win_impact_detail, quick_win_impact_score

from .conftest import answer


def at(year, month=6):
    return timezone.make_aware(datetime.datetime(year, month, 1, 10))


def test_no_survey_gives_none(world):
    assert quick_win_impact_score(world["home_programme"], 2023) is None
    assert quick_win_impact_detail(world["home_programme"], 2023) is None


def test_survey_without_responses_in_year_gives_none(world, impact_survey):
    answer(impact_survey, 2, impact=4, when=at(2024))
    assert quick_win_impact_score(world["home_programme"], 2023) is None


def test_mean_converted_to_zero_to_four(world, impact_survey):
    # ratings 4, 4, 3, 2 → mean 13/4 = 3.25 → (3.25 − 1) × 4/3 = 3.00
    answer(impact_survey, 2, impact=4, when=at(2023))
    answer(impact_survey, 1, start=2, impact=3, when=at(2023))
    answer(impact_survey, 1, start=3, impact=2, when=at(2023))
    answer(impact_survey, 3, start=4, impact=1, when=at(2022))  # another year: ignored
    assert quick_win_impact_score(world["home_programme"], 2023) == Decimal("3.00")
    detail = quick_win_impact_detail(world["home_programme"], 2023)
    assert detail["respondents"] == 4
    assert detail["mean"] == Decimal("3.25")
    assert detail["score"] == Decimal("3.00")
    assert detail["url"] == f"/r/luwu-utara/survei/{impact_survey.pk}/hasil/"


def test_extremes(world, impact_survey):
    answer(impact_survey, 3, impact=1, when=at(2023))
    assert quick_win_impact_score(world["home_programme"], 2023) == Decimal("0.00")


def test_other_region_programme_unaffected(world, impact_survey):
    answer(impact_survey, 2, impact=4, when=at(2023))
    assert quick_win_impact_score(world["other_programme"], 2023) is None
