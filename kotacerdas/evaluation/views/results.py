"""Results of a round: the staff page, its PDF and XLSX, and the public page of published results."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kotacerdas.common.cache import public_page
from kotacerdas.regions.access import require_perm, with_region

from .. import selectors
from ..models import Round
from ._common import _round, _sections

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _results_context(region, round_: Round, *, full: bool) -> dict:
    results = selectors.round_results(round_=round_)
    improvement = selectors.improvement(round_=round_, results=results)
    smart = selectors.smart_rows(results)
    previous_smart = None
    if improvement is not None:
        prev = (improvement.previous.results or {}).get("smart", {})
        previous_smart = [(label, prev.get(key)) for key, label, _v in smart]
    return {
        "region": region,
        "round": round_,
        "framework": round_.framework,
        "results": results,
        "improvement": improvement,
        "smart": smart,
        "radar_rows": [(label, value) for _k, label, value in smart],
        "radar_previous": previous_smart,
        "versions": selectors.versions(region=region, year=round_.year),
        "sections": _sections(round_) if full else None,
        "quick_wins": list(round_.quick_wins.all()) if full else None,
        "full": full,
    }


@login_required
@with_region
def results(request, *, region, pk):
    """The full results for staff: figures, improvement, radar, the largest gaps and the assessors' comments."""
    round_ = _round_with_scores(request, region, pk)
    return render(request, "evaluation/results.html", _results_context(region, round_, full=True))


def _round_with_scores(request, region, pk) -> Round:
    """The round whose results the user may see (the staff results page, its PDF and XLSX), else 403/404."""
    round_ = _round(region, pk)
    require_perm(request, "evaluation.view_round", round_)
    if not request.user.has_perm("evaluation.view_scores", round_):
        raise PermissionDenied
    return round_


@login_required
@with_region
def results_pdf(request, *, region, pk):
    round_ = _round_with_scores(request, region, pk)
    from ..pdf import results_pdf_bytes

    content = results_pdf_bytes(_results_context(region, round_, full=True))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluasi-{region.slug}-{round_.year}-v{round_.version}.pdf"'
    return response


@login_required
@with_region
def results_xlsx(request, *, region, pk):
    """The figures as a workbook: the index, each dimension, each item with its contribution to the index."""
    round_ = _round_with_scores(request, region, pk)
    from ..xlsx import results_xlsx_bytes

    content = results_xlsx_bytes(round_=round_, results=selectors.round_results(round_=round_))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="evaluasi-{region.slug}-{round_.year}-v{round_.version}.xlsx"'
    )
    return response


@require_GET
@public_page
@with_region
def public_results(request, *, region):
    """Public: the published index and per-dimension scores, every version with its correction reason.
    The assessors' item comments are not shown here."""
    rounds = selectors.public_results(region=region)
    current = next((r for r in rounds if not r.is_superseded), None)
    context = {"region": region, "rounds": rounds}
    if current is not None:
        context.update(_results_context(region, current, full=False))
        context["round"] = current
    return render(request, "evaluation/public_results.html", context)
