import re

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
