"""The ideas and surveys demo: complete, linked to a quick win, scored for the evaluation, idempotent."""

from decimal import Decimal

import pytest

from kotacerdas.demo.ideas import load_demo_ideas
from kotacerdas.demo.loader import load_demo
from kotacerdas.demo.surveys import load_demo_surveys
from kotacerdas.ideas.models import Idea, IdeaComment, IdeaSupport
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.models import Region
from kotacerdas.surveys.models import Survey, SurveyResponse
from kotacerdas.surveys.selectors import quick_win_impact_score, skm_result


def test_demo_on_the_world_fixture(world):
    region, admin = world["home"], world["users"]["region_admin"]
    load_demo_ideas(region=region, admin=admin)
    load_demo_surveys(region=region, admin=admin)
    counts = (Idea.objects.count(), IdeaSupport.objects.count(), SurveyResponse.objects.count())
    load_demo_ideas(region=region, admin=admin)
    load_demo_surveys(region=region, admin=admin)
    assert (Idea.objects.count(), IdeaSupport.objects.count(), SurveyResponse.objects.count()) == counts
    assert set(Idea.objects.values_list("status", flat=True)) == set(Idea.Status.values)
    assert Idea.objects.get(programme=world["home_programme"]).status == "adopted"
    assert IdeaComment.objects.filter(is_hidden=True).count() == 1
    assert IdeaComment.objects.filter(is_official=True).count() == 2
    assert Survey.objects.filter(kind="skm").count() == 2
    assert sum(s.is_open() for s in Survey.objects.all()) == 1
    skm = Survey.objects.get(kind="skm", closed_at__isnull=True, closes_on__year=2024)
    result = skm_result(survey=skm)
    assert result.respondents == 60 and result.grade is not None
    assert 25 <= result.index <= 100
    score = quick_win_impact_score(world["home_programme"], 2023)
    assert score is not None and Decimal(0) <= score <= Decimal(4)


@pytest.mark.django_db
def test_full_demo_loads(client):
    load_demo()
    region = Region.objects.get(slug="luwu-utara")
    gov = Programme.objects.get(region=region, code="GOV-01")
    assert quick_win_impact_score(gov, 2023) is not None
    assert client.get(f"/r/{region.slug}/program/GOV-01/").content.decode().count('data-testid="idea-behind"') == 1
    assert client.get(f"/r/{region.slug}/gagasan/").status_code == 200
