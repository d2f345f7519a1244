"""Frozen copies of a masterplan and the field-by-field comparison of two of them.

`freeze` turns the masterplan, its programmes, indicators and targets into plain JSON (kept in
`MasterplanVersion.data`); `compare` is a pure function over two such copies, so a revision can be compared
with the adopted version whatever happened to the rows since.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Indicator, Masterplan, Programme, Target

MASTERPLAN_FIELDS = (
    "title",
    "period_start_year",
    "period_end_year",
    "vision",
    "vision_en",
    "missions",
    "missions_en",
    "objectives",
    "objectives_en",
    "vision_keywords",
)
PROGRAMME_FIELDS = (
    "code",
    "title",
    "title_en",
    "description",
    "description_en",
    "dimension",
    "element",
    "owner_agency",
    "supporting_agencies",
    "horizon",
    "start_year",
    "end_year",
    "budget_estimate",
    "funding_source",
    "is_quick_win",
    "quick_win_year",
    "weight",
)
INDICATOR_FIELDS = ("name", "name_en", "unit", "baseline_value", "baseline_year", "direction", "weight")


def _text(value):
    """JSON-safe, comparable: numbers as strings, None kept."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def freeze(masterplan: Masterplan) -> dict:
    """The masterplan as JSON, in five queries whatever its size. Related rows are named, not numbered."""
    programmes = (
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension", "element", "owner_agency")
        .prefetch_related(
            "supporting_agencies",
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("targets", queryset=Target.objects.order_by("year"))
                ),
            ),
        )
        .order_by("code")
    )
    data = {
        "masterplan": {f: _text(getattr(masterplan, f)) for f in MASTERPLAN_FIELDS},
        "programmes": {},
    }
    for p in programmes:
        row = {f: _text(getattr(p, f)) for f in PROGRAMME_FIELDS if f not in _RELATED}
        row["dimension"] = p.dimension.name
        row["element"] = p.element.name if p.element_id else None
        row["owner_agency"] = p.owner_agency.acronym or p.owner_agency.name
        row["supporting_agencies"] = sorted(a.acronym or a.name for a in p.supporting_agencies.all())
        row["indicators"] = {
            str(i.pk): {
                **{f: _text(getattr(i, f)) for f in INDICATOR_FIELDS},
                "targets": {str(t.year): _text(t.value) for t in i.targets.all()},
            }
            for i in p.indicators.all()
        }
        data["programmes"][str(p.pk)] = row
    return data


_RELATED = {"dimension", "element", "owner_agency", "supporting_agencies"}


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name).capitalize()


def _shown(value):
    if isinstance(value, list):
        return ", ".join(value) or None
    return value


def _programme_changes(old: dict, new: dict) -> list[tuple[str, object, object]]:
    rows = []
    for f in PROGRAMME_FIELDS:
        if old.get(f) != new.get(f):
            rows.append((_label(Programme, f), _shown(old.get(f)), _shown(new.get(f))))
    old_ind, new_ind = old.get("indicators", {}), new.get("indicators", {})
    for key in sorted(set(old_ind) | set(new_ind), key=lambda k: int(k)):
        a, b = old_ind.get(key), new_ind.get(key)
        name = (b or a)["name"]
        if a is None:
            rows.append((_("Indicator added"), None, name))
            continue
        if b is None:
            rows.append((_("Indicator removed"), name, None))
            continue
        for f in INDICATOR_FIELDS:
            if a.get(f) != b.get(f):
                rows.append((f"{_('Indicator')} “{name}”: {_label(Indicator, f).lower()}", a.get(f), b.get(f)))
        ta, tb = a.get("targets", {}), b.get("targets", {})
        for year in sorted(set(ta) | set(tb)):
            if ta.get(year) != tb.get(year):
                rows.append((f"{_('Indicator')} “{name}”: {_('target')} {year}", ta.get(year), tb.get(year)))
    return rows


def compare(old: dict, new: dict) -> dict:
    """What changed from `old` to `new` (two `freeze` results).

    Returns {"masterplan": [(label, old, new)], "added": [programme], "removed": [programme],
    "changed": [{"code", "title", "fields": [(label, old, new)]}], "counts": {added, removed, changed}}.
    Programmes are matched by their id, so a changed code shows as a change, not as removed + added.
    """
    masterplan_rows = [
        (_label(Masterplan, f), old["masterplan"].get(f), new["masterplan"].get(f))
        for f in MASTERPLAN_FIELDS
        if old["masterplan"].get(f) != new["masterplan"].get(f)
    ]
    old_p, new_p = old.get("programmes", {}), new.get("programmes", {})
    added = [new_p[k] for k in sorted(set(new_p) - set(old_p), key=lambda k: new_p[k]["code"])]
    removed = [old_p[k] for k in sorted(set(old_p) - set(new_p), key=lambda k: old_p[k]["code"])]
    changed = []
    for key in sorted(set(old_p) & set(new_p), key=lambda k: new_p[k]["code"]):
        fields = _programme_changes(old_p[key], new_p[key])
        if fields:
            changed.append({"code": new_p[key]["code"], "title": new_p[key]["title"], "fields": fields})
    return {
        "masterplan": masterplan_rows,
        "added": added,
        "removed": removed,
        "changed": changed,
        "counts": {"added": len(added), "removed": len(removed), "changed": len(changed)},
    }
