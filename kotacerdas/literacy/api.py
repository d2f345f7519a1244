"""Literacy API: activities with attendance (counts only, no names: public) and the totals per year and
district. Another region's objects answer 404."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.common.api import PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors
from .models import Activity


class ActivitySerializer(serializers.ModelSerializer):
    organiser = serializers.CharField(source="organiser.acronym")
    partner = serializers.CharField(source="partner.name", allow_null=True, default=None)
    district = serializers.CharField(source="district.name", allow_null=True, default=None)
    district_code = serializers.CharField(source="district.code", allow_null=True, default=None)

    class Meta:
        model = Activity
        fields = [
            "id",
            "title",
            "title_en",
            "kind",
            "audience",
            "date",
            "organiser",
            "partner",
            "district",
            "district_code",
            "venue",
            "total",
            "male",
            "female",
            "civil_servants",
            "students",
            "teachers",
            "msme_owners",
            "village_officials",
            "general_public",
            "with_disabilities",
            "pre_test_mean",
            "post_test_mean",
            "satisfaction",
        ]


class ActivityList(RegionScopedMixin, generics.ListAPIView):
    """Activities of the region; `?year=` and `?kind=` filter."""

    permission_classes = [PublicRead]
    serializer_class = ActivitySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Activity.objects.none()
        year = self.request.query_params.get("year", "")
        kind = self.request.query_params.get("kind", "")
        return selectors.activity_list(
            region=self.get_region(),
            year=int(year) if year.isdigit() else None,
            kind=kind if kind in Activity.Kind.values else "",
        )


class SummarySerializer(serializers.Serializer):
    activities = serializers.IntegerField()
    participants = serializers.IntegerField()
    by_year = serializers.ListField(child=serializers.DictField())
    by_district = serializers.ListField(child=serializers.DictField())


class LiteracySummary(RegionScopedMixin, APIView):
    permission_classes = [PublicRead]

    @extend_schema(responses=SummarySerializer)
    def get(self, request, region_slug):
        data = selectors.summary(region=self.get_region())
        return Response(
            SummarySerializer(
                {
                    "activities": data["overall"]["activities"],
                    "participants": data["overall"]["total"],
                    "by_year": data["by_year"],
                    "by_district": [
                        {k: d[k] for k in ("name", "activities", "people", "lat", "lng")} for d in data["districts"]
                    ],
                }
            ).data
        )
