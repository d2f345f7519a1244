"""Citizen reports API (JSON, under /api/v1/regions/<slug>/): the public list and one report (public fields
only for everybody outside the region's staff), the active categories, and for the people who handle a
report a status transition with a public update.

Reporter name and contact appear only in a report's detail, and only for those who may handle it (UU PDP).
Another region's report id answers 404; a missing rule answers 403 (anonymous callers too). Lists are paged
with a cursor (newest first), never counting the rows: the region may hold a million reports.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.common.api import PublicRead
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.common.text import CleanSerializerMixin
from kotacerdas.regions.access import RegionScopedMixin
from kotacerdas.regions.models import District

from . import selectors, services
from .models import Report, ReportCategory, ReportPhoto, ReportUpdate

# --- serializers ----------------------------------------------------------------------------------------------


class ReportCategorySerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.acronym", help_text="acronym of the responsible agency")

    class Meta:
        model = ReportCategory
        fields = ["id", "code", "name", "name_en", "description", "kind", "agency"]


class CitizenReportSerializer(serializers.ModelSerializer):
    """Public fields: what the public report page shows. Never the reporter, never the tracking code."""

    category = serializers.CharField(source="category.code", help_text="category code (Open311 service_code)")
    category_name = serializers.CharField(source="category.name")
    agency = serializers.CharField(source="agency.name", help_text="the agency the report is routed to")
    district = serializers.CharField(source="district.name", allow_null=True, default=None)
    district_id = serializers.IntegerField(allow_null=True)
    village = serializers.CharField(source="village.name", allow_null=True, default=None)
    is_late = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "status",
            "category",
            "category_name",
            "agency",
            "description",
            "lat",
            "lon",
            "district",
            "district_id",
            "village",
            "address",
            "created_at",
            "updated_at",
            "first_response_due",
            "resolution_due",
            "first_response_at",
            "closed_at",
            "is_late",
        ]

    def get_is_late(self, report) -> bool:
        return report.is_late(self.context.get("now") or timezone.now())


class StaffCitizenReportSerializer(CitizenReportSerializer):
    """The region's staff also get the tracking code and the agency's id."""

    agency_id = serializers.IntegerField()

    class Meta(CitizenReportSerializer.Meta):
        fields = [*CitizenReportSerializer.Meta.fields, "tracking_code", "agency_id", "source"]


class ReportUpdateSerializer(serializers.ModelSerializer):
    forwarded_to = serializers.CharField(
        source="forwarded_to.name", allow_null=True, default=None, help_text="set when the step is a forward"
    )
    text = serializers.CharField(
        source="shown_text", read_only=True, help_text="platform steps in the reader's language"
    )

    class Meta:
        model = ReportUpdate
        fields = ["created_at", "status", "text", "forwarded_to"]


class StaffReportUpdateSerializer(ReportUpdateSerializer):
    class Meta(ReportUpdateSerializer.Meta):
        fields = [*ReportUpdateSerializer.Meta.fields, "internal_note"]


class ReportPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ReportPhoto
        fields = ["url"]

    def get_url(self, photo) -> str:
        request = self.context.get("request")
        url = photo.image.url
        return request.build_absolute_uri(url) if request else url


class CitizenReportDetailSerializer(CitizenReportSerializer):
    photos = ReportPhotoSerializer(many=True, read_only=True)
    updates = ReportUpdateSerializer(many=True, read_only=True)

    class Meta(CitizenReportSerializer.Meta):
        fields = [*CitizenReportSerializer.Meta.fields, "photos", "updates"]


class StaffCitizenReportDetailSerializer(StaffCitizenReportSerializer):
    photos = ReportPhotoSerializer(many=True, read_only=True)
    updates = StaffReportUpdateSerializer(many=True, read_only=True)
    reporter_name = serializers.SerializerMethodField()
    reporter_email = serializers.SerializerMethodField()
    reporter_phone = serializers.SerializerMethodField()

    class Meta(StaffCitizenReportSerializer.Meta):
        fields = [
            *StaffCitizenReportSerializer.Meta.fields,
            "photos",
            "updates",
            "reporter_name",
            "reporter_email",
            "reporter_phone",
        ]

    # null unless the caller may handle this report (the Dewan and other agencies' officers read it without)
    def _private(self, report, name):
        return getattr(report, name) if self.context.get("show_private") else None

    def get_reporter_name(self, report) -> str | None:
        return self._private(report, "reporter_name")

    def get_reporter_email(self, report) -> str | None:
        return self._private(report, "reporter_email")

    def get_reporter_phone(self, report) -> str | None:
        return self._private(report, "reporter_phone")


class CitizenReportFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Report.Status.choices, required=False)
    category = serializers.SlugField(required=False, help_text="category code")
    district = serializers.IntegerField(required=False, min_value=1, help_text="kecamatan id")


class ReportTransitionSerializer(CleanSerializerMixin, serializers.Serializer):
    status = serializers.ChoiceField(choices=Report.Status.choices)
    public_update = serializers.CharField(max_length=services.MAX_DESCRIPTION, help_text="shown to everyone")


class ReportCursor(CursorPagination):
    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


# --- views ------------------------------------------------------------------------------------------------------


def _is_staff(request, region) -> bool:
    return request.user.has_perm("participation.view_staff", region)


class ReportList(RegionScopedMixin, generics.ListAPIView):
    """The region's reports, newest first. Filters: `status`, `category` (code), `district` (kecamatan id);
    an unknown value answers 400 with the field's error."""

    permission_classes = [PublicRead]
    pagination_class = ReportCursor

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return StaffCitizenReportSerializer
        return StaffCitizenReportSerializer if _is_staff(self.request, self.get_region()) else CitizenReportSerializer

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Report.objects.none()
        region = self.get_region()
        params = CitizenReportFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        filters = {"status": data.get("status")}
        if data.get("category"):
            category_id = (
                ReportCategory.objects.filter(region=region, code=data["category"]).values_list("pk", flat=True).first()
            )
            if category_id is None:
                raise ValidationError({"category": [_("Unknown category.")]})
            filters["category"] = category_id
        if data.get("district"):
            if not District.objects.filter(region=region, pk=data["district"]).exists():
                raise ValidationError({"district": [_("Unknown kecamatan.")]})
            filters["district"] = data["district"]
        qs = Report.objects.filter(region=region).select_related("category", "agency", "district", "village")
        qs = qs.defer("reporter_name", "reporter_email", "reporter_phone", "idempotency_key", "external_media_url")
        return selectors._filtered(qs, filters=filters)

    @extend_schema(
        parameters=[CitizenReportFilterSerializer],
        responses=PolymorphicProxySerializer(
            component_name="CitizenReportForCaller",
            serializers=[CitizenReportSerializer, StaffCitizenReportSerializer],
            resource_type_field_name=None,
            many=True,
        ),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ReportDetail(RegionScopedMixin, generics.RetrieveAPIView):
    """One report with its photos and public timeline; the staff see internal forward reasons, and those who
    handle it the reporter's contact."""

    permission_classes = [PublicRead]

    def get_serializer_class(self):
        if getattr(self, "swagger_fake_view", False):
            return StaffCitizenReportDetailSerializer
        return (
            StaffCitizenReportDetailSerializer
            if _is_staff(self.request, self.get_region())
            else CitizenReportDetailSerializer
        )

    def get_object(self):
        try:
            return selectors.report_detail(region=self.get_region(), pk=self.kwargs["pk"])
        except Report.DoesNotExist:
            raise NotFound from None

    def get_serializer_context(self):
        context = {**super().get_serializer_context(), "now": timezone.now()}
        if not getattr(self, "swagger_fake_view", False) and hasattr(self, "_report"):
            context["show_private"] = self.request.user.has_perm("participation.view_private", self._report)
        return context

    # On `get`, which is what drf-spectacular documents for an APIView (a decorator on `retrieve` was ignored, so
    # the schema promised the staff shape to everyone).
    @extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="CitizenReportDetailForCaller",
            serializers=[CitizenReportDetailSerializer, StaffCitizenReportDetailSerializer],
            resource_type_field_name=None,
        )
    )
    def get(self, request, *args, **kwargs):
        return self.retrieve(request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        self._report = self.get_object()
        return Response(self.get_serializer(self._report).data)


class CategoryList(RegionScopedMixin, generics.ListAPIView):
    """The region's active report categories (what a report may be about), in the form's order."""

    permission_classes = [PublicRead]
    serializer_class = ReportCategorySerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReportCategory.objects.none()
        return selectors.categories(region=self.get_region()).order_by("order", "name")


class ReportTransition(RegionScopedMixin, APIView):
    """Move a report to a new status with a public update (region admin, Tim Pelaksana, officers of the
    routed agency). The reporter is notified. A refused move answers 400 with the field's error."""

    serializer_class = ReportTransitionSerializer

    @extend_schema(request=ReportTransitionSerializer, responses={200: StaffCitizenReportDetailSerializer})
    def post(self, request, region_slug, pk):
        region = self.get_region()
        try:
            report = Report.objects.select_related("agency").get(region=region, pk=pk)
        except Report.DoesNotExist:
            raise NotFound from None
        if not request.user.has_perm("participation.handle_report", report):
            raise PermissionDenied
        data = ReportTransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.report_transition(
                report=report,
                actor=request.user,
                status=data.validated_data["status"],
                text=data.validated_data["public_update"],
            )
        except ApplicationError as exc:
            fields = {("public_update" if k == "text" else k): v for k, v in exc.fields.items()}
            raise ValidationError(fields or {"non_field_errors": [exc.message]}) from None
        report = selectors.report_detail(region=region, pk=pk)
        context = {"request": request, "now": timezone.now(), "show_private": True}
        return Response(StaffCitizenReportDetailSerializer(report, context=context).data)
