"""Invitations of a new region's first admin: a one-time, expiring link (only its SHA-256 is stored)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.common.models import RegionOwnedModel


class AdminInvitation(RegionOwnedModel):
    """The e-mail invitation of a region's first admin, sent when a national administrator starts the region."""

    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("region admin invitation")
        verbose_name_plural = _("region admin invitations")

    def __str__(self) -> str:
        return self.email
