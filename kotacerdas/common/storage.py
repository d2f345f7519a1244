"""Where private files live: evidence, signed agreements, workbooks, exports. Outside MEDIA_ROOT, served only
by views that check the rules.

`private_storage` is the callable every such FileField names (`storage=private_storage`), so migrations
record one stable reference. The storage reads `PRIVATE_MEDIA_ROOT` whenever it resolves a path, not once at
import, so a changed setting (a test's `settings` override, a restore into another folder) is honoured.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A FileSystemStorage rooted at the current `settings.PRIVATE_MEDIA_ROOT`."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage() -> PrivateStorage:
    return PrivateStorage(base_url=None)
