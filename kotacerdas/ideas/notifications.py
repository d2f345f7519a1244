"""Notices to an idea's author (in-app and e-mailed by monitoring's background task) when its status changes,
when it is linked to a programme, and when staff reply officially. One notice per event key."""

from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.common.notify import notify

from .models import Idea


def notify_idea_author(*, idea_id: int, event: str, key: str) -> int:
    idea = Idea.objects.select_related("region", "author", "programme").filter(pk=idea_id).first()
    if idea is None or idea.author is None:
        return 0

    def message() -> str:
        if event == "status":
            return _('Your idea "%(title)s" is now: %(status)s.') % {
                "title": idea.title[:80],
                "status": idea.get_status_display().lower(),
            }
        if event == "linked":
            return _('Your idea "%(title)s" became %(programme)s.') % {
                "title": idea.title[:80],
                "programme": f"{idea.programme.code} {idea.programme.title}" if idea.programme else "",
            }
        return _('Staff replied officially to your idea "%(title)s".') % {"title": idea.title[:80]}

    url = reverse("ideas:detail", kwargs={"region_slug": idea.region.slug, "pk": idea.pk})
    return notify(region_id=idea.region_id, users=[idea.author], key=key[:120], message=message, url=url)
