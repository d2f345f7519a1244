"""The idea services check the actor's permission themselves: a non-member cannot take part, only moderators
moderate, and a refused call changes nothing."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.ideas import services
from kotacerdas.ideas.models import Idea, IdeaComment, IdeaSupport
from tests.refusals import assert_refused

pytestmark = pytest.mark.django_db


def _moderation(idea, comment):
    return {
        "status": lambda a: services.idea_set_status(actor=a, idea=idea, status="under_review"),
        "hide": lambda a: services.idea_hide(actor=a, idea=idea, reason="Spam"),
        "unhide": lambda a: services.idea_unhide(actor=a, idea=idea),
        "hide_comment": lambda a: services.comment_hide(actor=a, comment=comment, reason="Spam"),
        "unhide_comment": lambda a: services.comment_unhide(actor=a, comment=comment),
        "dismiss": lambda a: services.flags_dismiss(actor=a, idea=idea),
        "link": lambda a: services.idea_link_programme(actor=a, idea=idea, programme=None),
        "official": lambda a: services.comment_create(actor=a, idea=idea, body="Resmi", official=True),
    }


def _state():
    return (
        list(Idea.objects.values_list("status", "is_hidden")),
        list(IdeaComment.objects.values_list("body", "hidden_at")),
        IdeaSupport.objects.count(),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize("who", ["citizen", "dewan", "agency_officer", "other_admin", None])
def test_only_moderators_moderate(world, idea, who):
    comment = services.comment_create(actor=world["users"]["citizen"], idea=idea, body="Setuju")
    actor = world["users"][who] if who else None
    before = _state()
    for name, call in _moderation(idea, comment).items():
        assert_refused(call, actor, label=name)
    assert _state() == before


@pytest.mark.parametrize("who", ["other_admin", "other_officer", "evaluator", None])
def test_someone_outside_the_region_cannot_take_part(world, idea, who):
    actor = world["users"][who] if who else None
    before = _state()
    assert_refused(lambda: services.idea_support(actor=actor, idea=idea))
    assert_refused(lambda: services.idea_unsupport(actor=actor, idea=idea))
    assert_refused(lambda: services.comment_create(actor=actor, idea=idea, body="Halo"))
    assert_refused(
        lambda: services.idea_create(
            actor=actor, region=world["home"], title="Taman kota", description="Taman", dimension=None
        )
    )
    assert _state() == before


def test_anonymous_cannot_flag(world, idea):
    assert_refused(lambda: services.flag_create(actor=None, idea=idea, reason="Iklan"))
