"""Shared plumbing of the JSON API (/api/v1/): paging with a ceiling and the permission every public read names.

DRF's default permission is deny-by-default (`IsAuthenticated`, config/settings/base.py): an endpoint is
public only when it says so with `permission_classes = [PublicRead]`.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50
# Far beyond any real list, well inside a 64-bit OFFSET: a larger ?offset= reads as this and gives an empty page.
MAX_OFFSET = 2**31


class Pagination(LimitOffsetPagination):
    """`?limit=` (1–200, default 50; a larger limit is served as 200) and `?offset=`."""

    default_limit = DEFAULT_PAGE_SIZE
    max_limit = MAX_PAGE_SIZE

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
                parameter["description"] = str(
                    _("Number of results to return per page (at most %(max)d).") % {"max": MAX_PAGE_SIZE}
                )
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"].update(minimum=0)
        return parameters


class PublicRead(BasePermission):
    """Anyone may read (GET, HEAD, OPTIONS); the view itself decides what each caller sees."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


def caller_shapes_any_of(result, generator, request, public):
    """drf-spectacular postprocessing hook: a response whose shape depends on the caller (components named
    `…ForCaller`, the public fields or the staff's superset) is `anyOf`, since a staff answer matches both."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("ForCaller") and "oneOf" in component:
            component["anyOf"] = component.pop("oneOf")
    return result


class OptionalUrlField(serializers.URLField):
    """A link a row may not have (a model `URLField(blank=True)`), served read-only as null rather than "":
    an empty string is not a `uri`, so the schema says `format: uri, nullable: true` and means it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value or None
