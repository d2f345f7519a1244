"""Moderation at /r/<slug>/staf/gagasan/: the queue, statuses, links to programmes, hiding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services
from ..forms import HideForm, LinkForm, StatusForm
from ..models import IdeaComment
from ._common import _idea


@login_required
@with_region
def staff_queue(request, *, region):
    require_perm(request, "ideas.moderate", region)
    queue = selectors.moderation_queue(region=region)
    return render(request, "ideas/staff_queue.html", {"region": region, **queue})


def _staff_page(request, region, idea, *, status=200, **forms):
    context = {
        "region": region,
        "idea": idea,
        "threads": selectors.comment_threads(idea=idea),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": idea.status}),
        "link_form": forms.get("link_form") or LinkForm(region=region, initial={"programme": idea.programme_id}),
        "hide_form": forms.get("hide_form") or HideForm(),
        "open_flags": idea.flags.filter(resolved=False).select_related("comment", "user"),
    }
    return render(request, "ideas/staff_detail.html", context, status=status)


@login_required
@with_region
def staff_detail(request, *, region, pk):
    require_perm(request, "ideas.moderate", region)
    return _staff_page(request, region, _idea(region, pk))


def _staff_action(request, region, idea, form_name: str, form, action, success: str):
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, success)
            return redirect(reverse("ideas:staff_detail", kwargs={"region_slug": region.slug, "pk": idea.pk}))
    return _staff_page(request, region, idea, status=400, **{form_name: form})


@require_POST
@login_required
@with_region
def staff_status(request, *, region, pk):
    require_perm(request, "ideas.moderate", region)
    idea = _idea(region, pk)
    return _staff_action(
        request,
        region,
        idea,
        "status_form",
        StatusForm(request.POST),
        lambda d: services.idea_set_status(actor=request.user, idea=idea, status=d["status"], reason=d["reason"]),
        _("The status was changed and the author notified."),
    )


@require_POST
@login_required
@with_region
def staff_link(request, *, region, pk):
    require_perm(request, "ideas.moderate", region)
    idea = _idea(region, pk)
    return _staff_action(
        request,
        region,
        idea,
        "link_form",
        LinkForm(request.POST, region=region),
        lambda d: services.idea_link_programme(actor=request.user, idea=idea, programme=d["programme"]),
        _("The link to the programme was saved."),
    )


@require_POST
@login_required
@with_region
def staff_hide_idea(request, *, region, pk):
    require_perm(request, "ideas.moderate", region)
    idea = _idea(region, pk)
    if request.POST.get("action") == "show":
        try:
            services.idea_unhide(actor=request.user, idea=idea)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect(reverse("ideas:staff_detail", kwargs={"region_slug": region.slug, "pk": idea.pk}))
    return _staff_action(
        request,
        region,
        idea,
        "hide_form",
        HideForm(request.POST),
        lambda d: services.idea_hide(actor=request.user, idea=idea, reason=d["reason"]),
        _("The idea is hidden."),
    )


@require_POST
@login_required
@with_region
def staff_hide_comment(request, *, region, pk, comment_pk):
    require_perm(request, "ideas.moderate", region)
    idea = _idea(region, pk)
    comment = IdeaComment.objects.filter(idea=idea, pk=comment_pk).first()
    if comment is None:
        raise Http404
    back = reverse("ideas:staff_detail", kwargs={"region_slug": region.slug, "pk": idea.pk}) + f"#c{comment.pk}"
    try:
        if request.POST.get("action") == "show":
            services.comment_unhide(actor=request.user, comment=comment)
            messages.success(request, _("The comment is visible again."))
        elif request.POST.get("action") == "dismiss":
            services.flags_dismiss(actor=request.user, idea=idea, comment=comment)
            messages.success(request, _("The reports were dismissed."))
        else:
            form = HideForm(request.POST)
            if not form.is_valid():
                raise ApplicationError(_("Give a reason for hiding the comment."))
            services.comment_hide(actor=request.user, comment=comment, reason=form.cleaned_data["reason"])
            messages.success(request, _("The comment is hidden."))
    except (ApplicationError, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
        return _staff_page(request, region, idea, status=400)
    return redirect(back)
