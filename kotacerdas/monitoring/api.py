"""Monitoring API: an officer's due reports, progress reports and their workflow, and the public roll-up.

Every write goes through `services`; the views only parse input, check the rule and shape the answer.
A refusal from a service (ApplicationError) or invalid input answers 400 as
`{"detail": message, "errors": {field: [messages]}}`; a missing rule answers 403 (anonymous callers too);
another region's report answers 404.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import exception_handler

from kotacerdas.common.api import PublicRead
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Programme
from kotacerdas.masterplan.selectors import masterplan_public_for_region
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors, services
from .models import ProgressReport, ReportingPeriod
from .serializers import (
    AchievementSummarySerializer,
    DecisionSerializer,
    DueRowSerializer,
    ErrorSerializer,
    EvidenceAddSerializer,
    EvidenceSerializer,
    ReportDetailSerializer,
    ReportSaveSerializer,
    ReportSerializer,
    ReportStartSerializer,
    valid_data,
)

# --- errors ---------------------------------------------------------------------------------------------


def _field_name(name: str) -> str:
    """The services name an indicator's input `value_<id>`; API clients sent it as `values: {id: ...}`."""
    return f"values.{name[6:]}" if name.startswith("value_") else name


def _error_response(detail, errors) -> Response:
    return Response({"detail": detail, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)


def monitoring_exception_handler(exc, context):
    """ApplicationError and invalid input → 400 with field errors; everything else as DRF answers it."""
    if isinstance(exc, ApplicationError):
        errors = {_field_name(k): [str(m) for m in v] for k, v in exc.fields.items()}
        return _error_response(exc.message, errors or {"non_field_errors": [exc.message]})
    if isinstance(exc, ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        return _error_response(_("Please correct the errors below."), errors)
    if isinstance(exc, ParseError):  # a body that is not JSON: the same documented 400 shape
        return _error_response(str(exc.detail), {"non_field_errors": [str(exc.detail)]})
    return exception_handler(exc, context)


class RegionRule(BasePermission):
    """The view's `region_rule` on the region in the URL (an unknown region is a 404 first)."""

    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(view.region_rule, view.get_region())


class MonitoringAPIView(RegionScopedMixin, generics.GenericAPIView):
    permission_classes = [RegionRule]
    region_rule = "monitoring.view_report"

    def get_exception_handler(self):
        return monitoring_exception_handler

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if "region_slug" in self.kwargs:
            context["region"] = self.get_region()
        return context

    def require(self, perm: str, obj) -> None:
        if not self.request.user.has_perm(perm, obj):
            self.permission_denied(self.request)

    def get_report(self) -> ProgressReport:
        try:
            return selectors.report_detail(region=self.get_region(), pk=self.kwargs["pk"])
        except ProgressReport.DoesNotExist:
            raise NotFound from None

    def report_response(self, report: ProgressReport, code: int = status.HTTP_200_OK) -> Response:
        report = selectors.report_detail(region=self.get_region(), pk=report.pk)
        return Response(ReportDetailSerializer(report, context=self.get_serializer_context()).data, status=code)


ERRORS = {400: ErrorSerializer}


class DueReportList(MonitoringAPIView):
    """The logged-in user's reports in open periods: returned, late, due, submitted and verified."""

    permission_classes = [IsAuthenticated]
    serializer_class = DueRowSerializer
    pagination_class = None

    @extend_schema(responses=DueRowSerializer(many=True))
    def get(self, request, region_slug):
        region = self.get_region()
        groups = selectors.my_programmes(user=request.user, region=region)
        if not any(groups.values()):
            self.require("monitoring.view_dashboard", region)
        rows = [
            {
                "group": group,
                "state": row.state,
                "is_late": row.is_late,
                "programme": row.programme,
                "period": row.period,
                "report_id": row.report.pk if row.report else None,
            }
            for group, items in groups.items()
            for row in items
        ]
        return Response(DueRowSerializer(rows, many=True).data)


@extend_schema(
    parameters=[
        OpenApiParameter("period", int, description="reporting period id"),
        OpenApiParameter("status", str, enum=ProgressReport.Status.values),
    ]
)
class ReportListCreate(MonitoringAPIView, generics.ListAPIView):
    """The region's progress reports (its staff and the Tim Ahli); POST starts a programme's report."""

    serializer_class = ReportSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ProgressReport.objects.none()
        qs = ProgressReport.objects.filter(region=self.get_region()).select_related("programme__owner_agency", "period")
        params = self.request.query_params
        if period := params.get("period"):
            if not period.isdigit() or len(period) > 18:  # a bigint holds 18 digits safely
                raise ValidationError({"period": [_("Give a period id.")]})
            qs = qs.filter(period_id=int(period))
        if report_status := params.get("status"):
            if report_status not in ProgressReport.Status.values:
                raise ValidationError({"status": [_("Unknown status %(status)s.") % {"status": report_status}]})
            qs = qs.filter(status=report_status)
        return qs

    @extend_schema(
        request=ReportStartSerializer, responses={201: ReportDetailSerializer, 200: ReportDetailSerializer, **ERRORS}
    )
    def post(self, request, region_slug):
        """Start the report of a programme for a period (an existing report is returned with 200)."""
        region = self.get_region()
        data = valid_data(ReportStartSerializer, request.data)
        masterplan = masterplan_public_for_region(region=region)
        programme = Programme.objects.filter(masterplan=masterplan, code=data["programme_code"]).first()
        period = ReportingPeriod.objects.filter(region=region, pk=data["period_id"]).first()
        errors = {}
        if programme is None:
            errors["programme_code"] = [_("No programme with this code in the adopted masterplan.")]
        if period is None:
            errors["period_id"] = [_("No reporting period with this id in the region.")]
        if errors:
            raise ValidationError(errors)
        self.require("monitoring.start_report", programme)
        existed = ProgressReport.objects.filter(programme=programme, period=period).exists()
        report = services.progress_report_start(actor=request.user, programme=programme, period=period)
        return self.report_response(report, status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


class ReportDetail(MonitoringAPIView):
    """One report with its values against the targets, evidence and steps; PATCH saves a draft."""

    serializer_class = ReportDetailSerializer

    def get(self, request, region_slug, pk):
        return Response(ReportDetailSerializer(self.get_report(), context=self.get_serializer_context()).data)

    @extend_schema(request=ReportSaveSerializer, responses={200: ReportDetailSerializer, **ERRORS})
    def patch(self, request, region_slug, pk):
        report = self.get_report()
        self.require("monitoring.write_report", report)
        data = valid_data(ReportSaveSerializer, request.data)
        revision, values = data.pop("revision"), data.pop("values", None)
        report = services.progress_report_save(
            actor=request.user, report=report, revision=revision, values=values, **data
        )
        return self.report_response(report)


class ReportSubmit(MonitoringAPIView):
    """Submit a draft or returned report for verification."""

    serializer_class = ReportDetailSerializer

    @extend_schema(request=None, responses={200: ReportDetailSerializer, **ERRORS})
    def post(self, request, region_slug, pk):
        report = self.get_report()
        self.require("monitoring.write_report", report)
        return self.report_response(services.progress_report_submit(actor=request.user, report=report))


class ReportEvidenceAdd(MonitoringAPIView):
    """Attach a document, a photo (optionally with its location) or a link. Files are checked by content."""

    serializer_class = EvidenceSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(request=EvidenceAddSerializer, responses={201: EvidenceSerializer, **ERRORS})
    def post(self, request, region_slug, pk):
        report = self.get_report()
        self.require("monitoring.write_report", report)
        data = valid_data(EvidenceAddSerializer, request.data)
        evidence = services.evidence_add(actor=request.user, report=report, **data)
        return Response(
            EvidenceSerializer(evidence, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )


class _Decision(MonitoringAPIView):
    serializer_class = ReportDetailSerializer
    decide = None

    @extend_schema(request=DecisionSerializer, responses={200: ReportDetailSerializer, **ERRORS})
    def post(self, request, region_slug, pk):
        report = self.get_report()
        self.require("monitoring.verify_report", report)
        data = valid_data(DecisionSerializer, request.data)
        return self.report_response(type(self).decide(actor=request.user, report=report, comment=data["comment"]))


class ReportVerify(_Decision):
    """Verify a submitted report (not one you wrote): its figures then count in the public roll-up."""

    decide = services.progress_report_verify


class ReportReturn(_Decision):
    """Return a submitted report to its agency; the comment says what to fix."""

    decide = services.progress_report_return


class AchievementSummary(MonitoringAPIView):
    """Public: the verified achievement of the headline period (the latest closed one, or a more recent one whose
    verified coverage reached the region's threshold; docs/monitoring.md), overall and per dimension."""

    permission_classes = [PublicRead]
    serializer_class = AchievementSummarySerializer

    def get(self, request, region_slug):
        region = self.get_region()
        summary = selectors.public_summary(region=region)
        body = {"period": None, "overall": None, "dimensions": []}
        if summary["period"] is not None:
            rows = summary["dimensions"]  # {dimension id: its roll-up row or None}
            body = {
                "period": summary["period"],
                "overall": summary["overall"],
                "dimensions": [
                    {
                        "key": d.key,
                        "name": d.name,
                        "name_en": d.name_en,
                        "value": rows[d.pk].value if rows.get(d.pk) else None,
                        "reported": rows[d.pk].reported if rows.get(d.pk) else 0,
                        "expected": rows[d.pk].expected if rows.get(d.pk) else 0,
                    }
                    # The dimensions themselves (names, keys), in their order; no roll-up read twice.
                    for d, _no_rollup in selectors.dimension_achievements(region=region, period=None)
                ],
            }
        return Response(AchievementSummarySerializer(body).data)
