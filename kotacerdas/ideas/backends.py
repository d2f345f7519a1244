"""Log in with the e-mail or phone number in any spelling citizens use (`0812-3456-7890` for the stored
`+6281234567890`). Enable by putting `kotacerdas.ideas.backends.IdentifierBackend` before Django's
ModelBackend in AUTHENTICATION_BACKENDS (settings are the lead's; see docs/ideas.md)."""

from django.contrib.auth.backends import ModelBackend

from kotacerdas.common.exceptions import ApplicationError

from .signup import normalise_identifier


class IdentifierBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username:
            return None
        try:
            normalised = normalise_identifier(username)
        except ApplicationError:
            return None  # not an e-mail or phone: an ordinary username, left to ModelBackend
        if normalised == username:
            return None
        return super().authenticate(request, username=normalised, password=password, **kwargs)
