"""Idea pages. Thin: parse, check the rule, call a service or selector, render.

Public: /r/<slug>/gagasan/ (list), /r/<slug>/gagasan/<id>/ (page), posts to support, comment and flag.
Sign-up: /r/<slug>/daftar/. Moderation: /r/<slug>/staf/gagasan/. Every lookup goes through the URL's region.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.views import start_session
from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.masterplan.models import Dimension
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services, signup, throttle
from .forms import CommentForm, FlagForm, HideForm, IdeaForm, LinkForm, SignupForm, StatusForm
from .models import Idea, IdeaComment

PER_PAGE = 20


def _idea(region, pk) -> Idea:
    try:
        return selectors.idea_detail(region=region, pk=pk)
    except Idea.DoesNotExist:
        raise Http404 from None


def _detail_url(region, idea) -> str:
    return reverse("ideas:detail", kwargs={"region_slug": region.slug, "pk": idea.pk})


def _throttled(request, limit) -> bool:
    if throttle.allowed(limit, request):
        return False
    messages.error(request, _("You are posting too fast. Please wait a while and try again."))
    return True


# --- public ---------------------------------------------------------------------------------------------


@public_page
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


@public_page
@with_region
def idea_detail(request, *, region, pk):
    idea = _idea(region, pk)
    return render(request, "ideas/detail.html", _detail_context(request, region, idea))


@login_required
@with_region
def idea_create(request, *, region):
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


# --- sign-up --------------------------------------------------------------------------------------------


def _next_url(request, region) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("ideas:list", kwargs={"region_slug": region.slug})


@with_region
def signup_view(request, *, region):
    """Citizens register within their region; a logged-in person may join the region as a citizen."""
    next_url = _next_url(request, region)
    if request.user.is_authenticated:
        if request.method == "POST" and request.POST.get("join"):
            signup.citizen_join(region=region, user=request.user)
            messages.success(request, _("You joined %(region)s as a citizen.") % {"region": region.display_name})
            return redirect(next_url)
        return render(request, "ideas/signup.html", {"region": region, "next": next_url, "form": None})
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if not throttle.allowed(throttle.SIGNUP, request):
            form.is_valid()
            form.add_error(None, _("Too many sign-ups from this connection. Please try again later."))
            status = 429
        elif form.is_valid():
            try:
                user = signup.citizen_register(
                    region=region,
                    identifier=form.cleaned_data["identifier"],
                    password=form.cleaned_data["password1"],
                    name=form.cleaned_data["name"],
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                throttle.hit(throttle.SIGNUP, request)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                start_session(request, user)
                messages.success(
                    request, _("Welcome! You log in with %(username)s.") % {"username": user.get_username()}
                )
                return redirect(next_url)
    return render(request, "ideas/signup.html", {"region": region, "form": form, "next": next_url}, status=status)


# --- moderation -----------------------------------------------------------------------------------------


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
