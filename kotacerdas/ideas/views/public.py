"""Public idea pages: /r/<slug>/gagasan/ (list), /r/<slug>/gagasan/<id>/ (page), posts to support, comment
and flag."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.models import Dimension
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors, services, throttle
from ..forms import CommentForm, FlagForm, IdeaForm
from ..models import Idea, IdeaComment
from ._common import _idea

PER_PAGE = 20


def _detail_url(region, idea) -> str:
    return reverse("ideas:detail", kwargs={"region_slug": region.slug, "pk": idea.pk})


def _throttled(request, limit) -> bool:
    if throttle.allowed(limit, request):
        return False
    messages.error(request, _("You are posting too fast. Please wait a while and try again."))
    return True


# --- public ---------------------------------------------------------------------------------------------


@public_page(personal=True)  # "My ideas", proposing: the person's own rights
@with_region
def idea_list(request, *, region):
    dimensions = list(Dimension.objects.filter(region=region).only("pk", "key", "name", "name_en", "order"))
    dimension_key = request.GET.get("dimensi", "")
    if dimension_key not in {d.key for d in dimensions}:
        dimension_key = ""
    status = request.GET.get("status", "")
    if status not in Idea.Status.values:
        status = ""
    sort = request.GET.get("urut", "terbaru")
    if sort not in selectors.SORTS:
        sort = "terbaru"
    mine = request.user.is_authenticated and request.GET.get("saya") == "1"
    ideas = selectors.idea_list(
        region=region,
        dimension_key=dimension_key,
        status=status,
        sort=sort,
        author=request.user if mine else None,
    )
    page = Paginator(ideas, PER_PAGE).get_page(request.GET.get("halaman"))
    query = {
        k: v
        for k, v in (("dimensi", dimension_key), ("status", status), ("urut", sort), ("saya", "1" if mine else ""))
        if v
    }
    return render(
        request,
        "ideas/list.html",
        {
            "region": region,
            "page": page,
            "dimensions": dimensions,
            "statuses": Idea.Status.choices,
            "current": {"dimensi": dimension_key, "status": status, "urut": sort, "saya": mine},
            "query": urlencode(query),
            "can_participate": request.user.has_perm("ideas.participate", region),
        },
    )


def _detail_context(request, region, idea, **forms) -> dict:
    user = request.user
    can_moderate = user.has_perm("ideas.moderate", region)
    return {
        "region": region,
        "idea": idea,
        "threads": selectors.comment_threads(idea=idea) if (not idea.is_hidden or can_moderate) else [],
        "supported": selectors.has_supported(idea=idea, user=user),
        "can_participate": user.has_perm("ideas.participate", region),
        "can_flag": user.has_perm("ideas.flag", region),
        "can_moderate": can_moderate,
        "comment_form": forms.get("comment_form") or CommentForm(can_reply_officially=can_moderate),
        "is_author": user.is_authenticated and idea.author_id == user.pk,
        # Innovations promoted from this idea (innovation app, reverse relation: ideas never imports it),
        # once they are public (at trial or applied).
        "innovations": list(
            idea.innovations.filter(stage__in=idea.innovations.model.PUBLIC_STAGES).only(
                "pk", "title", "title_en", "stage"
            )
        ),
    }


@public_page(personal=True)  # supports, comments, flags: the person's own rows and rights
@with_region
def idea_detail(request, *, region, pk):
    idea = _idea(region, pk)
    return render(request, "ideas/detail.html", _detail_context(request, region, idea))


@with_region
def idea_create(request, *, region):
    if not request.user.is_authenticated:
        # "Propose an idea" leads an anonymous visitor to the region's sign-in, with sign-up one link away.
        login = reverse("accounts_region:login", kwargs={"region_slug": region.slug})
        return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
    require_perm(request, "ideas.participate", region)
    form = IdeaForm(request.POST or None, request.FILES or None, region=region)
    status = 200
    if request.method == "POST":
        status = 400
        if not throttle.allowed(throttle.IDEA, request):
            form.add_error(None, _("You are posting too fast. Please wait a while and try again."))
            status = 429
        elif form.is_valid():
            try:
                idea = services.idea_create(
                    actor=request.user,
                    region=region,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    dimension=form.cleaned_data["dimension"],
                    photo=form.cleaned_data.get("photo"),
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                throttle.hit(throttle.IDEA, request)
                messages.success(request, _("Thank you! Your idea is published."))
                return redirect(_detail_url(region, idea))
    return render(request, "ideas/form.html", {"region": region, "form": form}, status=status)


@require_POST
@login_required
@with_region
def idea_support(request, *, region, pk):
    idea = _idea(region, pk)
    require_perm(request, "ideas.participate", region)
    try:
        if request.POST.get("action") == "remove":
            if services.idea_unsupport(actor=request.user, idea=idea):
                messages.success(request, _("Your support was withdrawn."))
        elif services.idea_support(actor=request.user, idea=idea):
            messages.success(request, _("Thank you for your support."))
        else:
            messages.info(request, _("You already support this idea."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(_detail_url(region, idea) + "#dukungan")


@require_POST
@login_required
@with_region
def comment_create(request, *, region, pk):
    idea = _idea(region, pk)
    require_perm(request, "ideas.participate", region)
    can_moderate = request.user.has_perm("ideas.moderate", region)
    form = CommentForm(request.POST, can_reply_officially=can_moderate)
    if not throttle.allowed(throttle.COMMENT, request):
        form.is_valid()
        form.add_error(None, _("You are posting too fast. Please wait a while and try again."))
        context = _detail_context(request, region, idea, comment_form=form)
        return render(request, "ideas/detail.html", context, status=429)
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = IdeaComment.objects.filter(idea=idea, pk=form.cleaned_data["parent"]).first()
            if parent is None:
                raise Http404
        try:
            comment = services.comment_create(
                actor=request.user,
                idea=idea,
                body=form.cleaned_data["body"],
                parent=parent,
                official=bool(form.cleaned_data.get("official")),
            )
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            throttle.hit(throttle.COMMENT, request)
            messages.success(request, _("Your comment is published."))
            return redirect(_detail_url(region, idea) + f"#komentar-{comment.pk}")
    context = _detail_context(request, region, idea, comment_form=form)
    return render(request, "ideas/detail.html", context, status=400)


@require_POST
@login_required
@with_region
def flag_create(request, *, region, pk):
    idea = _idea(region, pk)
    require_perm(request, "ideas.flag", region)
    form = FlagForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The report could not be read."))
        return redirect(_detail_url(region, idea))
    comment = None
    if form.cleaned_data.get("comment"):
        comment = IdeaComment.objects.filter(idea=idea, pk=form.cleaned_data["comment"]).first()
        if comment is None:
            raise Http404
    if services.flag_create(actor=request.user, idea=idea, comment=comment, reason=form.cleaned_data["reason"]):
        messages.success(request, _("Thank you. A moderator will look at it."))
    else:
        messages.info(request, _("You already reported this."))
    return redirect(_detail_url(region, idea) + (f"#komentar-{comment.pk}" if comment else ""))
