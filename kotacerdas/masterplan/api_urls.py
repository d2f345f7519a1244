from django.urls import path

from kotacerdas.common.cache import public_api

from . import api

# Region-scoped reads are cached whole for anonymous callers, like the public pages (ADR 0004).
urlpatterns = [
    path("regions/", api.RegionList.as_view(), name="region-list"),
    path("regions/<slug:region_slug>/", public_api(api.RegionDetail.as_view()), name="region-detail"),
    path("regions/<slug:region_slug>/dimensions/", public_api(api.DimensionList.as_view()), name="dimension-list"),
    path("regions/<slug:region_slug>/programmes/", public_api(api.ProgrammeList.as_view()), name="programme-list"),
    path(
        "regions/<slug:region_slug>/programmes/<str:code>/",
        public_api(api.ProgrammeDetail.as_view()),
        name="programme-detail",
    ),
    path("regions/<slug:region_slug>/indicators/", public_api(api.IndicatorList.as_view()), name="indicator-list"),
]
