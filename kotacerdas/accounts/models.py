import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

# A phone number as accounts.identifiers.normalise_identifier stores it: +62 and digits.
LOGIN_PHONE = re.compile(r"\+\d{9,15}")


class User(AbstractUser):
    """A person. What they may do in a region comes from `regions.Membership`.

    `is_national_evaluator` marks the ministry's Tim Ahli, who read every region.
    """

    is_national_evaluator = models.BooleanField(_("national evaluator (Tim Ahli)"), default=False)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails and notices this person receives."),
    )

    @property
    def display_label(self) -> str:
        """How staff pages name the person: the full name, else the username — unless the username is the
        e-mail or phone a citizen logs in with (ideas.signup), which other people never see."""
        name = self.get_full_name()
        if name:
            return name
        if "@" in self.username or LOGIN_PHONE.fullmatch(self.username):
            return _("Account no. %(id)s (no name given)") % {"id": self.pk}
        return self.username

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
