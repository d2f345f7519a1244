"""A verification's roll-up write (`achievements_update`) equals the full recompute on a period of 300 programmes
(the bench's size, issue 18 target 4), and reads and writes in a fixed number of statements however many there
are: open data's listener included, a transaction's BEGIN/COMMIT and savepoints aside."""

import random
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kotacerdas.monitoring import services
from kotacerdas.monitoring.models import Achievement, PeriodPlan, ProgressReport, ReportingPeriod
from tests.factories import AgencyFactory, ProgrammeFactory

Status = ProgressReport.Status


def _rows(period) -> dict:
    return {
        (a.level, a.object_id): (a.value, a.value_exact, a.reported, a.expected)
        for a in Achievement.objects.filter(period=period)
    }


def _statements(ctx) -> list[str]:
    """What the update sent, but transaction control."""
    control = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
    return [q["sql"] for q in ctx.captured_queries if not q["sql"].lstrip().upper().startswith(control)]


def _update_equals_recompute(mon, period, programme) -> tuple[int, list[str]]:
    """`achievements_update` for the programme, then the full recompute, which must give the same rows; what the
    update returned and the statements it sent."""
    with CaptureQueriesContext(connection) as ctx:
        wrote = services.achievements_update(region=mon["home"], period=period, programme_id=programme.pk)
    incremental = _rows(period)
    services.achievements_recompute(region=mon["home"], period=period)
    assert _rows(period) == incremental, programme.code
    return wrote, [sql[:60] for sql in _statements(ctx)]


def _verified(mon, programme, period, achievement) -> ProgressReport:
    return ProgressReport.objects.create(
        region=mon["home"],
        programme=programme,
        period=period,
        status=Status.VERIFIED,
        achievement=achievement,
        created_by=mon["users"]["region_admin"],
    )


def _period_of_300(mon, rng: random.Random):
    """300 programmes over the dimensions, their elements and eight agencies, with uneven weights; about two
    thirds verified with uneven achievements (some without a figure), a few only submitted."""
    home, dims, period = mon["home"], list(mon["home_dims"].values()), mon["home_period"]
    for dim in dims[:3]:
        dim.weight = D(rng.choice(["1", "2", "3"]))
        dim.save()
    agencies = [AgencyFactory(region=home, acronym=f"A{i}") for i in range(8)]
    programmes = []
    for i in range(299):  # and the world's GOV-01
        dim = dims[i % len(dims)]
        programmes.append(
            ProgrammeFactory(
                masterplan=mon["home_plan"],
                code=f"B-{i:03d}",
                dimension=dim,
                element=dim.elements.first() if i % 3 else None,
                owner_agency=rng.choice(agencies),
                weight=D(rng.choice(["0.5", "1", "1", "2"])),
                start_year=2023,
                end_year=2025,
            )
        )
    reports = []
    for programme in programmes:
        roll = rng.random()
        if roll < 0.7:
            status = Status.VERIFIED if roll < 0.65 else Status.SUBMITTED
            value = None if roll < 0.05 else D(rng.randrange(0, 12000)) / 100
            reports.append(
                ProgressReport(
                    region=home,
                    programme=programme,
                    period=period,
                    status=status,
                    achievement=value,
                    created_by=mon["users"]["region_admin"],
                )
            )
    ProgressReport.objects.bulk_create(reports)
    services.achievements_recompute(region=home, period=period)
    return period, programmes


def test_updates_equal_the_full_recompute_on_300_programmes(mon):
    rng = random.Random(18)
    period, programmes = _period_of_300(mon, rng)
    # Verifications, corrections and withdrawals one after another, each followed by its update only.
    for programme in rng.sample(programmes, 12):
        report = ProgressReport.objects.filter(programme=programme, period=period).first()
        withdrawn = False
        if report is None:
            report = _verified(mon, programme, period, D("42.42"))
        elif report.status == Status.VERIFIED and rng.random() < 0.3:
            report.status = Status.RETURNED  # un-verified: its own row goes, its groups' means move
            report.save(update_fields=["status"])
            withdrawn = True
        else:
            report.status, report.achievement = Status.VERIFIED, D(rng.randrange(0, 15000)) / 100
            report.save(update_fields=["status", "achievement"])
        _wrote, statements = _update_equals_recompute(mon, period, programme)
        # the stored rows, the members with their verified figures, the upsert, open data's listener (and a
        # withdrawn programme's own row deleted)
        assert len(statements) == 4 + withdrawn, statements


def test_a_closed_period_is_updated_against_its_frozen_plan(mon):
    """Closed with 300 programmes; then one more programme is extended into its year. Verifying a programme of the
    frozen plan updates only the rows it feeds, in a fixed number of statements; verifying the later one writes
    nothing (the closed quarter was never measured with it). Both equal the full recompute."""
    rng = random.Random(4)
    period, programmes = _period_of_300(mon, rng)
    period = services.reporting_period_set_status(
        actor=mon["users"]["region_admin"], period=period, status=ReportingPeriod.Status.CLOSED
    )
    later = ProgrammeFactory(masterplan=mon["home_plan"], code="LATE-1", start_year=2025, end_year=2026)
    later.start_year = 2023
    later.save(update_fields=["start_year"])
    member = next(p for p in programmes if not ProgressReport.objects.filter(programme=p, period=period).exists())
    # the stored rows (and whether the period is frozen), the frozen plan, the members' verified figures, the
    # upsert, open data's listener; for the later one, nothing after the frozen plan
    for programme, statements in ((member, 5), (later, 2)):
        _verified(mon, programme, period, D("61.50"))
        wrote, sent = _update_equals_recompute(mon, period, programme)
        assert (wrote > 0) == (programme == member), (programme.code, wrote)
        assert len(sent) == statements, sent


def test_a_period_closed_before_plans_were_frozen_follows_the_live_plan(mon):
    """A closed period without a frozen plan (closed before plans were frozen, or loaded as seed data) is measured
    against the live plan, as the full recompute measures it, in as many statements as an open period."""
    rng = random.Random(7)
    period, programmes = _period_of_300(mon, rng)
    period = services.reporting_period_set_status(
        actor=mon["users"]["region_admin"], period=period, status=ReportingPeriod.Status.CLOSED
    )
    PeriodPlan.objects.filter(period=period).delete()
    # rows computed against the frozen plan carry no stamp of the live one: the first update would recompute
    services.achievements_recompute(region=mon["home"], period=period)
    for programme in rng.sample(programmes, 3):
        if not ProgressReport.objects.filter(programme=programme, period=period).exists():
            _verified(mon, programme, period, D("77.70"))
        _wrote, statements = _update_equals_recompute(mon, period, programme)
        assert len(statements) == 4, statements


def test_a_period_without_a_roll_up_gets_the_full_one(mon):
    """No roll-up rows yet: after one read the update is the full recompute."""
    period, programmes = _period_of_300(mon, random.Random(9))
    Achievement.objects.filter(period=period).delete()
    wrote = services.achievements_update(region=mon["home"], period=period, programme_id=programmes[0].pk)
    incremental = _rows(period)
    assert wrote == len(incremental) > 100  # every row of the period, not the five it feeds
    services.achievements_recompute(region=mon["home"], period=period)
    assert _rows(period) == incremental


def test_a_plan_edited_since_the_roll_up_is_recomputed_not_patched(mon):
    """Since the last roll-up one programme moved to another dimension and agency, one left the year and another
    joined it (the plan's size unchanged). The next verification's update cannot patch only its own programme's
    rows, which would leave the rows the edited programmes left and joined stale: it recomputes the period. The
    one after it is an update again."""
    from kotacerdas.masterplan import services as masterplan

    rng = random.Random(11)
    period, programmes = _period_of_300(mon, rng)
    admin = mon["users"]["region_admin"]
    moved, leaving = programmes[0], programmes[1]
    other_dimension = next(d for d in mon["home_dims"].values() if d.pk != moved.dimension_id)
    other_agency = next(p.owner_agency for p in programmes if p.owner_agency_id != moved.owner_agency_id)
    masterplan.programme_update(
        actor=admin,
        programme=moved,
        dimension=other_dimension,
        element=None,
        owner_agency=other_agency,
        reason="Dipindah ke dimensi lain",
    )
    masterplan.programme_update(actor=admin, programme=leaving, start_year=2026, end_year=2026, reason="Ditunda")
    joining = ProgrammeFactory(masterplan=mon["home_plan"], code="LATE-2", start_year=2026, end_year=2026)
    masterplan.programme_update(actor=admin, programme=joining, start_year=2023, end_year=2025, reason="Dipercepat")
    untouched = [
        p
        for p in programmes[2:]
        if p.dimension_id not in (moved.dimension_id, other_dimension.pk)
        and not ProgressReport.objects.filter(programme=p, period=period).exists()
    ]
    for programme, recomputed in ((untouched[0], True), (untouched[1], False)):
        _verified(mon, programme, period, D("55.55"))
        _wrote, statements = _update_equals_recompute(mon, period, programme)
        assert (len(statements) > 5) == recomputed, statements
