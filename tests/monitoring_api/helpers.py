"""Monitoring data built the way people build it: through the services, never by writing rows."""

from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import ProgressReport, ReportingPeriod

# monitoring.view_report / view_dashboard on the home region: its staff and the national evaluator.
HOME_READERS = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "evaluator"}


def open_period(world, *, year: int = 2024, number: int = 1, region_key: str = "home") -> ReportingPeriod:
    """Create the year's quarters of the region and open one."""
    admin = world["users"]["region_admin" if region_key == "home" else "other_admin"]
    region = world[region_key]
    services.reporting_periods_create_year(actor=admin, region=region, year=year)
    period = ReportingPeriod.objects.get(region=region, year=year, number=number)
    return services.reporting_period_set_status(actor=admin, period=period, status=ReportingPeriod.Status.OPEN)


def close_period(world, period: ReportingPeriod) -> ReportingPeriod:
    admin = world["users"]["region_admin"]
    return services.reporting_period_set_status(actor=admin, period=period, status=ReportingPeriod.Status.CLOSED)


def draft_report(world, period, *, programme=None, realised="30", progress="60", budget="1.500.000", by=None):
    """A saved draft of the programme's report (GOV-01 by default) written by the agency officer."""
    officer = by or world["users"]["agency_officer"]
    programme = programme or world["home_programme"]
    report = services.progress_report_start(actor=officer, programme=programme, period=period)
    values = {i.pk: realised for i in programme.indicators.all()}
    return services.progress_report_save(
        actor=officer,
        report=report,
        revision=report.revision,
        values=values,
        progress_percent=progress,
        budget_realised=budget,
        narrative="Kegiatan berjalan.",
    )


def submitted_report(world, period, **kwargs) -> ProgressReport:
    """A submitted report with a link as its evidence (verification requires evidence)."""
    report = draft_report(world, period, **kwargs)
    services.evidence_add(
        actor=kwargs.get("by") or world["users"]["agency_officer"],
        report=report,
        kind="link",
        url="https://example.org/bukti",
        caption="Bukti",
    )
    return services.progress_report_submit(actor=kwargs.get("by") or world["users"]["agency_officer"], report=report)


def verified_report(world, period, **kwargs) -> ProgressReport:
    report = submitted_report(world, period, **kwargs)
    return services.progress_report_verify(actor=world["users"]["tim_pelaksana"], report=report)
