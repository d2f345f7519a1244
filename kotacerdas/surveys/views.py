"""Survey pages. Public: /r/<slug>/survei/ (list), /survei/<id>/ (answer), /survei/<id>/hasil/ (results).
Staff: /r/<slug>/staf/survei/ (list, create, edit, close). Every lookup goes through the URL's region."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import SURVEY_RESULTS, public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.common.spreadsheet import safe_row
from kotacerdas.ideas import throttle
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services
from .elements import ELEMENT_KEYS, GRADES
from .forms import AnswerForm, SurveyForm
from .models import Survey, SurveyResponse


def _survey(region, pk) -> Survey:
    try:
        return selectors.survey_detail(region=region, pk=pk)
    except Survey.DoesNotExist:
        raise Http404 from None


def _session_key(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key or ""


@public_page(section=SURVEY_RESULTS, personal=True)  # manage links, results by permission
@with_region
def survey_list(request, *, region):
    surveys = list(selectors.survey_list_for_region(region=region))
    return render(
        request,
        "surveys/list.html",
        {"region": region, "surveys": surveys, "can_manage": request.user.has_perm("surveys.manage", region)},
    )


@with_region
def survey_answer(request, *, region, pk):
    """The answer sheet. One answer per logged-in person, else per browser session (see docs/surveys.md)."""
    survey = _survey(region, pk)
    can_manage = request.user.has_perm("surveys.manage", region)
    if not survey.is_open() and not can_manage and not survey.results_visible():
        raise Http404  # a survey that has not opened yet is not public
    form = AnswerForm(request.POST or None, survey=survey)
    answered = services.survey_has_answered(
        survey=survey, user=request.user, session_key=request.session.session_key or ""
    )
    status = 200
    if request.method == "POST":
        status = 400
        if not throttle.allowed(throttle.SURVEY, request):
            form.is_valid()
            form.add_error(None, _("Too many answers from this connection. Please try again later."))
            status = 429
        elif form.is_valid():
            try:
                services.response_submit(
                    survey=survey,
                    answers=form.cleaned_data,
                    user=request.user,
                    session_key=_session_key(request),
                )
            except ApplicationError as exc:
                add_to_form(form, exc)
            else:
                throttle.hit(throttle.SURVEY, request)
                messages.success(request, _("Thank you! Your answer was recorded anonymously."))
                return redirect(reverse("surveys:list", kwargs={"region_slug": region.slug}))
    return render(
        request,
        "surveys/answer.html",
        {
            "region": region,
            "survey": survey,
            "form": form,
            "answered": answered,
            "is_open": survey.is_open(),
            "can_see_results": request.user.has_perm("surveys.view_results", survey),
        },
        status=status,
    )


@public_page(section=SURVEY_RESULTS, personal=True)  # manage links, results by permission
@with_region
def results(request, *, region, pk):
    survey = _survey(region, pk)
    if not request.user.has_perm("surveys.view_results", survey):
        if request.user.is_authenticated:
            raise PermissionDenied
        raise Http404  # not public yet: an anonymous visitor learns nothing about it
    context = {
        "region": region,
        "survey": survey,
        "grades": GRADES,
        "demographics": selectors.demographics(survey=survey),
        "can_manage": request.user.has_perm("surveys.manage", region),
        "early": not survey.is_closed(),
    }
    if survey.kind == Survey.Kind.SKM:
        context["skm"] = selectors.skm_result(survey=survey)
    else:
        context["impact"] = selectors.impact_result(survey=survey)
        context["by_year"] = selectors.impact_by_year(survey=survey)
        context["year_rows"] = [(str(y["year"]), y["mean"]) for y in context["by_year"]]
    if context["can_manage"]:
        context["suggestions"] = selectors.suggestions(survey=survey)
    return render(request, "surveys/results.html", context)


# --- staff ----------------------------------------------------------------------------------------------


@login_required
@with_region
def staff_list(request, *, region):
    require_perm(request, "surveys.manage", region)
    surveys = list(selectors.survey_list_for_region(region=region, include_unpublished=True))
    return render(request, "surveys/staff_list.html", {"region": region, "surveys": surveys})


def _form_page(request, region, form, save, *, survey=None):
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The survey was saved."))
            return redirect(reverse("surveys:results", kwargs={"region_slug": region.slug, "pk": saved.pk}))
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/staff_form.html", {"region": region, "form": form, "survey": survey}, status=status)


@login_required
@with_region
def staff_create(request, *, region):
    require_perm(request, "surveys.manage", region)
    form = SurveyForm(request.POST or None, region=region)
    return _form_page(
        request, region, form, lambda data: services.survey_create(actor=request.user, region=region, **data)
    )


@login_required
@with_region
def staff_edit(request, *, region, pk):
    require_perm(request, "surveys.manage", region)
    survey = _survey(region, pk)
    form = SurveyForm(request.POST or None, instance=Survey.objects.get(pk=survey.pk), region=region)
    return _form_page(
        request,
        region,
        form,
        lambda data: services.survey_update(actor=request.user, survey=survey, **data),
        survey=survey,
    )


@require_POST
@login_required
@with_region
def staff_close(request, *, region, pk):
    require_perm(request, "surveys.manage", region)
    survey = _survey(region, pk)
    try:
        services.survey_close(actor=request.user, survey=survey)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The survey is closed; its results are public."))
    return redirect(reverse("surveys:staff_list", kwargs={"region_slug": region.slug}))


@login_required
@with_region
def staff_export(request, *, region, pk):
    """All answer sheets as CSV (one row per respondent, no identity), for the agency's own SKM report."""
    require_perm(request, "surveys.manage", region)
    survey = _survey(region, pk)
    columns = ["created_at", *ELEMENT_KEYS, "impact", "gender", "age_group", "education", "occupation", "suggestion"]

    def rows():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        yield buffer.getvalue()
        for response in (
            SurveyResponse.objects.filter(survey=survey)
            .order_by("created_at", "pk")
            .values_list(*columns)
            .iterator(chunk_size=2000)
        ):
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(
                safe_row("" if v is None else (v.isoformat() if hasattr(v, "isoformat") else v) for v in response)
            )
            yield buffer.getvalue()

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survei-{survey.pk}.csv"'
    return response
