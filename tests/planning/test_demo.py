"""The Luwu Utara demo: the four rounds completed in 2022, readiness scored, loaded once."""

import pytest

from kotacerdas.demo.loader import load_demo
from kotacerdas.masterplan.models import MasterplanVersion
from kotacerdas.planning.models import Milestone, Participant, ProgrammeOrigin, ReadinessItem, Round, Strategy
from kotacerdas.regions.models import Region


@pytest.mark.django_db
def test_demo_planning_is_complete_and_idempotent(client):
    load_demo()
    region = Region.objects.get(slug="luwu-utara")
    rounds = Round.objects.filter(region=region).order_by("number")
    assert [r.number for r in rounds] == [1, 2, 3, 4]
    assert all(r.is_complete and r.held_on.year == 2022 and r.completed_at.year == 2022 for r in rounds)
    assert rounds[3].venue == "Makassar"
    assert not ReadinessItem.objects.filter(region=region, score__isnull=True).exists()
    assert Strategy.objects.filter(region=region).count() == 6
    assert ProgrammeOrigin.objects.filter(region=region, source="rpjmd").exists()
    assert MasterplanVersion.objects.filter(region=region, number=0).exists()
    counts = (Participant.objects.count(), Milestone.objects.count(), Strategy.objects.count())
    load_demo()
    assert (Participant.objects.count(), Milestone.objects.count(), Strategy.objects.count()) == counts
    maros = Region.objects.get(slug="maros")
    assert not Round.objects.filter(region=maros).exists()  # Maros starts its rounds from a draft
