"""Innovation API: innovations (the public sees those at trial or applied, with public evidence only; the
region's staff see all) and the staff-only overview with the self-estimated index.

Another region's objects answer 404; a missing rule answers 403 (anonymous callers too).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.common.api import OptionalUrlField, PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors
from .models import Innovation, InnovationEvidence, Replication


class ReplicationSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="display_name")
    region_slug = serializers.SlugRelatedField(source="other_region", slug_field="slug", read_only=True)

    class Meta:
        model = Replication
        fields = ["region", "region_slug", "year", "note"]


class InnovationEvidenceSerializer(serializers.ModelSerializer):
    url = OptionalUrlField()

    class Meta:
        model = InnovationEvidence
        fields = ["id", "stage", "kind", "caption", "url", "is_public", "created_at"]


class InnovationSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.acronym")
    dimension = serializers.SlugRelatedField(slug_field="key", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    criteria_met = serializers.IntegerField(read_only=True)

    class Meta:
        model = Innovation
        fields = [
            "id",
            "title",
            "title_en",
            "description",
            "initiator_type",
            "form",
            "agency",
            "dimension",
            "programme",
            "stage",
            "proposed_on",
            "decided_on",
            "trial_on",
            "applied_on",
            "criteria_met",
        ]


class InnovationDetailSerializer(InnovationSerializer):
    criteria = serializers.SerializerMethodField()
    evidence = InnovationEvidenceSerializer(many=True, read_only=True)
    replications = ReplicationSerializer(many=True, read_only=True)

    class Meta(InnovationSerializer.Meta):
        fields = [*InnovationSerializer.Meta.fields, "criteria", "evidence", "replications"]

    def get_criteria(self, obj) -> list[dict]:
        return [
            {"key": key, "met": getattr(obj, key), "justification": getattr(obj, key + "_note")}
            for key, _label in Innovation.CRITERIA
        ]


def _is_staff(request, region) -> bool:
    return request.user.has_perm("innovation.view_internal", region)


class InnovationList(RegionScopedMixin, generics.ListAPIView):
    """Innovations of the region; `?stage=` and `?dimension=` (key) filter."""

    permission_classes = [PublicRead]
    serializer_class = InnovationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Innovation.objects.none()
        region = self.get_region()
        stage = self.request.query_params.get("stage", "")
        return selectors.innovation_list(
            region=region,
            stage=stage if stage in Innovation.Stage.values else "",
            dimension_key=self.request.query_params.get("dimension", "")[:30],
            public_only=not _is_staff(self.request, region),
        )


class InnovationDetail(RegionScopedMixin, generics.RetrieveAPIView):
    permission_classes = [PublicRead]
    serializer_class = InnovationDetailSerializer

    def get_object(self):
        region = self.get_region()
        try:
            return selectors.innovation_detail(
                region=region, pk=self.kwargs["pk"], public_only=not _is_staff(self.request, region)
            )
        except Innovation.DoesNotExist:
            raise NotFound from None


class OverviewSerializer(serializers.Serializer):
    by_stage = serializers.DictField(child=serializers.IntegerField())
    by_dimension = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
    total = serializers.IntegerField()
    index_estimate = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    predicate = serializers.CharField()
    note = serializers.CharField()


class InnovationOverview(RegionScopedMixin, APIView):
    """Counts by stage and dimension and the self-estimated index (staff and national evaluators)."""

    @extend_schema(responses=OverviewSerializer)
    def get(self, request, region_slug):
        region = self.get_region()
        if not _is_staff(request, region):
            raise PermissionDenied
        data = selectors.overview(region=region)
        return Response(
            OverviewSerializer(
                {
                    "by_stage": dict(data.totals),
                    "by_dimension": {key: dict(per_stage) for key, _n, per_stage, _t in data.rows},
                    "total": data.total,
                    "index_estimate": data.score,
                    "predicate": data.predicate[0],
                    "note": "Self-estimate computed by Kota Cerdas, not the official Indeks Inovasi Daerah.",
                }
            ).data
        )
