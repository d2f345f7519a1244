"""The demo evaluation: frameworks from 2022 to this year, Luwu Utara 2022 and 2023 published (2023 = 2.88, the real
figure) and every later year up to last year, a prefilled draft of this year, Maros for the rankings; loaded twice
without change. The clock is frozen where the test names a year."""

from decimal import Decimal

import pytest
from django.urls import reverse
from freezegun import freeze_time

from kotacerdas.demo.evaluation import SCORES_2023, scores_of
from kotacerdas.demo.loader import load_demo
from kotacerdas.evaluation import scoring, selectors
from kotacerdas.evaluation.defaults import items
from kotacerdas.evaluation.models import Framework, ItemScore, Round
from kotacerdas.regions.models import Region


def test_demo_2023_scores_give_exactly_2_88_by_hand():
    """The arithmetic on the item list alone (no database): each dimension, then the weighted sum."""
    weights = {row["code"]: (row["dimension"], Decimal(row["weight"])) for row in items()}
    per_dim: dict[str, Decimal] = {}
    for code, value in SCORES_2023.items():
        dim, w = weights[code]
        per_dim[dim] = per_dim.get(dim, Decimal(0)) + w / 100 * Decimal(value)
    assert per_dim == {
        "baseline": Decimal("2.5"),
        "output": Decimal("3.25"),
        "outcome": Decimal("2.9"),
        "impact": Decimal("2.7"),
    }
    index = Decimal("0.1") * per_dim["baseline"] + Decimal("0.2") * per_dim["output"]
    index += Decimal("0.3") * per_dim["outcome"] + Decimal("0.3") * per_dim["impact"] + Decimal("0.1") * Decimal(3)
    assert index == Decimal("2.88")


@pytest.mark.django_db
@freeze_time("2025-11-20 09:00:00+08:00")
def test_demo_evaluation_is_complete_and_idempotent(client):
    load_demo()
    lutra = Region.objects.get(slug="luwu-utara")
    maros = Region.objects.get(slug="maros")
    assert set(Framework.objects.values_list("year", flat=True)) == {2022, 2023, 2024, 2025}
    r2023 = Round.objects.get(region=lutra, year=2023)
    assert r2023.is_published and r2023.index == Decimal("2.8800") and str(r2023.index_display) == "2.88"
    results = selectors.round_results(round_=r2023)
    assert results.index == Decimal("2.88")
    assert {d.key: d.score for d in results.dimensions} == {
        "baseline": Decimal("2.5"),
        "output": Decimal("3.25"),
        "outcome": Decimal("2.9"),
        "impact": Decimal("2.7"),
        "quick_win": Decimal(3),
    }
    r2022 = Round.objects.get(region=lutra, year=2022)
    assert r2022.is_published and scoring.q2(r2022.index) == Decimal("2.33")
    assert selectors.improvement(round_=r2023, results=results).index == Decimal("0.55")
    assert Round.objects.get(region=lutra, year=2024).is_published
    draft = Round.objects.get(region=lutra, year=2025)
    assert draft.status == Round.Status.DRAFT
    assert ItemScore.objects.filter(round=draft).exclude(prefill_value="").count() >= 3
    assert Round.objects.get(region=maros, year=2023).is_published
    ranking = selectors.ranking(year=2023)
    assert [r.round.region.slug for r in ranking][:2] == ["luwu-utara", "maros"]
    counts = (Round.objects.count(), ItemScore.objects.count(), Framework.objects.count())
    load_demo()
    assert (Round.objects.count(), ItemScore.objects.count(), Framework.objects.count()) == counts
    page = client.get(reverse("evaluation:public_results", kwargs={"region_slug": "luwu-utara"}))
    assert page.status_code == 200 and b"2,88" in page.content
    home = client.get(reverse("region:home", kwargs={"region_slug": "luwu-utara"}))
    assert home.status_code == 200


def test_later_years_rise_from_2023_and_stay_on_the_scale():
    assert scores_of(2023) == SCORES_2023
    later = scores_of(2026)
    assert all(Decimal(later[c]) >= Decimal(SCORES_2023[c]) for c in SCORES_2023)
    assert all(Decimal(v) <= 4 for year in range(2022, 2040) for v in scores_of(year).values())


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["2026-12-03 10:00:00+08:00", "2028-02-29 10:00:00+08:00"])
def test_whatever_the_day_last_year_is_published_and_this_year_is_a_draft(day):
    with freeze_time(day):
        load_demo()
        this_year = int(day[:4])
        lutra = Region.objects.get(slug="luwu-utara")
        assert Round.objects.get(region=lutra, year=this_year - 1).is_published
        assert Round.objects.get(region=lutra, year=this_year).status == Round.Status.DRAFT
        assert not Round.objects.filter(region=lutra, year__gt=this_year).exists()
        years = [r.round.region.slug for r in selectors.ranking(year=this_year - 1)]
        assert years == ["luwu-utara", "maros"]
