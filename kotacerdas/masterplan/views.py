"""Staff pages of the masterplan. Thin: parse, check the rule, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kotacerdas.audit.selectors import audit_events_for_object
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region

from .forms import ProgrammeForm, conflict_rows, refresh_version
from .models import Programme
from .services import StaleEdit, programme_update


@login_required
@with_region
def programme_edit(request, *, region, pk):
    programme = get_object_or_404(Programme.objects.select_related("masterplan"), pk=pk, region=region)
    require_perm(request, "masterplan.change_programme", programme)
    form = ProgrammeForm(request.POST or None, instance=programme, region=region)
    conflict = None
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("supporting_agencies", "version", "reason")}
        try:
            programme_update(
                actor=request.user,
                programme=Programme.objects.get(pk=programme.pk),
                supporting_agencies=list(form.cleaned_data["supporting_agencies"]),
                expected_version=form.cleaned_data.get("version"),
                reason=form.cleaned_data.get("reason", ""),
                **fields,
            )
        except StaleEdit as exc:
            form.add_error(None, exc.message)
            conflict = {"exc": exc, "rows": conflict_rows(form, exc.current)}
            refresh_version(form, exc.current)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The programme was saved."))
            return redirect("masterplan:programme_edit", region_slug=region.slug, pk=programme.pk)
    history = (
        audit_events_for_object(obj=programme)[:50] if request.user.has_perm("regions.view_audit", region) else None
    )
    return render(
        request,
        "masterplan/programme_edit.html",
        {"region": region, "programme": programme, "form": form, "history": history, "conflict": conflict},
        status=(409 if conflict else 400) if request.method == "POST" else 200,
    )
