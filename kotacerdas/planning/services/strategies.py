"""Round II: strategies per dimension."""

from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed
from kotacerdas.masterplan.models import Masterplan

from ..models import Strategy
from ._common import _same_region, _update_versioned, _validate


def _check_dimension_element(*, region_id: int, dimension, element) -> None:
    _same_region(dimension, region_id, "dimension")
    if element is not None and element.dimension_id != dimension.pk:
        raise ApplicationError(
            _("This element belongs to another dimension."),
            fields={"element": [_("This element belongs to another dimension.")]},
        )


@transaction.atomic
def strategy_create(
    *, masterplan: Masterplan, actor, dimension, text: str, element=None, text_en: str = ""
) -> Strategy:
    ensure_allowed(actor, "planning.manage", masterplan)
    _check_dimension_element(region_id=masterplan.region_id, dimension=dimension, element=element)
    strategy = Strategy(
        region_id=masterplan.region_id,
        masterplan=masterplan,
        dimension=dimension,
        element=element,
        text=text.strip(),
        text_en=text_en.strip(),
        order=Strategy.objects.filter(masterplan=masterplan, dimension=dimension).count(),
    )
    _validate(strategy)
    strategy.save()
    record_event(actor=actor, action="planning.strategy.create", obj=strategy, after=snapshot(strategy))
    return strategy


@transaction.atomic
def strategy_update(*, strategy: Strategy, actor, expected_version: int | None = None, **fields) -> Strategy:
    ensure_allowed(actor, "planning.manage", strategy)
    allowed = {"dimension", "element", "text", "text_en"}
    if set(fields) - allowed:
        raise TypeError(f"unknown fields: {sorted(set(fields) - allowed)}")
    _check_dimension_element(
        region_id=strategy.region_id,
        dimension=fields.get("dimension", strategy.dimension),
        element=fields.get("element", strategy.element),
    )
    return _update_versioned(
        obj=strategy, actor=actor, action="planning.strategy.update", expected_version=expected_version, fields=fields
    )


@transaction.atomic
def strategy_delete(*, strategy: Strategy, actor) -> None:
    ensure_allowed(actor, "planning.manage", strategy)
    record_event(actor=actor, action="planning.strategy.delete", obj=strategy, before=snapshot(strategy))
    strategy.delete()
