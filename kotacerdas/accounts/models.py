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
