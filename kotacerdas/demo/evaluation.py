"""Illustrative yearly smart city evaluation for the Luwu Utara demo.

- Frameworks from 2022 to this year with the default weights (Baseline 10, Output 20, Outcome 30, Impact 30,
  Quick Win 10).
- Luwu Utara 2022 published (index 2.33) and 2023 published with index 2.88 — the real 2023 figure
  (makassar.tribunnews.com, 2024-01-03); the item scores are illustrative, chosen so that the weighted
  arithmetic gives exactly 2.88 (tests/evaluation/test_demo.py proves it).
- Every later year up to last year published too, with illustrative scores that rise a little each year
  (`scores_of`), so there is always a published evaluation of last year whatever the day the demo is loaded.
- Luwu Utara this year: a draft round, prefilled from the demo monitoring data, ready for the self-assessment.
- Maros 2023 and last year published, so the rankings have two regions.
Everything is written through the services, by the demo national evaluator `timahli`; loading twice
changes nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Framework, Round
from kotacerdas.regions.models import Membership, Region

from . import data

# Assessor scores per item code. 2023: Baseline 2.5, Output 3.25, Outcome 2.9, Impact 2.7, Quick Win 3.0:
# 0.1×2.5 + 0.2×3.25 + 0.3×2.9 + 0.3×2.7 + 0.1×3.0 = 0.25 + 0.65 + 0.87 + 0.81 + 0.30 = 2.88.
SCORES_2023 = {
    "BAS-1": "3", "BAS-2": "2",
    "OUT-1": "4", "OUT-2": "3", "OUT-3": "3", "OUT-4": "3",
    "OC-GOV": "4", "OC-BRA": "3", "OC-ECO": "3", "OC-LIV": "3", "OC-SOC": "3", "OC-ENV": "2", "OC-REP": "2",
    "IMP-GOV": "3", "IMP-BRA": "3", "IMP-ECO": "3", "IMP-LIV": "3", "IMP-SOC": "2", "IMP-ENV": "2",
    "IMP-SRV": "2.8",
}  # fmt: skip
# Each quick win's three ratings average 3 (so the Quick Win dimension is 3.0 whatever their number).
QUICK_WINS_2023 = [("4", "3", "2"), ("3", "3", "3"), ("2", "3", "4"), ("3", "4", "2")]

# 2022: Baseline 2.0, Output 2.75, Outcome 2.3, Impact 2.125, Quick Win 2.5 → 2.3275, published as 2.33.
SCORES_2022 = {
    "BAS-1": "2", "BAS-2": "2",
    "OUT-1": "4", "OUT-2": "3", "OUT-3": "2", "OUT-4": "2",
    "OC-GOV": "3", "OC-BRA": "2", "OC-ECO": "2", "OC-LIV": "3", "OC-SOC": "2", "OC-ENV": "2", "OC-REP": "2",
    "IMP-GOV": "2", "IMP-BRA": "2", "IMP-ECO": "2", "IMP-LIV": "3", "IMP-SOC": "2", "IMP-ENV": "2",
    "IMP-SRV": "2",
}  # fmt: skip
QUICK_WINS_2022 = [("3", "2", "2.5"), ("2", "3", "2.5")]

# Years after 2023 (illustrative): each year two more items rise by half a step, in this order.
RISING = ["OC-ENV", "OC-REP", "IMP-SOC", "IMP-ENV", "BAS-2", "IMP-SRV", "OC-BRA", "OC-ECO", "OC-LIV", "OC-SOC"]


def scores_of(year: int) -> dict[str, str]:
    """The demo's assessor scores of a year: 2022's and 2023's as above, later years a little higher."""
    if year <= 2022:
        return dict(SCORES_2022)
    scores = {code: Decimal(value) for code, value in SCORES_2023.items()}
    for step in range(2 * (year - 2023)):
        code = RISING[step % len(RISING)]
        scores[code] = min(scores[code] + Decimal("0.5"), Decimal(4))
    return {code: str(value) for code, value in scores.items()}


COMMENTS = {
    "OC-ENV": "Program lingkungan belum terintegrasi lintas dimensi.",
    "OC-REP": "Dokumen antar-dimensi dan antar-program belum terintegrasi.",
    "IMP-SRV": "Survei dampak sudah ada, responden masih sedikit.",
}


def _user(username: str, full_name: str, **extra):
    from .loader import _user as make_user  # the loader imports this module; read its helper at call time

    return make_user(username, full_name, **extra)


def _framework(actor, year: int, copy_from: Framework | None) -> Framework:
    existing = Framework.objects.filter(year=year).first()
    return existing or services.framework_create(actor=actor, year=year, copy_from=copy_from)


def _published_round(*, region, framework, assessor, admin, scores: dict, quick_wins: list) -> Round:
    round_ = services.round_create(actor=assessor, region=region, framework=framework, assessors=[assessor])
    rows = list(round_.scores.select_related("item"))
    # The region rates itself a little higher than the assessors do, as regions tend to.
    answers = {
        s.item_id: (
            min(Decimal(scores[s.item.code]) + Decimal("0.5"), framework.scale_max),
            "Bukti dukung terlampir (SK, laporan monev, dokumentasi).",
        )
        for s in rows
    }
    services.self_assessment_save(actor=admin, round_=round_, answers=answers)
    services.round_submit(actor=admin, round_=round_)
    services.scores_save(
        actor=assessor,
        round_=round_,
        scores={s.item_id: (Decimal(scores[s.item.code]), COMMENTS.get(s.item.code, "")) for s in rows},
    )
    ratings = {}
    for i, rating in enumerate(round_.quick_wins.order_by("programme__code")):
        innovativeness, implementation, benefit = quick_wins[i % len(quick_wins)]
        ratings[rating.programme_id] = {
            "innovativeness": innovativeness,
            "implementation": implementation,
            "benefit": benefit,
            "comment": "",
        }
    services.quick_wins_rate(actor=assessor, round_=round_, ratings=ratings)
    services.interview_notes_save(
        actor=assessor,
        round_=round_,
        notes="Wawancara daring dengan Tim Pelaksana dan koordinator dimensi (ilustratif).",
    )
    services.round_mark_scored(actor=assessor, round_=round_)
    return services.round_publish(actor=assessor, round_=round_)


def load_demo_evaluation(*, region, admin, today: datetime.date | None = None) -> None:
    """Write the demo rows through the services, once (a region that already has them is left alone)."""
    this_year = (today or timezone.localdate()).year
    assessor = _user(*data.NATIONAL_EVALUATOR, is_national_evaluator=True)
    frameworks = {}
    for year in range(2022, this_year + 1):
        frameworks[year] = _framework(assessor, year, frameworks.get(year - 1))
    for year in range(2022, this_year):
        if not Round.objects.filter(region=region, year=year).exists():
            _published_round(
                region=region,
                framework=frameworks[year],
                assessor=assessor,
                admin=admin,
                scores=scores_of(year),
                quick_wins=QUICK_WINS_2022 if year == 2022 else QUICK_WINS_2023,
            )
    if not Round.objects.filter(region=region, year=this_year).exists():
        services.round_create(actor=assessor, region=region, framework=frameworks[this_year], assessors=[assessor])

    # The second demo region (the loader fills in its districts and masterplan afterwards; the import
    # matches the region on its official code, so this row is the one it completes).
    maros, _created = Region.objects.get_or_create(
        code="73.09",
        defaults={"name": "Maros", "slug": "maros", "kind": Region.Kind.REGENCY, "province": "Sulawesi Selatan"},
    )
    maros_admin = _user(*data.SECOND_REGION_ADMIN)
    Membership.objects.get_or_create(user=maros_admin, region=maros, role=Membership.Role.REGION_ADMIN)
    for year in sorted({2023, this_year - 1}):
        if year in frameworks and not Round.objects.filter(region=maros, year=year).exists():
            _published_round(
                region=maros,
                framework=frameworks[year],
                assessor=assessor,
                admin=maros_admin,
                scores=dict.fromkeys(SCORES_2023, "2.5"),
                quick_wins=[("2", "2", "2")],
            )


def demo_evaluator():
    return get_user_model().objects.get(username=data.NATIONAL_EVALUATOR[0])
