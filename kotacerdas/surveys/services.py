"""Writes to surveys: staff create, edit and close them; respondents answer (anonymously, once)."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.cache import SURVEY_RESULTS, invalidate_public_pages
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed, ensure_region_active

from .elements import ELEMENT_KEYS
from .models import Survey, SurveyResponse

EDITABLE = [
    "kind",
    "title",
    "title_en",
    "description",
    "service_name",
    "agency",
    "programme",
    "opens_on",
    "closes_on",
    "results_public",
]
DEMOGRAPHICS = ("gender", "age_group", "education", "occupation")


def _validate(survey: Survey) -> None:
    errors: dict[str, list[str]] = {}
    if survey.kind == Survey.Kind.IMPACT:
        if survey.programme is None:
            errors["programme"] = [_("An impact survey belongs to a quick win.")]
        elif not survey.programme.is_quick_win:
            errors["programme"] = [_("Choose a programme that is a quick win.")]
    else:
        survey.programme = None
    for name in ("agency", "programme"):
        related = getattr(survey, name)
        if related is not None and related.region_id != survey.region_id:
            errors.setdefault(name, []).append(_("Choose one of this region's own entries."))
    if survey.opens_on and survey.closes_on and survey.closes_on < survey.opens_on:
        errors["closes_on"] = [_("A survey closes on or after the day it opens.")]
    if errors:
        raise ApplicationError(_("Please correct the survey."), fields=errors)


@transaction.atomic
def survey_create(*, actor, region, **fields) -> Survey:
    ensure_allowed(actor, "surveys.manage", region)
    survey = Survey(region=region, created_by=actor, **{k: v for k, v in fields.items() if k in EDITABLE})
    _validate(survey)
    survey.save()
    record_event(actor=actor, action="survey.create", obj=survey, after=snapshot(survey))
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, **fields) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    ensure_allowed(actor, "surveys.manage", survey)
    before = snapshot(survey)
    if "kind" in fields and fields["kind"] != survey.kind and survey.responses.exists():
        raise ApplicationError(
            _("The kind of a survey cannot change once it has responses."),
            fields={"kind": [_("The survey already has responses.")]},
        )
    for key, value in fields.items():
        if key in EDITABLE:
            setattr(survey, key, value)
    _validate(survey)
    survey.save()
    record_event(actor=actor, action="survey.update", obj=survey, before=before, after=snapshot(survey))
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    ensure_allowed(actor, "surveys.manage", survey)
    if survey.closed_at is not None:
        raise ApplicationError(_("The survey is already closed."))
    before = snapshot(survey)
    survey.closed_at = timezone.now()
    survey.save(update_fields=["closed_at", "updated_at"])
    record_event(actor=actor, action="survey.close", obj=survey, before=before, after=snapshot(survey))
    return survey


def respondent_key(*, survey: Survey, user=None, session_key: str = "") -> str:
    """A keyed hash of the logged-in user (else the browser session) for this survey: it lets us refuse a
    second answer without storing who answered."""
    if user is not None and user.is_authenticated:
        who = f"user:{user.pk}"
    elif session_key:
        who = f"session:{session_key}"
    else:
        raise ApplicationError(_("Your browser must accept cookies to answer the survey."))
    message = f"survey:{survey.pk}:{who}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def survey_has_answered(*, survey: Survey, user=None, session_key: str = "") -> bool:
    try:
        key = respondent_key(survey=survey, user=user, session_key=session_key)
    except ApplicationError:
        return False
    return SurveyResponse.objects.filter(survey=survey, respondent_key=key).exists()


def response_submit(
    *,
    survey: Survey,
    answers: dict,
    user=None,
    session_key: str = "",
    today: datetime.date | None = None,
    submitted_at: datetime.datetime | None = None,
) -> SurveyResponse:
    """Store one anonymous answer sheet. SKM: all nine elements rated 1–4; impact: the impact rating 1–4.

    `submitted_at` is for loading illustrative or paper responses with their real date (demo, imports).
    Not audited per response (anonymous and numerous); the survey's own changes are. Anyone may answer
    (anonymous included) while the survey is open and its region active.
    """
    ensure_region_active(survey.region)
    if not survey.is_open(today):
        raise ApplicationError(_("This survey is not open for answers."))
    key = respondent_key(survey=survey, user=user, session_key=session_key)
    keys = ELEMENT_KEYS if survey.kind == Survey.Kind.SKM else ("impact",)
    errors: dict[str, list[str]] = {}
    values: dict = {}
    for name in keys:
        value = answers.get(name)
        try:
            value = int(value)
        except (TypeError, ValueError):
            value = None
        if value not in (1, 2, 3, 4):
            errors[name] = [_("Choose one of the four answers.")]
        values[name] = value
    suggestion = (answers.get("suggestion") or "").strip()
    if len(suggestion) > 2000:
        errors["suggestion"] = [_("At most 2,000 characters.")]
    for name in DEMOGRAPHICS:
        value = answers.get(name) or ""
        choices = {c for c, _label in SurveyResponse._meta.get_field(name).choices}
        if value and value not in choices:
            errors[name] = [_("Choose one of the listed answers.")]
        values[name] = value
    if errors:
        raise ApplicationError(_("Please answer every question."), fields=errors)
    response = SurveyResponse(region_id=survey.region_id, survey=survey, respondent_key=key, suggestion=suggestion)
    for name, value in values.items():
        setattr(response, name, value)
    try:
        with transaction.atomic():
            response.save()
            if submitted_at is not None:
                SurveyResponse.objects.filter(pk=response.pk).update(created_at=submitted_at)
                response.created_at = submitted_at
    except IntegrityError:
        raise ApplicationError(_("You have already answered this survey. Thank you!")) from None
    # the survey list's counts and the results change; the region's other pages do not
    invalidate_public_pages(survey.region.slug, sections=(SURVEY_RESULTS,))
    return response
