"""Datasets of what citizens say: report statistics (aggregated, small village counts suppressed) and surveys."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kotacerdas.participation import selectors as participation
from kotacerdas.surveys import selectors as surveys
from kotacerdas.surveys.elements import ELEMENTS

from .base import Column, Dataset


def report_rows(region, ctx):
    for month, cat_code, cat_name, agency, d_code, d_name, n, resolved in participation.report_counts_by_month(
        region=region
    ).iterator(chunk_size=2000):
        yield (month.strftime("%Y-%m"), cat_code, cat_name, agency, d_code or "", d_name or "", n, resolved)


def village_rows(region, ctx):
    threshold = ctx["threshold"]
    for year, d_code, v_code, v_name, n in participation.report_counts_by_village(region=region).iterator(
        chunk_size=2000
    ):
        small = n < threshold
        yield (year, d_code, v_code, v_name, None if small else n, small)


def skm_rows(region, ctx):
    for survey, result in surveys.skm_results_public(region=region, today=ctx["today"]):
        nrr = [None if e.nrr is None else round(e.nrr, 3) for e in result.elements]
        yield (
            survey.pk,
            survey.title,
            survey.service_name,
            survey.agency.acronym if survey.agency_id else "",
            survey.opens_on,
            survey.closes_on,
            result.respondents,
            *nrr,
            result.index,
            result.grade.letter if result.grade else "",
        )


def impact_rows(region, ctx):
    for row in surveys.impact_results_public(region=region, today=ctx["today"]):
        s = row["survey"]
        yield (
            s.pk,
            s.title,
            s.programme.code if s.programme_id else "",
            row["year"],
            row["respondents"],
            row["mean"],
            row["score"],
        )


NRR_COLUMNS = tuple(
    Column(f"nrr_{e.key}", "number", format_lazy(_("Mean rating (1–4) of element {}"), e.key.upper())) for e in ELEMENTS
)
THRESHOLD_NOTE = _(
    "Counts below %(threshold)s reports in a village are suppressed (left empty, `suppressed` true) so that "
    "no reporter can be singled out; the region sets the threshold."
)

DATASETS = (
    Dataset(
        key="citizen-report-statistics",
        sources=("participation",),
        title=_("Citizen reports (aduan): counts per month, category, agency and kecamatan"),
        notes=_(
            "How many citizen reports were received each month, by category, the agency handling them and the "
            "kecamatan, and how many of them are resolved. Aggregated: no report, text or person is published."
        ),
        columns=(
            Column("month", "string", _("Month received (YYYY-MM)")),
            Column("category_code", "string", _("Category code (Open311 service code)")),
            Column("category", "string", _("Category")),
            Column("agency", "string", _("Agency handling the reports, short name")),
            Column("kecamatan_code", "string", _("Kecamatan code (Kemendagri); empty when not given")),
            Column("kecamatan", "string", _("Kecamatan")),
            Column("reports", "integer", _("Reports received")),
            Column("resolved", "integer", _("Of which resolved")),
        ),
        rows=report_rows,
        modified=participation.reports_modified_by_region,
        groups=("governance", "society"),
        tags=("aduan", "citizen-reports", "public-service"),
        frequency="MONTHLY",
        producer_hint="Diskominfo",
        chart=("category", "reports"),
    ),
    Dataset(
        key="citizen-reports-by-village",
        sources=("participation",),
        title=_("Citizen reports (aduan) per village and year"),
        notes=_("How many citizen reports were received each year from each desa or kelurahan."),
        notes_extra=lambda ctx: THRESHOLD_NOTE % {"threshold": ctx["threshold"]},
        columns=(
            Column("year", "integer", _("Year")),
            Column("kecamatan_code", "string", _("Kecamatan code (Kemendagri)")),
            Column("village_code", "string", _("Desa/kelurahan code (Kemendagri)")),
            Column("village", "string", _("Desa/kelurahan")),
            Column("reports", "integer", _("Reports received; empty when suppressed")),
            Column("suppressed", "boolean", _("The count is below the threshold and not published")),
        ),
        rows=village_rows,
        modified=participation.reports_modified_by_region,
        groups=("governance", "society"),
        tags=("aduan", "citizen-reports", "village"),
        frequency="ANNUAL",
        producer_hint="Diskominfo",
    ),
    Dataset(
        key="skm-results",
        sources=("surveys",),
        title=_("Public satisfaction survey (SKM) results"),
        notes=_(
            "The result of each public satisfaction survey (PermenPANRB 14/2017) whose results are public: "
            "respondents, the mean rating (NRR, 1–4) of each of the nine elements, the index (IKM) and grade."
        ),
        columns=(
            Column("survey_id", "integer", _("Survey identifier")),
            Column("title", "string", _("Survey")),
            Column("service", "string", _("Service surveyed")),
            Column("agency", "string", _("Agency, short name")),
            Column("opens_on", "date", _("Opens on")),
            Column("closes_on", "date", _("Closes on")),
            Column("respondents", "integer", _("Respondents")),
            *(
                Column(f"nrr_{e.key}", "number", format_lazy(_("Mean rating (1–4) of element {}"), e.key.upper()))
                for e in ELEMENTS
            ),
            Column("ikm", "number", _("Satisfaction index (IKM, 25–100)")),
            Column("grade", "string", _("Grade A–D")),
        ),
        rows=skm_rows,
        modified=surveys.surveys_modified_by_region,
        groups=("governance",),
        tags=("skm", "survey", "public-service"),
        frequency="ANNUAL",
        producer_hint="Bagian Organisasi",
        chart=("title", "ikm"),
    ),
    Dataset(
        key="impact-survey-results",
        sources=("surveys", "masterplan"),
        title=_("Quick-win impact survey results"),
        notes=_(
            "Per quick-win impact survey and year of answering: respondents, the mean rating (1–4) and its "
            "conversion to the evaluation's 0–4 scale."
        ),
        columns=(
            Column("survey_id", "integer", _("Survey identifier")),
            Column("title", "string", _("Survey")),
            Column("programme_code", "string", _("Quick win (programme code)")),
            Column("year", "integer", _("Year")),
            Column("respondents", "integer", _("Respondents")),
            Column("mean", "number", _("Mean rating (1–4)")),
            Column("score", "number", _("Score on the evaluation's 0–4 scale")),
        ),
        rows=impact_rows,
        modified=surveys.surveys_modified_by_region,
        groups=("society",),
        tags=("survey", "quick-win", "impact"),
        frequency="ANNUAL",
        producer_hint="Bappelitbangda",
    ),
)
