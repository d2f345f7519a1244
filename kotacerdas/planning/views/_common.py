"""Helpers the planning pages share: the masterplan behind a page, the common context, redirects, stale saves."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from kotacerdas.masterplan.forms import conflict_rows, refresh_version
from kotacerdas.masterplan.selectors import masterplan_current_for_region
from kotacerdas.masterplan.services import StaleEdit
from kotacerdas.regions.access import require_perm


def _masterplan(request, region, perm: str = "planning.view_workspace"):
    require_perm(request, perm, region)
    masterplan = masterplan_current_for_region(region=region)
    if masterplan is None:
        raise Http404
    return masterplan


def _ctx(request, region, masterplan, **extra) -> dict:
    user = request.user
    return {
        "region": region,
        "masterplan": masterplan,
        "adopted": masterplan.status == "adopted",
        "can_manage": user.has_perm("planning.manage", region),
        "can_adopt": user.has_perm("planning.adopt", region),
        "can_edit_questions": user.has_perm("planning.edit_questionnaire", region),
        **extra,
    }


def _done(request, message, name, region, **kwargs):
    messages.success(request, message)
    return redirect(f"planning:{name}", region_slug=region.slug, **kwargs)


def _int_or_none(value) -> int | None:
    return int(value) if value and str(value).isdigit() else None


def _stale(form, exc: StaleEdit) -> dict:
    """Show a refused stale save on the form: the message, your values vs current, and the current version."""
    form.add_error(None, exc.message)
    rows = conflict_rows(form, exc.current) if hasattr(form, "cleaned_data") else []
    refresh_version(form, exc.current)
    return {"exc": exc, "rows": rows}
