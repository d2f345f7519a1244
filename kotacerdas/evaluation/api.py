"""Evaluation API: the region's published results (public open data), every version with its correction
reason. Scores per item and the assessors' comments are not part of it."""

from rest_framework import generics, serializers

from kotacerdas.common.api import PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from .models import Round
from .scoring import q2


class PublishedResultSerializer(serializers.ModelSerializer):
    index = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()
    smart_dimensions = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = [
            "year",
            "version",
            "index",
            "is_superseded",
            "correction_reason",
            "published_at",
            "dimensions",
            "smart_dimensions",
        ]

    def get_index(self, obj) -> str | None:
        return None if obj.index is None else str(q2(obj.index))

    def get_dimensions(self, obj) -> dict:
        """{key: {"name", "weight" (%), "score"}} for Baseline, Output, Outcome, Impact, Quick Win."""
        return {
            key: {**row, "score": None if row.get("score") is None else str(q2(row["score"]))}
            for key, row in (obj.results or {}).get("dimensions", {}).items()
        }

    def get_smart_dimensions(self, obj) -> dict:
        """{smart city dimension key: score} on the framework scale."""
        return {
            key: None if value is None else str(q2(value))
            for key, value in (obj.results or {}).get("smart", {}).items()
        }


class PublishedResultList(RegionScopedMixin, generics.ListAPIView):
    """Published evaluation results of the region, newest year first (everyone; cached for anonymous callers)."""

    permission_classes = [PublicRead]
    serializer_class = PublishedResultSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Round.objects.none()
        return Round.objects.filter(region=self.get_region(), status=Round.Status.PUBLISHED).order_by(
            "-year", "-version"
        )
