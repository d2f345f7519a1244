"""Small helpers shared by the monitoring tests: walking a report through the services, sample files, and a
snapshot of every monitoring row so a refused action can be shown to have changed nothing."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.models import Notification
from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import (
    Achievement,
    Evidence,
    IndicatorValue,
    MonitoringSettings,
    ProgressReport,
    ReportEvent,
    ReportingPeriod,
)


def db_state() -> dict:
    """Every monitoring row (with its updated_at) and the audit count: equal before and after means untouched."""
    return {
        "periods": list(ReportingPeriod.objects.order_by("pk").values()),
        "reports": list(ProgressReport.objects.order_by("pk").values()),
        "values": list(IndicatorValue.objects.order_by("pk").values()),
        "evidence": list(Evidence.objects.order_by("pk").values()),
        "events": list(ReportEvent.objects.order_by("pk").values()),
        "achievements": list(Achievement.objects.order_by("pk").values()),
        "notifications": list(Notification.objects.order_by("pk").values()),
        "settings": list(MonitoringSettings.objects.order_by("pk").values()),
        "audit": AuditEvent.objects.count(),
    }


def walk_report(
    *,
    programme,
    period,
    writer,
    verifier=None,
    values: dict | None = None,
    progress=None,
    until: str = ProgressReport.Status.VERIFIED,
) -> ProgressReport:
    """Start, fill in, and (depending on `until`) submit and verify a report through the services. A report
    that goes beyond a draft gets a link as evidence first (verification requires evidence)."""
    report = services.progress_report_start(actor=writer, programme=programme, period=period)
    report = services.progress_report_save(
        actor=writer,
        report=report,
        values={getattr(k, "pk", k): v for k, v in (values or {}).items()},
        progress_percent=progress,
    )
    if until == ProgressReport.Status.DRAFT:
        return report
    add_link_evidence(report, writer)
    report = services.progress_report_submit(actor=writer, report=report)
    if until == ProgressReport.Status.SUBMITTED:
        return report
    return services.progress_report_verify(actor=verifier, report=report)


def add_link_evidence(report, writer):
    """A link as the report's evidence, added through the service like an officer would."""
    return services.evidence_add(
        actor=writer, report=report, kind=Evidence.Kind.LINK, url="https://example.org/bukti", caption="Bukti"
    )


def image_bytes(fmt: str = "JPEG", size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (20, 140, 90)).save(buf, fmt)
    return buf.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name: str = "laporan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def photo_upload(name: str = "foto.jpg", fmt: str = "JPEG") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(fmt), content_type="image/jpeg")
