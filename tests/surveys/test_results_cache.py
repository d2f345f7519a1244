"""SKM results are served from the page cache and retired by a new response (and only the survey section:
the region's other pages stay cached)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from kotacerdas.surveys import services
from kotacerdas.surveys.elements import ELEMENT_KEYS

pytestmark = pytest.mark.django_db


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


@freeze_time("2026-06-01 10:00:00")
def test_results_are_cached_and_retired_by_a_response(world, client, django_capture_on_commit_callbacks):
    survey = services.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="skm",
        title="SKM Mal Pelayanan Publik",
        opens_on=datetime.date(2026, 5, 1),
        closes_on=datetime.date(2026, 7, 31),
        results_public=True,
    )
    answers = dict.fromkeys(ELEMENT_KEYS, "3")
    services.response_submit(survey=survey, answers=answers, session_key="a")
    pages = [f"/r/luwu-utara/survei/{survey.pk}/hasil/", f"/api/v1/regions/luwu-utara/surveys/{survey.pk}/results/"]
    for path in [*pages, "/r/luwu-utara/"]:
        queries(client, path)
        assert queries(client, path) == 0, path
    with django_capture_on_commit_callbacks(execute=True):
        services.response_submit(survey=survey, answers=dict.fromkeys(ELEMENT_KEYS, "4"), session_key="b")
    for path in pages:
        assert queries(client, path) > 0, f"{path} still shows the results before the response"
    assert queries(client, "/r/luwu-utara/") == 0
    assert client.get(pages[1]).json()["respondents"] == 2
