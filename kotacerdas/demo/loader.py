"""Loads the demo regions. Idempotent: rows are matched on natural keys, so a second run changes nothing."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kotacerdas.masterplan.defaults import dimensions_seed_defaults
from kotacerdas.masterplan.models import Element, Indicator, Masterplan, Programme, Target
from kotacerdas.regions.models import Agency, Membership, Region
from kotacerdas.regions.services import official_code_rows, region_import_codes

from . import data
from .accounts import demo_second_factors
from .collaboration import load_demo_collaboration
from .evaluation import load_demo_evaluation
from .ideas import load_demo_ideas
from .innovation import load_demo_innovation
from .literacy import load_demo_literacy
from .monitoring import load_demo_monitoring
from .news import load_demo_news
from .participation import load_demo_participation
from .planio import load_demo_planio
from .planning import load_demo_planning
from .surveys import load_demo_surveys
from .units import UNITS_EN


def _targets(baseline: float, final: float, start: int, end: int) -> dict[int, Decimal]:
    """A straight line from baseline to the final target over the programme's years."""
    years = list(range(start, end + 1))
    step = (final - baseline) / len(years)
    return {y: Decimal(str(round(baseline + step * (i + 1), 2))) for i, y in enumerate(years)}


def _user(username: str, full_name: str, **extra):
    User = get_user_model()
    first, _, last = full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last, **extra}
    )
    if created:
        user.set_password(data.DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _lutra(rows: list):
    """Luwu Utara with its slogan, agencies, dimension coordinators and masterplan."""
    lutra = region_import_codes(actor=None, code="73.22", rows=rows, slug="luwu-utara").region
    slogan, expansion, expansion_en = data.SLOGAN
    Region.objects.filter(pk=lutra.pk).update(
        slogan=slogan, slogan_expansion=expansion, slogan_expansion_en=expansion_en, is_demo=True
    )
    lutra.refresh_from_db()
    agencies = {}
    for acronym, name, kind in data.AGENCIES:
        agencies[acronym], _ = Agency.objects.get_or_create(
            region=lutra, acronym=acronym, defaults={"name": name, "kind": kind}
        )
    dimensions = dimensions_seed_defaults(region=lutra)
    for key, acronym in data.COORDINATORS.items():
        dim = dimensions[key]
        if dim.coordinator_id is None:
            dim.coordinator = agencies[acronym]
            dim.save(update_fields=["coordinator", "updated_at"])
    masterplan, _ = Masterplan.objects.get_or_create(
        region=lutra, title=data.MASTERPLAN["title"], defaults=data.MASTERPLAN
    )
    return lutra, agencies, dimensions, masterplan


def _programme(row: tuple, *, region, masterplan, dimensions: dict, elements: dict, agencies: dict, year: int) -> None:
    """One programme of data.PROGRAMMES with its indicators and yearly targets (once: a second run skips it).
    Years written as data.ThisYear follow `year` (the day the demo is loaded), inside the plan's period."""
    (
        code,
        dim_key,
        el_key,
        owner,
        supporting,
        horizon,
        start,
        end,
        budget,
        funding,
        qw_year,
        title,
        title_en,
        indicators,
    ) = row
    span = {"first": masterplan.period_start_year, "last": masterplan.period_end_year}
    start, end, qw_year = (data.resolve(y, year, **span) for y in (start, end, qw_year))
    dimension = dimensions[dim_key]
    programme, created = Programme.objects.get_or_create(
        masterplan=masterplan,
        code=code,
        defaults=dict(
            region=region,
            title=title,
            title_en=title_en,
            dimension=dimension,
            element=elements[(dimension.pk, el_key)],
            owner_agency=agencies[owner],
            horizon=horizon,
            start_year=start,
            end_year=end,
            budget_estimate=Decimal(budget),
            funding_source=funding,
            is_quick_win=qw_year is not None,
            quick_win_year=qw_year,
            description=f"{title}. Program ilustratif untuk demo Kota Cerdas.",
            description_en=f"{title_en}. An illustrative programme for the Kota Cerdas demo.",
        ),
    )
    if not created:
        return
    programme.supporting_agencies.set([agencies[a] for a in supporting])
    for order, (name, name_en, unit, baseline, direction, final) in enumerate(indicators):
        indicator = Indicator.objects.create(
            region=region,
            programme=programme,
            name=name,
            name_en=name_en,
            unit=unit,
            unit_en=UNITS_EN.get(unit, unit),
            baseline_value=Decimal(str(baseline)),
            baseline_year=start - 1,
            direction=direction,
            order=order,
        )
        Target.objects.bulk_create(
            Target(region=region, indicator=indicator, year=y, value=v)
            for y, v in _targets(baseline, final, start, end).items()
        )


def _maros(rows: list):
    """A second region with a draft masterplan shows the tenancy: its drafts stay private."""
    maros = region_import_codes(actor=None, code="73.09", rows=rows, slug="maros").region
    Region.objects.filter(pk=maros.pk).update(is_demo=True)
    maros_dims = dimensions_seed_defaults(region=maros)
    maros_kominfo, _ = Agency.objects.get_or_create(
        region=maros, acronym="Diskominfo", defaults={"name": "Dinas Komunikasi dan Informatika"}
    )
    maros_plan, _ = Masterplan.objects.get_or_create(
        region=maros,
        title="Masterplan Smart City Maros (draf)",
        defaults={"period_start_year": 2023, "period_end_year": 2033, "vision": "Draf visi (contoh)."},
    )
    Programme.objects.get_or_create(
        masterplan=maros_plan,
        code="GOV-01",
        defaults=dict(
            region=maros,
            title="Draf: layanan perizinan daring",
            dimension=maros_dims["governance"],
            owner_agency=maros_kominfo,
            start_year=2024,
            end_year=2025,
        ),
    )
    admin_maros = _user(*data.SECOND_REGION_ADMIN)
    Membership.objects.get_or_create(user=admin_maros, region=maros, role="region_admin")
    return maros


def _load_lutra_parts(*, lutra) -> None:
    """Every part of the Luwu Utara demo that is written through the apps' services, in dependency order."""
    load_demo_monitoring(
        region=lutra,
        reporter=get_user_model().objects.get(username="admin.lutra"),
        verifier=get_user_model().objects.get(username="tp.lutra"),
    )
    lutra_admin = get_user_model().objects.get(username="admin.lutra")
    for load in (
        load_demo_collaboration,
        load_demo_planning,
        load_demo_planio,
        load_demo_participation,
        load_demo_ideas,
        load_demo_surveys,
        load_demo_innovation,
        load_demo_literacy,
        load_demo_news,
    ):
        load(region=lutra, admin=lutra_admin)


@transaction.atomic
def load_demo() -> dict:
    """Load Luwu Utara (adopted masterplan, 30 programmes, 10 quick wins, two of them running this year) and a
    small second region. Dates that must stay current (the quick wins still running, the open period, last year's
    published evaluation) follow today's date."""
    today = timezone.localdate()
    rows = list(official_code_rows())
    lutra, agencies, dimensions, masterplan = _lutra(rows)
    elements = {(e.dimension_id, e.key): e for e in Element.objects.filter(region=lutra)}
    for row in data.PROGRAMMES:
        _programme(
            row,
            region=lutra,
            masterplan=masterplan,
            dimensions=dimensions,
            elements=elements,
            agencies=agencies,
            year=today.year,
        )
    users = []
    for username, full_name, role, acronym in data.USERS:
        user = _user(username, full_name)
        Membership.objects.get_or_create(user=user, region=lutra, role=role, defaults={"agency": agencies.get(acronym)})
        users.append((username, role, lutra.slug))
    _load_lutra_parts(lutra=lutra)
    _user(data.NATIONAL_EVALUATOR[0], data.NATIONAL_EVALUATOR[1], is_national_evaluator=True)
    users.append((data.NATIONAL_EVALUATOR[0], "national_evaluator", "*"))
    maros = _maros(rows)
    users.append((data.SECOND_REGION_ADMIN[0], "region_admin", maros.slug))
    # After Maros and the national evaluator exist: the evaluation demo ranks both regions.
    load_demo_evaluation(region=lutra, admin=get_user_model().objects.get(username="admin.lutra"))
    superuser = _user("admin", "Superuser", is_staff=True, is_superuser=True)
    users.append((superuser.username, "superuser (Django admin)", "*"))
    totp = demo_second_factors(username for username, _role, _region in users)
    return {"regions": [lutra, maros], "users": users, "password": data.DEMO_PASSWORD, "totp": totp}
