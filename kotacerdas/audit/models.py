from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One change: who did what to which object, and the fields before and after.

    Rows are only ever inserted. `region` is null for changes outside any region (a national framework), and
    becomes null when the region itself is deleted: the trail outlives it, named by `region_code`/`region_name`.
    """

    region = models.ForeignKey(
        "regions.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    region_code = models.CharField(_("region code"), max_length=20, blank=True)
    region_name = models.CharField(_("region name"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (name at the time)"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("object type"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"], name="audit_object_idx"),
            # The tenant first, then time: a region's trail newest first, and "has this region changed anything
            # since …" for every region at once (the national portfolio's quiet regions) as one probe per region.
            models.Index(fields=["region", "-created_at"], name="audit_region_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for the fields that differ."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
