"""Writes to citizen ideas. Each function is one transaction, takes the acting user, validates, writes the
audit row (status changes, links, moderation) and schedules the author's notification on commit."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.audit.services import record_event, snapshot
from kotacerdas.common.cache import invalidate_public_pages
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.permissions import ensure_allowed

from . import notifications
from .models import COMMENT_MAX, DESCRIPTION_MAX, TITLE_MAX, Idea, IdeaComment, IdeaFlag, IdeaSupport

# Which status may follow which. A rejected idea may be reopened for review.
TRANSITIONS = {
    Idea.Status.NEW: {Idea.Status.UNDER_REVIEW, Idea.Status.ACCEPTED, Idea.Status.REJECTED},
    Idea.Status.UNDER_REVIEW: {Idea.Status.ACCEPTED, Idea.Status.REJECTED},
    Idea.Status.ACCEPTED: {Idea.Status.ADOPTED, Idea.Status.UNDER_REVIEW, Idea.Status.REJECTED},
    Idea.Status.ADOPTED: {Idea.Status.ACCEPTED},
    Idea.Status.REJECTED: {Idea.Status.UNDER_REVIEW},
}
REASON_MAX = 300


def _text(value: str | None, *, field: str, label, maximum: int, minimum: int = 1) -> str:
    """Stripped text within its bounds, else an ApplicationError whose `fields` names the field."""
    value = (value or "").replace("\x00", "").strip()
    if not value:
        message = _("%(label)s is required.") % {"label": label}
    elif len(value) < minimum:
        message = _("%(label)s needs at least %(min)s characters.") % {"label": label, "min": minimum}
    elif len(value) > maximum:
        message = _("At most %(max)s characters (you wrote %(n)s).") % {"max": maximum, "n": len(value)}
    else:
        return value
    raise ApplicationError(message, fields={field: [message]})


def _notify_author(idea: Idea, event: str, key: str) -> None:
    if idea.author_id:
        transaction.on_commit(lambda: notifications.notify_idea_author(idea_id=idea.pk, event=event, key=key))


@transaction.atomic
def idea_create(*, actor, region, title: str, description: str, dimension, photo=None) -> Idea:
    """A new idea by a member of the region. `photo` must already be re-encoded (common.uploads)."""
    ensure_allowed(actor, "ideas.participate", region)
    errors: dict[str, list[str]] = {}
    checks = (
        ("title", title, _("Title"), TITLE_MAX, 5),
        ("description", description, _("Description"), DESCRIPTION_MAX, 20),
    )
    clean = {}
    for field, value, label, maximum, minimum in checks:
        try:
            clean[field] = _text(value, field=field, label=label, maximum=maximum, minimum=minimum)
        except ApplicationError as exc:
            errors.update(exc.fields)
    if dimension is None or dimension.region_id != region.pk:
        errors["dimension"] = [_("Choose one of this region's dimensions.")]
    if errors:
        raise ApplicationError(_("Please correct the idea."), fields=errors)
    title, description = clean["title"], clean["description"]
    idea = Idea(region=region, title=title, description=description, dimension=dimension, author=actor)
    if photo:
        idea.photo = photo
    idea.save()
    record_event(actor=actor, action="idea.create", obj=idea, after=snapshot(idea))
    return idea


def idea_support(*, actor, idea: Idea) -> bool:
    """Support the idea once. Returns False (and changes nothing) when the person already supports it."""
    ensure_allowed(actor, "ideas.participate", idea)
    if idea.is_hidden:
        raise ApplicationError(_("This idea was hidden by a moderator."))
    try:
        with transaction.atomic():
            IdeaSupport.objects.create(region_id=idea.region_id, idea=idea, user=actor)
            Idea.objects.filter(pk=idea.pk).update(support_count=F("support_count") + 1)
            # Not audited (a citizen's own public act), but the public pages show the count.
            invalidate_public_pages(idea.region.slug, source="ideas.Idea")
    except IntegrityError:
        return False
    return True


@transaction.atomic
def idea_unsupport(*, actor, idea: Idea) -> bool:
    ensure_allowed(actor, "ideas.participate", idea)
    deleted, _detail = IdeaSupport.objects.filter(idea=idea, user=actor).delete()
    if deleted:
        Idea.objects.filter(pk=idea.pk, support_count__gt=0).update(support_count=F("support_count") - 1)
        invalidate_public_pages(idea.region.slug, source="ideas.Idea")
    return bool(deleted)


@transaction.atomic
def comment_create(
    *, actor, idea: Idea, body: str, parent: IdeaComment | None = None, official: bool = False
) -> IdeaComment:
    """A comment or a reply (replies are one level deep). `official` only for moderators (checked here
    like the caller's rule); an official reply notifies the idea's author."""
    ensure_allowed(actor, "ideas.moderate" if official else "ideas.participate", idea)
    if idea.is_hidden:
        raise ApplicationError(_("This idea was hidden by a moderator."))
    body = _text(body, field="body", label=_("Comment"), maximum=COMMENT_MAX)
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise ApplicationError(_("That comment belongs to another idea."))
        if parent.parent_id is not None:
            parent = parent.parent  # replies stay one level deep: answer the thread
        if parent.is_hidden:
            raise ApplicationError(_("You cannot reply to a hidden comment."))
    comment = IdeaComment.objects.create(
        region_id=idea.region_id, idea=idea, parent=parent, author=actor, body=body, is_official=official
    )
    Idea.objects.filter(pk=idea.pk).update(comment_count=F("comment_count") + 1)
    invalidate_public_pages(idea.region.slug, source="ideas.Idea")
    if official:
        record_event(actor=actor, action="idea.official_reply", obj=comment, after=snapshot(comment))
        if idea.author_id != actor.pk:
            _notify_author(idea, "official_reply", f"idea:{idea.pk}:reply:{comment.pk}")
    return comment


def flag_create(*, actor, idea: Idea, comment: IdeaComment | None = None, reason: str = "") -> bool:
    """Report an idea or a comment to the moderators. Once per person and item; False when repeated. Only
    members of the idea's region (and superusers) may (`ideas.flag`)."""
    ensure_allowed(actor, "ideas.flag", idea)
    if comment is not None and comment.idea_id != idea.pk:
        raise ApplicationError(_("That comment belongs to another idea."))
    reason = (reason or "").strip()[:REASON_MAX]
    try:
        with transaction.atomic():
            IdeaFlag.objects.create(region_id=idea.region_id, idea=idea, comment=comment, user=actor, reason=reason)
            target = IdeaComment.objects.filter(pk=comment.pk) if comment else Idea.objects.filter(pk=idea.pk)
            target.update(flag_count=F("flag_count") + 1)
            record_event(
                actor=actor, action="idea.flag", obj=comment or idea, after={"reason": reason, "comment": bool(comment)}
            )
    except IntegrityError:
        return False
    return True


def _reason(reason: str, *, field: str = "reason") -> str:
    return _text(reason, field=field, label=_("Reason"), maximum=REASON_MAX)


@transaction.atomic
def comment_hide(*, actor, comment: IdeaComment, reason: str) -> IdeaComment:
    """Hide a comment; the page then shows 'hidden by moderator: <reason>'. Open flags on it are handled."""
    ensure_allowed(actor, "ideas.moderate", comment)
    reason = _reason(reason)
    comment = IdeaComment.objects.select_for_update().get(pk=comment.pk)
    before = snapshot(comment, ["is_hidden", "hidden_reason"])
    comment.is_hidden, comment.hidden_reason = True, reason
    comment.hidden_by, comment.hidden_at = actor, timezone.now()
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at", "updated_at"])
    IdeaFlag.objects.filter(comment=comment, resolved=False).update(resolved=True)
    record_event(
        actor=actor, action="idea.comment_hide", obj=comment, before=before, after=snapshot(comment, list(before))
    )
    return comment


@transaction.atomic
def comment_unhide(*, actor, comment: IdeaComment) -> IdeaComment:
    ensure_allowed(actor, "ideas.moderate", comment)
    comment = IdeaComment.objects.select_for_update().get(pk=comment.pk)
    before = snapshot(comment, ["is_hidden", "hidden_reason"])
    comment.is_hidden, comment.hidden_reason, comment.hidden_by, comment.hidden_at = False, "", None, None
    comment.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at", "updated_at"])
    record_event(
        actor=actor, action="idea.comment_unhide", obj=comment, before=before, after=snapshot(comment, list(before))
    )
    return comment


@transaction.atomic
def idea_hide(*, actor, idea: Idea, reason: str) -> Idea:
    ensure_allowed(actor, "ideas.moderate", idea)
    reason = _reason(reason)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    before = snapshot(idea, ["is_hidden", "hidden_reason"])
    idea.is_hidden, idea.hidden_reason = True, reason
    idea.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    IdeaFlag.objects.filter(idea=idea, comment__isnull=True, resolved=False).update(resolved=True)
    record_event(actor=actor, action="idea.hide", obj=idea, before=before, after=snapshot(idea, list(before)))
    return idea


@transaction.atomic
def idea_unhide(*, actor, idea: Idea) -> Idea:
    ensure_allowed(actor, "ideas.moderate", idea)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    before = snapshot(idea, ["is_hidden", "hidden_reason"])
    idea.is_hidden, idea.hidden_reason = False, ""
    idea.save(update_fields=["is_hidden", "hidden_reason", "updated_at"])
    record_event(actor=actor, action="idea.unhide", obj=idea, before=before, after=snapshot(idea, list(before)))
    return idea


@transaction.atomic
def flags_dismiss(*, actor, idea: Idea, comment: IdeaComment | None = None) -> int:
    """Mark the open flags of an idea (or one of its comments) as handled without hiding anything."""
    ensure_allowed(actor, "ideas.moderate", idea)
    qs = IdeaFlag.objects.filter(idea=idea, resolved=False)
    qs = qs.filter(comment=comment) if comment else qs.filter(comment__isnull=True)
    count = qs.update(resolved=True)
    if count:
        record_event(actor=actor, action="idea.flags_dismiss", obj=comment or idea, after={"dismissed": count})
    return count


@transaction.atomic
def idea_set_status(*, actor, idea: Idea, status: str, reason: str = "") -> Idea:
    """Move the idea along new → under review → accepted → adopted, or reject it with a reason."""
    ensure_allowed(actor, "ideas.moderate", idea)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if status not in Idea.Status.values:
        raise ApplicationError(_("Unknown status."), fields={"status": [_("Unknown status.")]})
    if status == idea.status:
        raise ApplicationError(_("The idea already has that status."), fields={"status": [_("No change.")]})
    if status not in TRANSITIONS[idea.status]:
        message = _("An idea that is %(from)s cannot become %(to)s.") % {
            "from": idea.get_status_display().lower(),
            "to": Idea.Status(status).label.lower(),
        }
        raise ApplicationError(message, fields={"status": [message]})
    reason = (reason or "").strip()
    if status == Idea.Status.REJECTED:
        reason = _text(reason, field="reason", label=_("Reason"), maximum=COMMENT_MAX)
    elif len(reason) > COMMENT_MAX:
        raise ApplicationError(_("The reason is too long."), fields={"reason": [_("The reason is too long.")]})
    before = snapshot(idea, ["status", "status_reason"])
    idea.status, idea.status_reason, idea.status_changed_at = status, reason, timezone.now()
    idea.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    record_event(actor=actor, action="idea.status", obj=idea, before=before, after=snapshot(idea, list(before)))
    _notify_author(idea, "status", f"idea:{idea.pk}:status:{status}:{int(idea.status_changed_at.timestamp())}")
    return idea


@transaction.atomic
def idea_link_programme(*, actor, idea: Idea, programme) -> Idea:
    """Record the programme or quick win the idea became; the idea is then adopted. `None` removes the link."""
    ensure_allowed(actor, "ideas.moderate", idea)
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    if programme is not None and programme.region_id != idea.region_id:
        raise ApplicationError(
            _("Choose one of this region's programmes."),
            fields={"programme": [_("Choose one of this region's programmes.")]},
        )
    if programme is not None and idea.status == Idea.Status.REJECTED:
        raise ApplicationError(_("A rejected idea cannot be linked; reopen it first."))
    if programme is None and idea.programme_id is None:
        raise ApplicationError(_("The idea is not linked to a programme."))
    if programme is not None and idea.programme_id == programme.pk:
        raise ApplicationError(_("The idea is already linked to that programme."))
    before = snapshot(idea, ["programme", "status"])
    idea.programme = programme
    idea.linked_at = timezone.now() if programme else None
    fields = ["programme", "linked_at", "updated_at"]
    if programme is not None and idea.status != Idea.Status.ADOPTED:
        idea.status, idea.status_changed_at = Idea.Status.ADOPTED, timezone.now()
        fields += ["status", "status_changed_at"]
    idea.save(update_fields=fields)
    record_event(actor=actor, action="idea.link", obj=idea, before=before, after=snapshot(idea, list(before)))
    if programme is not None:
        _notify_author(idea, "linked", f"idea:{idea.pk}:linked:{programme.pk}")
    return idea
