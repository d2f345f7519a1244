"""Idea services: validation, one support per person, one level of replies, moderation, statuses, links,
audit rows and the author's notifications."""

import pytest
from django.core import mail

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.models import Notification
from kotacerdas.ideas import services
from kotacerdas.ideas.models import Idea, IdeaComment, IdeaSupport


def test_create_refuses_empty_and_oversized_text_and_foreign_dimension(world):
    region, citizen = world["home"], world["users"]["citizen"]
    with pytest.raises(ApplicationError) as exc:
        services.idea_create(
            actor=citizen, region=region, title="  ", description="x" * 5001, dimension=world["other_dims"]["living"]
        )
    assert set(exc.value.fields) == {"title", "description", "dimension"}
    assert Idea.objects.count() == 0


def test_support_once_and_withdraw(world, idea):
    tp = world["users"]["tim_pelaksana"]
    assert services.idea_support(actor=tp, idea=idea) is True
    assert services.idea_support(actor=tp, idea=idea) is False
    idea.refresh_from_db()
    assert idea.support_count == 1 and IdeaSupport.objects.count() == 1
    assert services.idea_unsupport(actor=tp, idea=idea) is True
    assert services.idea_unsupport(actor=tp, idea=idea) is False
    idea.refresh_from_db()
    assert idea.support_count == 0


def test_replies_stay_one_level(world, idea):
    top = services.comment_create(actor=world["users"]["dewan"], idea=idea, body="Setuju")
    reply = services.comment_create(actor=world["users"]["partner"], idea=idea, body="Saya juga", parent=top)
    deeper = services.comment_create(actor=world["users"]["citizen"], idea=idea, body="Terima kasih", parent=reply)
    assert reply.parent_id == top.pk and deeper.parent_id == top.pk
    idea.refresh_from_db()
    assert idea.comment_count == 3


def test_hide_needs_reason_and_is_audited(world, idea):
    comment = services.comment_create(actor=world["users"]["partner"], idea=idea, body="spam spam")
    admin = world["users"]["region_admin"]
    with pytest.raises(ApplicationError):
        services.comment_hide(actor=admin, comment=comment, reason=" ")
    services.flag_create(actor=world["users"]["citizen"], idea=idea, comment=comment, reason="spam")
    assert services.flag_create(actor=world["users"]["citizen"], idea=idea, comment=comment) is False
    services.comment_hide(actor=admin, comment=comment, reason="Iklan")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Iklan"
    assert comment.flags.filter(resolved=False).count() == 0
    event = AuditEvent.objects.get(action="idea.comment_hide")
    assert event.before["is_hidden"] is False and event.after["hidden_reason"] == "Iklan"


def test_status_flow_and_rejection_reason(world, idea, django_capture_on_commit_callbacks):
    tp = world["users"]["tim_pelaksana"]
    with pytest.raises(ApplicationError):
        services.idea_set_status(actor=tp, idea=idea, status="adopted")  # new → adopted skips steps
    with pytest.raises(ApplicationError) as exc:
        services.idea_set_status(actor=tp, idea=idea, status="rejected")
    assert "reason" in exc.value.fields
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=tp, idea=idea, status="under_review")
    idea.refresh_from_db()
    assert idea.status == "under_review"
    note = Notification.objects.get(user=world["users"]["citizen"])
    assert f"/gagasan/{idea.pk}/" in note.url
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=tp, idea=idea, status="rejected", reason="Sudah ada program serupa")
    assert AuditEvent.objects.filter(action="idea.status").count() == 2
    assert Notification.objects.filter(user=world["users"]["citizen"]).count() == 2


def test_link_adopts_notifies_and_refuses_other_region(world, idea, django_capture_on_commit_callbacks):
    admin = world["users"]["region_admin"]
    with pytest.raises(ApplicationError):
        services.idea_link_programme(actor=admin, idea=idea, programme=world["other_programme"])
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_link_programme(actor=admin, idea=idea, programme=world["home_programme"])
    idea.refresh_from_db()
    assert idea.programme == world["home_programme"] and idea.status == Idea.Status.ADOPTED
    assert AuditEvent.objects.filter(action="idea.link").exists()
    assert Notification.objects.filter(user=world["users"]["citizen"], key__contains="linked").exists()


def test_official_reply_notifies_author(world, idea, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(actor=world["users"]["tim_pelaksana"], idea=idea, body="Kami kaji.", official=True)
    assert Notification.objects.filter(user=world["users"]["citizen"], key__contains="reply").count() == 1
    assert AuditEvent.objects.filter(action="idea.official_reply").exists()


def test_no_comment_on_hidden_idea(world, idea):
    services.idea_hide(actor=world["users"]["region_admin"], idea=idea, reason="Di luar topik")
    idea.refresh_from_db()
    with pytest.raises(ApplicationError):
        services.comment_create(actor=world["users"]["partner"], idea=idea, body="halo")
    assert IdeaComment.objects.count() == 0


def test_bench_data_generates_ideas(world):
    from kotacerdas.ideas.bench_data import generate_ideas

    assert generate_ideas(world["home"], 1200, batch_size=500) == 1200
    assert Idea.objects.filter(region=world["home"]).count() == 1200
    assert Idea.objects.filter(status="rejected").exclude(status_reason="").exists()
