"""Fixtures for the authoring tests: the world's regions with their four rounds set up."""

import pytest

from kotacerdas.planning.services import planning_start


@pytest.fixture
def planned(world):
    """The world, with the four rounds, questionnaire and pillar analyses set up on both masterplans."""
    planning_start(masterplan=world["home_plan"], actor=world["users"]["region_admin"])
    planning_start(masterplan=world["other_plan"], actor=world["users"]["other_admin"])
    return world
