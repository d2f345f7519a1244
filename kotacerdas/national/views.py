"""The installation's home: the public national page (every region, its stage, index and reporting)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from kotacerdas.common.cache import national_page

from . import coordinates, selectors


def _cohort(raw: str) -> int | None:
    """The cohort filter: a year, or None when empty or not a year (an unknown value filters nothing out)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


@require_GET
@national_page
def home(request):
    province = (request.GET.get("provinsi") or "").strip()[:120]
    cohort = _cohort(request.GET.get("angkatan", ""))
    overview = selectors.national_overview(province=province, cohort=cohort)
    return render(
        request,
        "national/home.html",
        {
            "overview": overview,
            "province": province,
            "cohort": cohort,
            "map_width": coordinates.WIDTH,
            "map_height": coordinates.HEIGHT,
        },
    )
