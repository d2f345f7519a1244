from django.urls import path

from . import api

urlpatterns = [
    path("regions/", api.RegionList.as_view(), name="region-list"),
    path("regions/<slug:region_slug>/", api.RegionDetail.as_view(), name="region-detail"),
    path("regions/<slug:region_slug>/dimensions/", api.DimensionList.as_view(), name="dimension-list"),
    path("regions/<slug:region_slug>/programmes/", api.ProgrammeList.as_view(), name="programme-list"),
    path("regions/<slug:region_slug>/programmes/<str:code>/", api.ProgrammeDetail.as_view(), name="programme-detail"),
    path("regions/<slug:region_slug>/indicators/", api.IndicatorList.as_view(), name="indicator-list"),
]
