"""Report pages. Public under /r/<region>/aduan/ (list and map, submit, report page, tracking, statistics);
staff under /r/<region>/staf/aduan/ (handling, categories and routing, settings, Open311 keys).

Split by audience: `public`, `staff` (handling reports), `configure` (the region admin's settings pages).
"""

from .configure import api_key_revoke, api_keys, categories, category_edit, holidays, route_set, settings_page
from .public import (
    DEFAULT_TILE_URL,
    map_config,
    report_detail,
    report_list,
    report_new,
    report_similar,
    stats,
    track,
    track_code,
)
from .staff import staff_detail, staff_list

__all__ = [
    "DEFAULT_TILE_URL",
    "api_key_revoke",
    "api_keys",
    "categories",
    "category_edit",
    "holidays",
    "map_config",
    "report_detail",
    "report_list",
    "report_new",
    "report_similar",
    "route_set",
    "settings_page",
    "staff_detail",
    "staff_list",
    "stats",
    "track",
    "track_code",
]
