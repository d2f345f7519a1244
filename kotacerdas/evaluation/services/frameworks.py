"""Evaluation frameworks (the year's dimensions, weights and scale) and their items."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed

from .. import defaults
from ..models import EvaluationDimension, Framework, Item, ItemScore, Round
from ..scoring import HUNDRED, q2
from ._common import LOCKING, _clean, _decimal


def framework_is_locked(framework: Framework) -> bool:
    """A framework is frozen once any round using it has been scored."""
    return Round.objects.filter(framework=framework, status__in=LOCKING).exists()


def _refuse_if_locked(framework: Framework) -> None:
    if framework_is_locked(framework):
        raise ApplicationError(
            _(
                "The %(year)s framework cannot change: a round using it has already been scored. "
                "Copy it into a new year's framework instead."
            )
            % {"year": framework.year}
        )


def framework_problems(framework: Framework) -> list[str]:
    """Why the framework cannot be used yet (empty when it can): weights that do not sum to 100%."""
    problems = []
    dims = list(framework.dimensions.all())
    total = sum((d.weight for d in dims), Decimal(0))
    if total != HUNDRED:
        problems.append(_("The evaluation dimension weights add up to %(total)s%%, not 100%%.") % {"total": q2(total)})
    sums = dict(
        framework.items.values("dimension_id").annotate(total=Sum("weight")).values_list("dimension_id", "total")
    )
    for d in dims:
        if d.is_quick_win:
            continue
        item_total = sums.get(d.pk) or Decimal(0)
        if item_total != HUNDRED:
            problems.append(
                _("The item weights of %(dimension)s add up to %(total)s%%, not 100%%.")
                % {"dimension": d.name, "total": q2(item_total)}
            )
    return problems


def _require_usable(framework: Framework) -> None:
    problems = framework_problems(framework)
    if problems:
        raise ApplicationError(" ".join(problems))


@transaction.atomic
def framework_create(*, actor, year: int, copy_from: Framework | None = None) -> Framework:
    """A new year's framework: a copy of `copy_from` (dimensions, weights, scale, items) or the defaults."""
    ensure_allowed(actor, "evaluation.manage_frameworks")
    if Framework.objects.filter(year=year).exists():
        raise ApplicationError(
            _("There is already a framework for %(year)s.") % {"year": year},
            fields={"year": [_("There is already a framework for %(year)s.") % {"year": year}]},
        )
    framework = Framework(year=year, created_by=actor, copied_from=copy_from)
    if copy_from is not None:
        framework.scale_min, framework.scale_max, framework.note = (
            copy_from.scale_min,
            copy_from.scale_max,
            copy_from.note,
        )
    _clean(framework, exclude=["created_by", "copied_from"])
    framework.save()
    if copy_from is not None:
        dim_map = {}
        for d in copy_from.dimensions.all():
            dim_map[d.pk] = EvaluationDimension.objects.create(
                framework=framework,
                key=d.key,
                name=d.name,
                name_en=d.name_en,
                measures=d.measures,
                weight=d.weight,
                order=d.order,
            )
        Item.objects.bulk_create(
            Item(
                framework=framework,
                dimension=dim_map[i.dimension_id],
                smart_dimension=i.smart_dimension,
                code=i.code,
                title=i.title,
                title_en=i.title_en,
                evidence_needed=i.evidence_needed,
                evidence_needed_en=i.evidence_needed_en,
                weight=i.weight,
                source=i.source,
                order=i.order,
            )
            for i in copy_from.items.all()
        )
    else:
        dim_map = {}
        for order, (key, name, name_en, measures, weight) in enumerate(defaults.DIMENSIONS):
            dim_map[key] = EvaluationDimension.objects.create(
                framework=framework, key=key, name=name, name_en=name_en, measures=measures, weight=weight, order=order
            )
        Item.objects.bulk_create(
            Item(framework=framework, **{**row, "dimension": dim_map[row["dimension"]]}) for row in defaults.items()
        )
    record_event(
        actor=actor,
        action="evaluation_framework.create",
        obj=framework,
        after={**snapshot(framework), "copied_from_year": copy_from.year if copy_from else None},
    )
    return framework


@transaction.atomic
def framework_update(
    *, actor, framework: Framework, scale_min, scale_max, note: str, weights: dict[str, object]
) -> Framework:
    """Change the scale and the evaluation dimension weights (keyed by dimension key) at once.

    Refused when the weights do not sum to 100% or when a round using the framework has been scored.
    """
    ensure_allowed(actor, "evaluation.manage_frameworks")
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    _refuse_if_locked(framework)
    dims = {d.key: d for d in framework.dimensions.all()}
    before = {**snapshot(framework), "weights": {k: str(d.weight) for k, d in dims.items()}}
    new_weights = {}
    errors: dict[str, list] = {}
    for key in dims:
        value = _decimal(weights.get(key), field=f"weight_{key}")
        if value is None or not (0 <= value <= 100):
            errors[f"weight_{key}"] = [_("A weight is a percentage between 0 and 100.")]
        new_weights[key] = value
    if errors:
        raise ApplicationError(_("Please correct the errors below."), fields=errors)
    total = sum(new_weights.values(), Decimal(0))
    if total != HUNDRED:
        message = _("The evaluation dimension weights must add up to 100%%; they add up to %(total)s%%.") % {
            "total": q2(total)
        }
        raise ApplicationError(message, fields={"__all__": [message]})
    framework.scale_min = _decimal(scale_min, field="scale_min")
    framework.scale_max = _decimal(scale_max, field="scale_max")
    framework.note = note
    _clean(framework, exclude=["created_by", "copied_from"])
    framework.save()
    for key, dim in dims.items():
        if dim.weight != new_weights[key]:
            dim.weight = new_weights[key]
            dim.save(update_fields=["weight", "updated_at"])
    after = {**snapshot(framework), "weights": {k: str(q2(v)) for k, v in new_weights.items()}}
    record_event(actor=actor, action="evaluation_framework.update", obj=framework, before=before, after=after)
    return framework


ITEM_FIELDS = [
    "dimension",
    "smart_dimension",
    "code",
    "title",
    "title_en",
    "evidence_needed",
    "evidence_needed_en",
    "weight",
    "source",
    "order",
]


def _check_item(framework: Framework, item: Item) -> None:
    if item.dimension.framework_id != framework.pk:
        raise ApplicationError(
            _("Choose an evaluation dimension of this framework."),
            fields={"dimension": [_("Choose an evaluation dimension of this framework.")]},
        )
    if item.dimension.is_quick_win:
        message = _("The Quick Win dimension is scored from the quick-win ratings, not from items.")
        raise ApplicationError(message, fields={"dimension": [message]})
    _clean(item, exclude=["framework"])
    others = Item.objects.filter(dimension=item.dimension).exclude(pk=item.pk).aggregate(t=Sum("weight"))[
        "t"
    ] or Decimal(0)
    if others + item.weight > HUNDRED:
        message = _("The item weights of %(dimension)s would add up to %(total)s%%; they must not pass 100%%.") % {
            "dimension": item.dimension.name,
            "total": q2(others + item.weight),
        }
        raise ApplicationError(message, fields={"weight": [message]})
    if Item.objects.filter(framework=framework, code=item.code).exclude(pk=item.pk).exists():
        message = _("This framework already has an item with that code.")
        raise ApplicationError(message, fields={"code": [message]})


@transaction.atomic
def item_create(*, actor, framework: Framework, **fields) -> Item:
    ensure_allowed(actor, "evaluation.manage_frameworks")
    _refuse_if_locked(framework)
    item = Item(framework=framework, **{k: v for k, v in fields.items() if k in ITEM_FIELDS})
    _check_item(framework, item)
    item.save()
    # Rounds already open on this framework (none is scored, or it would be locked) get the new question too.
    ItemScore.objects.bulk_create(
        ItemScore(region_id=r.region_id, round=r, item=item) for r in Round.objects.filter(framework=framework)
    )
    record_event(actor=actor, action="evaluation_item.create", obj=item, after=snapshot(item))
    return item


@transaction.atomic
def item_update(*, actor, item: Item, **fields) -> Item:
    ensure_allowed(actor, "evaluation.manage_frameworks")
    _refuse_if_locked(item.framework)
    before = snapshot(item)
    for key, value in fields.items():
        if key in ITEM_FIELDS:
            setattr(item, key, value)
    _check_item(item.framework, item)
    item.save()
    record_event(actor=actor, action="evaluation_item.update", obj=item, before=before, after=snapshot(item))
    return item


@transaction.atomic
def item_delete(*, actor, item: Item) -> None:
    ensure_allowed(actor, "evaluation.manage_frameworks")
    _refuse_if_locked(item.framework)
    if item.scores.exists():
        raise ApplicationError(_("This item already has answers in a round; change its weight to 0 instead."))
    before = snapshot(item)
    record_event(actor=actor, action="evaluation_item.delete", obj=item, before=before)
    item.delete()
