"""Read API for regions, dimensions, programmes and indicators.

Anonymous callers see adopted masterplans only; the region's staff and the Tim Ahli also see drafts.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound

from kotacerdas.common.api import PublicRead
from kotacerdas.regions.access import RegionScopedMixin
from kotacerdas.regions.models import Region
from kotacerdas.regions.serializers import AgencyRefSerializer

from .models import Dimension, Element, Indicator, Masterplan, Programme, Target
from .selectors import dimension_cards, masterplan_current_for_region, masterplan_public_for_region, programme_list


def _visible_masterplan(request, region: Region) -> Masterplan | None:
    if request.user.has_perm("regions.view_internal", region):
        return masterplan_current_for_region(region=region)
    return masterplan_public_for_region(region=region)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "kind", "name", "slug", "province", "slogan", "slogan_expansion", "is_demo"]


class ElementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Element
        fields = ["key", "name", "name_en"]


class DimensionSerializer(serializers.ModelSerializer):
    elements = ElementSerializer(many=True, read_only=True)
    coordinator = AgencyRefSerializer(read_only=True, allow_null=True)
    programme_count = serializers.IntegerField(read_only=True)
    quick_win_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Dimension
        fields = [
            "key",
            "name",
            "name_en",
            "description",
            "coordinator",
            "elements",
            "programme_count",
            "quick_win_count",
        ]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["year", "value"]


class IndicatorSerializer(serializers.ModelSerializer):
    targets = TargetSerializer(many=True, read_only=True)
    programme = serializers.CharField(source="programme.code", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "programme",
            "name",
            "name_en",
            "unit",
            "unit_en",
            "baseline_value",
            "baseline_year",
            "direction",
            "targets",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    dimension = serializers.CharField(source="dimension.key", read_only=True)
    element = serializers.CharField(source="element.key", read_only=True, allow_null=True)
    owner_agency = AgencyRefSerializer(read_only=True)

    class Meta:
        model = Programme
        fields = [
            "code",
            "title",
            "title_en",
            "dimension",
            "element",
            "owner_agency",
            "horizon",
            "start_year",
            "end_year",
            "budget_estimate",
            "funding_source",
            "is_quick_win",
            "quick_win_year",
        ]


class ProgrammeDetailSerializer(ProgrammeSerializer):
    supporting_agencies = AgencyRefSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta(ProgrammeSerializer.Meta):
        fields = [
            *ProgrammeSerializer.Meta.fields,
            "description",
            "description_en",
            "supporting_agencies",
            "indicators",
        ]


class RegionList(generics.ListAPIView):
    """Regions served by this installation."""

    permission_classes = [PublicRead]
    serializer_class = RegionSerializer
    queryset = Region.objects.filter(is_active=True)


class RegionDetail(generics.RetrieveAPIView):
    permission_classes = [PublicRead]
    serializer_class = RegionSerializer
    queryset = Region.objects.filter(is_active=True)
    lookup_field = "slug"
    lookup_url_kwarg = "region_slug"


class DimensionList(RegionScopedMixin, generics.ListAPIView):
    """The region's six dimensions with elements, coordinator and programme counts."""

    permission_classes = [PublicRead]
    serializer_class = DimensionSerializer
    pagination_class = None

    def get_queryset(self):
        region = self.get_region()
        return dimension_cards(region=region, masterplan=_visible_masterplan(self.request, region))


@extend_schema(
    parameters=[
        OpenApiParameter("dimension", str, description="dimension key, e.g. governance"),
        OpenApiParameter("quick_win", bool, description="only quick wins"),
    ]
)
class ProgrammeList(RegionScopedMixin, generics.ListAPIView):
    """Programmes of the region's masterplan (adopted for the public; the current one for its staff)."""

    permission_classes = [PublicRead]
    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        masterplan = _visible_masterplan(self.request, self.get_region())
        if masterplan is None:
            return Programme.objects.none()
        qs = programme_list(masterplan=masterplan)
        if dimension := self.request.query_params.get("dimension"):
            qs = qs.filter(dimension__key=dimension)
        if self.request.query_params.get("quick_win") in ("1", "true", "True"):
            qs = qs.filter(is_quick_win=True)
        return qs


class ProgrammeDetail(RegionScopedMixin, generics.RetrieveAPIView):
    permission_classes = [PublicRead]
    serializer_class = ProgrammeDetailSerializer
    lookup_field = "code"

    def get_queryset(self):
        masterplan = _visible_masterplan(self.request, self.get_region())
        if masterplan is None:
            raise NotFound
        return (
            Programme.objects.filter(masterplan=masterplan)
            .select_related("dimension", "element", "owner_agency")
            .prefetch_related("supporting_agencies", "indicators__targets", "indicators__programme")
        )


class IndicatorList(RegionScopedMixin, generics.ListAPIView):
    """Indicators of the visible masterplan with their yearly targets."""

    permission_classes = [PublicRead]
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        masterplan = _visible_masterplan(self.request, self.get_region())
        if masterplan is None:
            return Indicator.objects.none()
        return (
            Indicator.objects.filter(programme__masterplan=masterplan)
            .select_related("programme")
            .prefetch_related("targets")
            .order_by("programme__code", "order", "pk")
        )
