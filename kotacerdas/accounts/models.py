from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. What they may do in a region comes from `regions.Membership`.

    `is_national_evaluator` marks the ministry's Tim Ahli, who read every region.
    """

    is_national_evaluator = models.BooleanField(_("national evaluator (Tim Ahli)"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class ApiToken(models.Model):
    """A key an integration sends as `Authorization: Token <key>` (or `Bearer <key>`) to act as its user.

    Only the SHA-256 of the key is stored: the key is shown once, when it is made. A key is long and random,
    so a fast hash is enough (no password hasher); a revoked key stays for the record.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for, e.g. the dashboard's sync."))
    prefix = models.CharField(_("prefix"), max_length=12, help_text=_("The key's first characters, to recognise it."))
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user.get_username()} · {self.name} ({self.prefix}…)"
