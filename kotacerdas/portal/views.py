"""Public pages (same for every visitor, cached whole) and the staff landing pages. Read side only."""

import logging
import uuid
from itertools import zip_longest

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kotacerdas.collaboration.selectors import (
    commitments_public,
    contributions_for_programme_public,
    programme_budget,
)
from kotacerdas.common.cache import public_page, region_cache_version
from kotacerdas.masterplan.models import Dimension, Programme
from kotacerdas.masterplan.selectors import (
    dimension_cards,
    masterplan_current_for_region,
    masterplan_public_for_region,
    programme_detail,
    programme_list,
)
from kotacerdas.monitoring.selectors import public_summary
from kotacerdas.regions.access import require_perm, with_region
from kotacerdas.regions.models import Region
from kotacerdas.regions.rules import agency_ids_of, roles_of

from .progress import dimension_context, programme_context, voice_panel
from .todo import national_tasks, region_tasks, role_names

logger = logging.getLogger(__name__)


@require_GET
def healthz(request):
    """Liveness: the process answers. Touches nothing else (and is the baseline `make bench` compares with)."""
    return HttpResponse("ok", content_type="text/plain")


def _database_ready() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache_ready() -> None:
    key, value = f"kc:readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    # Backends set to ignore their errors (django-redis IGNORE_EXCEPTIONS) answer None instead of raising.
    if cache.get(key) != value:
        raise ConnectionError("the cache did not return the value just stored")
    cache.delete(key)


@never_cache
@require_GET
def readyz(request):
    """Readiness for a load balancer: 200 when the database and the cache answer, else 503 naming the failures."""
    checks, failed = {}, []
    for name, check in (("database", _database_ready), ("cache", _cache_ready)):
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # whatever the backend raises, the answer is "not ready"
            logger.error("readyz: %s check failed: %s", name, exc)
            checks[name] = "failed"
            failed.append(name)
    body = {"status": "unavailable" if failed else "ok", "failed": failed, "checks": checks}
    return JsonResponse(body, status=503 if failed else 200)


@require_GET
def region_list(request):
    return render(request, "portal/index.html", {"regions": Region.objects.filter(is_active=True)})


@require_GET
@public_page
@with_region
def region_home(request, *, region):
    masterplan = masterplan_public_for_region(region=region)
    dimensions = dimension_cards(region=region, masterplan=masterplan)
    quick_wins = programme_list(masterplan=masterplan, quick_wins_only=True) if masterplan else []
    return render(
        request,
        "portal/region_home.html",
        {
            "region": region,
            "masterplan": masterplan,
            "missions": masterplan.mission_list(request.LANGUAGE_CODE) if masterplan else [],
            "slogan": list(zip_longest(region.slogan_words, region.slogan_words_en[: len(region.slogan_words)])),
            "dimensions": dimensions,
            "quick_wins": quick_wins,
            "monitoring": public_summary(region=region),
            "voice": voice_panel(region=region, masterplan=masterplan),
            "commitments": commitments_public(region=region),
        },
    )


@require_GET
@public_page
@with_region
def dimension_detail(request, *, region, key):
    masterplan = masterplan_public_for_region(region=region)
    try:
        dimension = (
            Dimension.objects.select_related("coordinator").prefetch_related("elements").get(region=region, key=key)
        )
    except Dimension.DoesNotExist:
        raise Http404 from None
    programmes = programme_list(masterplan=masterplan, dimension=dimension) if masterplan else []
    return render(
        request,
        "portal/dimension_detail.html",
        {
            "region": region,
            "masterplan": masterplan,
            "dimension": dimension,
            "programmes": programmes,
            **dimension_context(region=region, dimension=dimension),
        },
    )


@require_GET
@public_page
@with_region
def programme_page(request, *, region, code):
    masterplan = masterplan_public_for_region(region=region)
    if masterplan is None or "\x00" in code:  # PostgreSQL cannot compare text holding NUL: no such code
        raise Http404
    try:
        programme = programme_detail(masterplan=masterplan, code=code)
    except Programme.DoesNotExist:
        raise Http404 from None
    years = [y for y in masterplan.years if programme.start_year <= y <= programme.end_year]
    indicators = []
    for indicator in programme.indicators.all():
        by_year = {t.year: t.value for t in indicator.targets.all()}
        indicators.append((indicator, [by_year.get(y) for y in years]))
    contributions = contributions_for_programme_public(programme=programme)
    return render(
        request,
        "portal/programme_detail.html",
        {
            "region": region,
            "masterplan": masterplan,
            "programme": programme,
            "indicators": indicators,
            "years": years,
            "contributions": contributions,
            "budget": programme_budget(programme=programme, contributions=contributions),
            **programme_context(region=region, programme=programme, contributions=contributions),
        },
    )


@login_required
@require_GET
def staff_home(request):
    """Where a logged-in person lands: per region, their roles in words, a to-do list (what waits for them, as
    counts with links) and the pages they may open."""
    roles = roles_of(request.user)
    regions = (
        Region.objects.filter(pk__in=roles.keys())
        if not request.user.is_national_evaluator
        else (Region.objects.filter(is_active=True))
    )
    today = timezone.localdate()
    rows = [
        (r, role_names(request.user, r), region_tasks(request.user, r, today), staff_links(request.user, r))
        for r in regions
    ]
    return render(request, "portal/staff_home.html", {"rows": rows, "national_tasks": national_tasks(request.user)})


# (label, url name, permission checked on the region, test id). The permission is the one the page itself
# checks, so a link is shown exactly when it opens (rules read the person's roles once per request).
STAFF_LINKS = [
    (_("Masterplan workspace"), "region:workspace", "regions.view_internal", "workspace-link"),
    (_("Masterplan authoring"), "planning:workspace", "planning.view_workspace", "planning-link"),
    (_("Workbook and document"), "planio:index", "planio.view_workbook", "planio-link"),
    (_("My programmes"), "monitoring:my_programmes", "monitoring.view_dashboard", "my-programmes-link"),
    (_("Monitoring"), "monitoring:dashboard", "monitoring.view_dashboard", "monitoring-link"),
    (_("Collaboration"), "collaboration:dashboard", "collaboration.view_internal", "collaboration-link"),
    (_("Moderate ideas"), "ideas:staff_queue", "ideas.moderate", "ideas-staff-link"),
    (_("Surveys"), "surveys:staff_list", "surveys.manage", "surveys-staff-link"),
    (_("Evaluation"), "evaluation:rounds", "evaluation.view_round", "evaluation-link"),
    (_("Citizen reports"), "participation:staff_reports", "participation.view_staff", "staff-reports-link"),
    (_("Innovations"), "innovation:overview", "innovation.view_internal", "innovation-staff-link"),
    (_("Literacy"), "literacy:list", "literacy.view_internal", "literacy-staff-link"),
    (_("News"), "news:staff_list", "news.manage", "news-staff-link"),
]


def staff_links(user, region: Region) -> list[tuple[str, str, str]]:
    """The staff pages of `region` this person may open, as (label, url, test id); partners also get their
    organisation's page, and everyone the region's public page."""
    links = [
        (label, reverse(name, kwargs={"region_slug": region.slug}), testid)
        for label, name, perm, testid in STAFF_LINKS
        if user.has_perm(perm, region)
    ]
    if "partner" in roles_of(user).get(region.pk, set()):
        url = reverse("collaboration:my_organisation", kwargs={"region_slug": region.slug})
        links.append((_("My organisation"), url, "my-organisation-link"))
    links.append((_("Public page"), reverse("region:home", kwargs={"region_slug": region.slug}), "public-link"))
    return links


@login_required
@require_GET
@with_region
def region_workspace(request, *, region):
    """The staff view of the region's current masterplan, drafts included, 50 programmes a page."""
    require_perm(request, "regions.view_internal", region)
    masterplan = masterplan_current_for_region(region=region)
    dimensions = list(Dimension.objects.filter(region=region))
    dimension = next((d for d in dimensions if d.key == request.GET.get("dimensi")), None)

    def build_page():
        programmes = programme_list(masterplan=masterplan, dimension=dimension).only(
            "pk",
            "code",
            "title",
            "title_en",
            "is_quick_win",
            "dimension__name",
            "dimension__name_en",
            "dimension__order",
            "owner_agency__acronym",
            "element",
            "region",
        )
        return Paginator(programmes, 50).get_page(request.GET.get("halaman"))

    # The list is the same for every staff member of the region: the template caches it under the region's
    # version (bumped by every audited change), and the page of programmes is only read on a miss.
    page = SimpleLazyObject(build_page) if masterplan else None
    # "Edit" only where the reader may edit (masterplan.change_programme: planners every programme, officers
    # their agency's); the cached list is keyed by that scope, so readers with the same scope share it.
    edit_all = request.user.has_perm("masterplan.change_masterplan", region)
    edit_agencies = set() if edit_all else agency_ids_of(request.user, region.pk)
    return render(
        request,
        "portal/workspace.html",
        {
            "region": region,
            "masterplan": masterplan,
            "page": page,
            "dimensions": dimensions,
            "dimension": dimension,
            "edit_prefix": f"/r/{region.slug}/staf/program/",
            "cache_version": region_cache_version(region.slug),
            "page_number": request.GET.get("halaman", "1")[:6],
            "can_audit": request.user.has_perm("regions.view_audit", region),
            "edit_all": edit_all,
            "edit_agencies": edit_agencies,
            "edit_scope": "all" if edit_all else "-".join(map(str, sorted(edit_agencies))) or "none",
        },
    )
