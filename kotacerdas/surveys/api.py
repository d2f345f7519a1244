"""Surveys API (read-only): the region's surveys and a survey's results with the SKM arithmetic or the
impact score. Results follow the page's rule: public once closed or marked public; otherwise 404 for
anonymous callers and 403 for others without the right."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.common.api import PublicRead
from kotacerdas.regions.access import RegionScopedMixin

from . import selectors
from .models import Survey


class SurveySerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", allow_null=True, default=None)
    agency = serializers.CharField(source="agency.acronym", allow_null=True, default=None)
    respondents = serializers.IntegerField()
    is_open = serializers.SerializerMethodField()
    results_visible = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "kind",
            "title",
            "service_name",
            "agency",
            "programme",
            "opens_on",
            "closes_on",
            "respondents",
            "is_open",
            "results_visible",
        ]

    def get_is_open(self, survey) -> bool:
        return survey.is_open()

    def get_results_visible(self, survey) -> bool:
        return survey.results_visible()


class SurveyList(RegionScopedMixin, generics.ListAPIView):
    permission_classes = [PublicRead]
    serializer_class = SurveySerializer

    def get_queryset(self):
        return selectors.survey_list_for_region(region=self.get_region())


def _num(value):
    return None if value is None else str(value)


_SKM_ELEMENT_FIELDS = (
    "SkmElementResult",
    {
        "key": serializers.CharField(),
        "name": serializers.CharField(),
        "answers": serializers.IntegerField(),
        "sum": serializers.IntegerField(),
        "nrr": serializers.CharField(allow_null=True, help_text="mean rating 1–4 (NRR), as a decimal string"),
        "grade": serializers.CharField(allow_null=True),
    },
)
_IMPACT_YEAR_FIELDS = (
    "ImpactYearResult",
    {
        "year": serializers.IntegerField(),
        "respondents": serializers.IntegerField(),
        "mean": serializers.CharField(allow_null=True),
        "score": serializers.CharField(allow_null=True),
    },
)
_RESULTS = inline_serializer(
    "SurveyResults",
    {
        "id": serializers.IntegerField(),
        "kind": serializers.CharField(help_text="skm or impact"),
        "title": serializers.CharField(),
        "closed": serializers.BooleanField(),
        "respondents": serializers.IntegerField(),
        "elements": inline_serializer(*_SKM_ELEMENT_FIELDS, many=True, required=False, help_text="SKM only"),
        "nrr_weighted": serializers.CharField(required=False, allow_null=True, help_text="SKM only"),
        "ikm": serializers.CharField(required=False, allow_null=True, help_text="SKM only: NRR weighted × 25"),
        "grade": serializers.CharField(required=False, allow_null=True, help_text="SKM only: A–D"),
        "grade_label": serializers.CharField(required=False, allow_null=True, help_text="SKM only"),
        "programme": serializers.CharField(required=False, help_text="impact only: the quick win's code"),
        "distribution": serializers.DictField(
            child=serializers.IntegerField(), required=False, help_text="impact only: answers per rating 1–4"
        ),
        "mean": serializers.CharField(required=False, allow_null=True, help_text="impact only: mean 1–4"),
        "score_0_4": serializers.CharField(required=False, allow_null=True, help_text="impact only"),
        "by_year": inline_serializer(*_IMPACT_YEAR_FIELDS, many=True, required=False, help_text="impact only"),
    },
)


class SurveyResults(RegionScopedMixin, APIView):
    permission_classes = [PublicRead]

    @extend_schema(responses=_RESULTS)
    def get(self, request, region_slug, pk):
        region = self.get_region()
        try:
            survey = selectors.survey_detail(region=region, pk=pk)
        except Survey.DoesNotExist:
            raise NotFound from None
        if not request.user.has_perm("surveys.view_results", survey):
            if request.user.is_authenticated:
                raise PermissionDenied
            raise NotFound
        data = {"id": survey.pk, "kind": survey.kind, "title": survey.title, "closed": survey.is_closed()}
        if survey.kind == Survey.Kind.SKM:
            result = selectors.skm_result(survey=survey)
            data.update(
                respondents=result.respondents,
                elements=[
                    {
                        "key": e.element.key,
                        "name": e.element.name_id,
                        "answers": e.answers,
                        "sum": e.total,
                        "nrr": _num(e.nrr_display),
                        "grade": e.grade.letter if e.grade else None,
                    }
                    for e in result.elements
                ],
                nrr_weighted=_num(result.nrr_weighted_display),
                ikm=_num(result.index),
                grade=result.grade.letter if result.grade else None,
                grade_label=result.grade.label_id if result.grade else None,
            )
        else:
            result = selectors.impact_result(survey=survey)
            data.update(
                programme=survey.programme.code,
                respondents=result.respondents,
                distribution={str(k): v for k, v in result.distribution.items()},
                mean=_num(result.mean),
                score_0_4=_num(result.score),
                by_year=[
                    {**row, "mean": _num(row["mean"]), "score": _num(row["score"])}
                    for row in selectors.impact_by_year(survey=survey)
                ],
            )
        return Response(data)
