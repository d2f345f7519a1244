"""Serializers of the monitoring API (kotacerdas.monitoring.api): what each endpoint reads and answers."""

from decimal import ROUND_HALF_UP

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kotacerdas.common.api import OptionalUrlField
from kotacerdas.masterplan.models import Programme
from kotacerdas.regions.serializers import AgencyRefSerializer

from . import selectors
from .models import Evidence, ProgressReport, ReportEvent, ReportingPeriod


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


# --- output ---------------------------------------------------------------------------------------------


class PeriodSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)
    # Plain text in the schema: a second enum named "status" would collide with the report's StatusEnum.
    status = serializers.CharField(read_only=True, help_text="planned, open or closed")

    class Meta:
        model = ReportingPeriod
        fields = ["id", "year", "number", "label", "starts_on", "ends_on", "due_on", "status"]


class ReportProgrammeSerializer(serializers.ModelSerializer):
    owner_agency = AgencyRefSerializer(read_only=True)

    class Meta:
        model = Programme
        fields = ["id", "code", "title", "title_en", "owner_agency"]


class DueRowSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=["returned", "late", "due", "submitted", "verified"])
    state = serializers.CharField(help_text="missing, draft, submitted, returned or verified")
    is_late = serializers.BooleanField()
    programme = ReportProgrammeSerializer()
    period = PeriodSerializer()
    report_id = serializers.IntegerField(allow_null=True)


class ReportSerializer(serializers.ModelSerializer):
    programme = ReportProgrammeSerializer(read_only=True)
    period = PeriodSerializer(read_only=True)
    # Kept at full precision, shown (rounded once) with two decimals.
    achievement = serializers.DecimalField(
        max_digits=6, decimal_places=2, rounding=ROUND_HALF_UP, read_only=True, allow_null=True
    )

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "programme",
            "period",
            "status",
            "progress_percent",
            "milestone",
            "budget_realised",
            "achievement",
            "revision",
            "submitted_at",
            "verified_at",
            "acknowledged_at",
            "created_at",
            "updated_at",
        ]


class IndicatorValueRowSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField(source="indicator.pk")
    name = serializers.CharField(source="indicator.name")
    name_en = serializers.CharField(source="indicator.name_en")
    unit = serializers.CharField(source="indicator.unit")
    direction = serializers.CharField(source="indicator.direction")
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    realised = serializers.DecimalField(source="value.realised", max_digits=18, decimal_places=4, allow_null=True)
    achievement = serializers.DecimalField(
        source="value.achievement", max_digits=6, decimal_places=2, rounding=ROUND_HALF_UP, allow_null=True
    )
    note = serializers.CharField(source="value.note", allow_null=True)


FILE_HELP = "Evidence files are private: the link leads to the page that checks the reader's rule."


class EvidenceSerializer(serializers.ModelSerializer):
    url = OptionalUrlField()
    file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "caption",
            "url",
            "file",
            "latitude",
            "longitude",
            "content_type",
            "size",
            "created_at",
        ]

    @extend_schema_field(OptionalUrlField(help_text=FILE_HELP))
    def get_file(self, evidence) -> str | None:
        """Evidence files are private: the link leads to the page that checks the reader's rule."""
        if not evidence.file:
            return None
        path = reverse(
            "monitoring:evidence_file",
            kwargs={"region_slug": self.context["region"].slug, "pk": evidence.report_id, "evidence_pk": evidence.pk},
        )
        return self.context["request"].build_absolute_uri(path)


class ReportEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = ReportEvent
        fields = ["kind", "actor", "comment", "created_at"]


class ReportDetailSerializer(ReportSerializer):
    values = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(many=True, read_only=True)
    events = ReportEventSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "narrative", "obstacles", "follow_up", "values", "evidence", "events"]

    @extend_schema_field(IndicatorValueRowSerializer(many=True))
    def get_values(self, report):
        """Every indicator of the programme with the year's target and the reported value (null if none)."""
        return IndicatorValueRowSerializer(selectors.report_indicator_rows(report), many=True).data


class AchievementValueSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    reported = serializers.IntegerField(help_text="programmes with a verified report")
    expected = serializers.IntegerField(help_text="programmes expected to report")


class DimensionAchievementSerializer(AchievementValueSerializer):
    key = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class AchievementSummarySerializer(serializers.Serializer):
    period = PeriodSerializer(allow_null=True)
    overall = AchievementValueSerializer(allow_null=True)
    dimensions = DimensionAchievementSerializer(many=True)


# --- input ----------------------------------------------------------------------------------------------

NUMBER_HELP = "A number, or text in Indonesian format such as 1.500.000 or 12,5; empty or null clears it."


class ReportStartSerializer(serializers.Serializer):
    programme_code = serializers.CharField(max_length=30)
    period_id = serializers.IntegerField()


class ReportSaveSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        min_value=0, help_text="The revision the client last read; a report saved since is refused."
    )
    progress_percent = serializers.CharField(required=False, allow_null=True, allow_blank=True, help_text=NUMBER_HELP)
    budget_realised = serializers.CharField(required=False, allow_null=True, allow_blank=True, help_text=NUMBER_HELP)
    milestone = serializers.CharField(required=False, allow_blank=True)
    narrative = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    obstacles = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    follow_up = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    values = serializers.DictField(
        child=serializers.CharField(allow_null=True, allow_blank=True),
        required=False,
        help_text='Realised values by indicator id, e.g. {"12": "37,5"}. ' + NUMBER_HELP,
    )


class EvidenceAddSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="document, photo or link")
    file = serializers.FileField(required=False, help_text="PDF/DOCX/XLSX/PPTX for a document; JPEG/PNG/WebP photo")
    url = serializers.CharField(required=False, allow_blank=True, help_text="for a link")
    caption = serializers.CharField(required=False, allow_blank=True)
    latitude = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    longitude = serializers.CharField(required=False, allow_null=True, allow_blank=True)


class DecisionSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")


def valid_data(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# --- views ----------------------------------------------------------------------------------------------
