"""Evidence files of self-assessment items: attach, remove, and serve them privately."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.files import private_file_response
from kotacerdas.regions.access import require_perm, with_region

from .. import services
from ..forms import EvidenceForm
from ..models import ItemEvidence
from ._common import _back, _refuse, _round


@login_required
@require_POST
@with_region
def evidence_attach(request, *, region, pk, item_id):
    """The region admin attaches a file to one item of a self-assessment in progress."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    form = EvidenceForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ApplicationError(_("Please correct the errors below."), fields=form.errors)
        services.evidence_attach(
            actor=request.user,
            round_=round_,
            item_id=item_id,
            file=form.cleaned_data["file"],
            caption=form.cleaned_data["caption"],
        )
    except ApplicationError as exc:
        errors = [str(e) for errs in (exc.fields or {}).values() for e in errs] or [exc.message]
        exc.fields = {f"file_{item_id}": errors}
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The file was attached."))
    return redirect(
        f"{reverse('evaluation:round', kwargs={'region_slug': region.slug, 'pk': round_.pk})}#item-{item_id}"
    )


@login_required
@require_POST
@with_region
def evidence_remove(request, *, region, pk, evidence_pk):
    round_ = _round(region, pk)
    require_perm(request, "evaluation.fill_self_assessment", round_)
    evidence = get_object_or_404(
        ItemEvidence.objects.select_related("item_score__round", "item_score__item"),
        region=region,
        item_score__round=round_,
        pk=evidence_pk,
    )
    try:
        services.evidence_remove(actor=request.user, evidence=evidence)
    except ApplicationError as exc:
        return _refuse(request, region, round_, exc)
    messages.success(request, _("The file was removed."))
    return _back(region, round_)


@login_required
@require_GET
@with_region
def evidence_file(request, *, region, pk, evidence_pk):
    """Evidence files are private: served only to the region's staff and the round's assessors."""
    evidence = get_object_or_404(
        ItemEvidence.objects.select_related("item_score__round"), region=region, item_score__round_id=pk, pk=evidence_pk
    )
    require_perm(request, "evaluation.view_evidence", evidence.item_score.round)
    return private_file_response(
        evidence.file, content_type=evidence.content_type, attachment=not evidence.is_image, filename=evidence.name
    )
