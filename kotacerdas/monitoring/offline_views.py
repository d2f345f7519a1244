"""The endpoint the service worker sends an officer's offline draft to (docs/offline.md): form fields and
photos in, JSON out. The draft's idempotency key comes in the Idempotency-Key header."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services
from .forms import ReportForm
from .views import _report_or_404


def _refusal(message: str, fields: dict, status: int = 400) -> JsonResponse:
    details = [str(m) for messages in fields.values() for m in messages]
    return JsonResponse({"error": " ".join([message, *details]), "fields": fields}, status=status)


@login_required
@require_POST
@with_region
def report_deliver(request, *, region, pk):
    report = _report_or_404(region, pk)
    require_perm(request, "monitoring.view_report", report)
    if not request.user.has_perm("monitoring.write_report", report):
        return _refusal(_("You are not allowed to do this."), {}, status=403)
    form = ReportForm(request.POST, indicator_rows=selectors.report_indicator_rows(report))
    if not form.is_valid():
        return _refusal(_("Please correct the errors below."), {k: list(v) for k, v in form.errors.items()})
    data = form.service_kwargs()
    captions = request.POST.getlist("caption")
    photos = [(f, captions[i] if i < len(captions) else "") for i, f in enumerate(request.FILES.getlist("photo"))]
    try:
        delivery = services.progress_report_deliver(
            actor=request.user,
            report=report,
            idempotency_key=request.headers.get("Idempotency-Key", ""),
            revision=data.pop("revision"),
            values=data.pop("values"),
            fields=data,
            photos=photos,
            submit=request.POST.get("then") == "submit",
        )
    except ApplicationError as exc:
        return _refusal(exc.message, exc.fields)
    report = delivery.report
    return JsonResponse(
        {
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "url": reverse("monitoring:report", kwargs={"region_slug": region.slug, "pk": report.pk}),
            "replayed": delivery.replayed,
        }
    )
