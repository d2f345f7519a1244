"""Programme writes: validation in the user's language, database constraints, audit before/after."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Programme, Target
from kotacerdas.masterplan.services import indicator_create, programme_create, programme_update, target_set
from tests.factories import AgencyFactory


def _base(world, **overrides):
    fields = dict(
        code="NEW-01",
        title="Program baru",
        dimension=world["home_dims"]["economy"],
        owner_agency=world["home_agency"],
        start_year=2024,
        end_year=2026,
        budget_estimate=Decimal("1000000"),
    )
    fields.update(overrides)
    return fields


def test_create_records_audit_event(world):
    admin = world["users"]["region_admin"]
    programme = programme_create(actor=admin, masterplan=world["home_plan"], **_base(world))
    event = AuditEvent.objects.get(action="programme.create", object_id=str(programme.pk))
    assert event.actor == admin and event.region == world["home"]
    assert event.before is None and event.after["code"] == "NEW-01" and event.after["budget_estimate"] == "1000000"


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"element": "governance-element"}, "element"),
        ({"start_year": 2026, "end_year": 2024}, "end_year"),
        ({"start_year": 2019}, "start_year"),
        ({"end_year": 2040}, "end_year"),
        ({"budget_estimate": Decimal("-1")}, "budget_estimate"),
        ({"is_quick_win": True}, "quick_win_year"),
        ({"code": "GOV-01"}, "__all__"),
    ],
)
def test_create_rejects_bad_input_and_saves_nothing(world, overrides, field):
    if overrides.get("element") == "governance-element":
        overrides["element"] = world["home_dims"]["governance"].elements.first()
    before = (Programme.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ApplicationError) as exc:
        programme_create(
            actor=world["users"]["region_admin"], masterplan=world["home_plan"], **_base(world, **overrides)
        )
    assert field in exc.value.fields
    assert (Programme.objects.count(), AuditEvent.objects.count()) == before


def test_messages_are_in_the_users_language(world):
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        programme_create(
            actor=world["users"]["region_admin"],
            masterplan=world["home_plan"],
            **_base(world, start_year=2026, end_year=2024),
        )
    assert "The end year cannot be before the start year." in exc.value.fields["end_year"]


def test_agency_of_another_region_is_refused(world):
    with pytest.raises(ApplicationError) as exc:
        programme_create(
            actor=world["users"]["region_admin"],
            masterplan=world["home_plan"],
            **_base(world, owner_agency=world["other_agency"]),
        )
    assert "owner_agency" in exc.value.fields
    with pytest.raises(ApplicationError):
        programme_create(
            actor=world["users"]["region_admin"],
            masterplan=world["home_plan"],
            supporting_agencies=[world["other_agency"]],
            **_base(world),
        )
    assert not Programme.objects.filter(code="NEW-01").exists()


def test_update_records_before_and_after(world):
    admin = world["users"]["region_admin"]
    programme = world["home_programme"]
    helper = AgencyFactory(region=world["home"])
    programme_update(actor=admin, programme=programme, budget_estimate=Decimal("2500000"), supporting_agencies=[helper])
    event = AuditEvent.objects.get(action="programme.update")
    assert event.before["budget_estimate"] == "1500000" and event.after["budget_estimate"] == "2500000"
    assert event.before["supporting_agencies"] == [] and event.after["supporting_agencies"] == [helper.pk]
    assert ("budget_estimate", "1500000", "2500000") in event.changes()


def test_update_without_change_records_nothing(world):
    programme_update(
        actor=world["users"]["region_admin"], programme=world["home_programme"], title=world["home_programme"].title
    )
    assert not AuditEvent.objects.filter(action="programme.update").exists()


def test_update_rejects_and_keeps_the_old_values(world):
    programme = world["home_programme"]
    with pytest.raises(ApplicationError):
        programme_update(actor=world["users"]["region_admin"], programme=programme, end_year=2000, title="changed")
    programme.refresh_from_db()
    assert programme.title != "changed"


def test_indicator_and_targets(world):
    programme = world["home_programme"]
    indicator = indicator_create(
        actor=world["users"]["region_admin"],
        programme=programme,
        name="Cakupan",
        unit="%",
        targets={2024: Decimal("30"), 2025: Decimal("60")},
    )
    assert list(indicator.targets.values_list("year", flat=True)) == [2024, 2025]
    target_set(actor=world["users"]["tim_pelaksana"], indicator=indicator, year=2025, value=Decimal("70"))
    event = AuditEvent.objects.get(action="target.set")
    assert event.before == {"year": 2025, "value": "60.0000"} and event.after == {"year": 2025, "value": "70"}
    with pytest.raises(ApplicationError) as exc:
        target_set(actor=world["users"]["region_admin"], indicator=indicator, year=2040, value=Decimal("1"))
    assert "year" in exc.value.fields
    assert not Target.objects.filter(year=2040).exists()


@pytest.mark.parametrize(
    "changes",
    [{"end_year": 2000}, {"budget_estimate": Decimal("-5")}, {"is_quick_win": True, "quick_win_year": None}],
)
def test_database_enforces_single_row_rules(world, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        Programme.objects.filter(pk=world["home_programme"].pk).update(**changes)
