"""The masterplan services check the actor's permission themselves (the same rules as the pages): a citizen,
the Dewan, another region's admin or no user is refused and nothing changes."""

from decimal import Decimal

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Indicator, Programme, Target
from kotacerdas.masterplan.services import (
    indicator_create,
    masterplan_update,
    programme_create,
    programme_delete,
    programme_update,
    target_set,
)
from tests.refusals import assert_refused

pytestmark = pytest.mark.django_db


def _state(world):
    plan = world["home_plan"]
    plan.refresh_from_db()
    return (
        plan.vision,
        list(Programme.objects.values_list("code", "title")),
        Indicator.objects.count(),
        list(Target.objects.values_list("year", "value")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("who", ["citizen", "dewan", "partner", "other_admin", "evaluator", None])
def test_users_without_the_permission_are_refused(world, who):
    actor = world["users"][who] if who else None
    plan, programme = world["home_plan"], world["home_programme"]
    indicator = Indicator.objects.create(region=world["home"], programme=programme, name="Cakupan", unit="%")
    before = _state(world)
    calls = {
        "masterplan": lambda: masterplan_update(actor=actor, masterplan=plan, vision="Visi baru", reason="r"),
        "create": lambda: programme_create(actor=actor, masterplan=plan, code="X-1", title="Baru", reason="r"),
        "update": lambda: programme_update(actor=actor, programme=programme, title="Judul baru", reason="r"),
        "delete": lambda: programme_delete(actor=actor, programme=programme, reason="r"),
        "indicator": lambda: indicator_create(actor=actor, programme=programme, name="Baru", unit="%"),
        "target": lambda: target_set(actor=actor, indicator=indicator, year=2025, value=Decimal("5")),
    }
    for name, call in calls.items():
        assert_refused(call, label=name)
    assert _state(world) == before


def test_an_officer_changes_the_owned_programme_but_not_the_masterplan(world):
    officer, programme = world["users"]["agency_officer"], world["home_programme"]
    programme_update(actor=officer, programme=programme, title="Judul petugas", reason="Perbaikan")
    assert Programme.objects.get(pk=programme.pk).title == "Judul petugas"
    assert_refused(lambda: programme_delete(actor=officer, programme=programme, reason="r"))
    assert_refused(lambda: masterplan_update(actor=officer, masterplan=world["home_plan"], vision="X", reason="r"))
