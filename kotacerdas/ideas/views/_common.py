"""What the public and the moderation idea pages share: the idea of the URL's region, else 404."""

from django.http import Http404

from .. import selectors
from ..models import Idea


def _idea(region, pk) -> Idea:
    try:
        return selectors.idea_detail(region=region, pk=pk)
    except Idea.DoesNotExist:
        raise Http404 from None
