"""“What raises our score most”: the ranking checked against a hand computation, the arithmetic shown, the
links, the published basis, and who may see it."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kotacerdas.evaluation import advice, services
from kotacerdas.evaluation.advice_selectors import score_advice

from .conftest import publish, score_all

D = Decimal


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def _self_scores(ev, scores: dict[str, str], default="3", leave_out=()):
    round_ = ev["round"]
    answers = {
        s.item_id: (D(scores.get(s.item.code, default)), "bukti")
        for s in round_.scores.select_related("item")
        if s.item.code not in leave_out
    }
    services.self_assessment_save(actor=ev["users"]["region_admin"], round_=round_, answers=answers)


def test_rank_of_the_briefs_example():
    """Outcome 30% × item 25% × one step of 4 = 0.075 index points (shown +0,08)."""
    item = advice.ItemInput(1, "OC-X", "x", "", "", "outcome", "Outcome", D(30), D(25), D(2))
    [action] = advice.rank(items=[item], quick_wins=[], quick_win_weight=D(10), scale_min=D(0), scale_max=D(4))
    assert action.gain == D("0.075")


def test_ranking_matches_the_hand_computation(ev):
    # Every item answered 3 on the 0–4 scale, except BAS-1 at 3.5 (half a step left) and OUT-2 unanswered
    # (counts from 0: a whole step). The home region's one quick win GOV-01 has no impact survey.
    _self_scores(ev, {"BAS-1": "3.5"}, leave_out={"OUT-2"})
    result = score_advice(region=ev["home"], top=50)
    assert result.from_published is False
    gains = [(a.code, a.gain) for a, _url in result.actions]
    # By hand: gain = W_E/100 × w_i/100 × step.
    expected = (
        [("IMP-SRV", D("0.30") * D("0.25"))]  # Impact 30% × 25% × 1 = 0.075
        + [(c, D("0.10") * D("0.50")) for c in ["BAS-2"]]  # Baseline 10% × 50% = 0.05
        + [(c, D("0.20") * D("0.25")) for c in ["OUT-1", "OUT-2", "OUT-3", "OUT-4"]]  # Output 20% × 25% = 0.05
        + [(f"OC-{c}", D("0.30") * D("0.15")) for c in ["BRA", "ECO", "ENV", "GOV", "LIV", "SOC"]]  # 0.045
        + [(f"IMP-{c}", D("0.30") * D("0.125")) for c in ["BRA", "ECO", "ENV", "GOV", "LIV", "SOC"]]  # 0.0375
        + [("GOV-01", D("0.10") * 1 / 3)]  # Quick Win 10% × its share 100% × benefit ⅓ × 1 = 0.0333…
        + [("OC-REP", D("0.30") * D("0.10"))]  # 0.03
        + [("BAS-1", D("0.10") * D("0.50") * D("0.5"))]  # half a step: 0.025
    )
    assert [c for c, _g in gains] == [c for c, _g in expected]
    for (code, gain), (_c, hand) in zip(gains, expected, strict=True):
        assert abs(gain - hand) < D("0.0000001"), code


def test_page_shows_the_arithmetic_and_where_to_act(ev, client_for):
    _self_scores(ev, {})
    html = client_for(ev["users"]["tim_pelaksana"]).get("/r/luwu-utara/evaluasi/naikkan-skor/").content.decode()
    first = html[html.index('data-testid="advice-action"') :]
    first = first[: first.index("</li>")]
    assert 'data-code="IMP-SRV"' in first
    assert "+0,08 pada indeks: bobot Dampak 30% × bobot butir 25% × satu langkah dari 4" in first
    assert f'href="/r/luwu-utara/evaluasi/{ev["round"].pk}/#dim-impact"' in first
    assert 'href="/r/luwu-utara/monev/"' in html  # an outcome item is raised by verified achievement
    assert 'href="/r/luwu-utara/staf/survei/baru/"' in html  # the quick win's missing impact survey
    client = client_for(ev["users"]["region_admin"])
    client.get("/bahasa/en/?next=/")
    with translation.override("en"):
        html = client.get("/r/luwu-utara/evaluasi/naikkan-skor/").content.decode()
    assert "+0.08 on the index: Impact weight 30% × item weight 25% × one step of 4" in html


def test_published_round_uses_agreed_scores(ev, client_for):
    evaluator = ev["users"]["evaluator"]
    _self_scores(ev, {})
    services.round_submit(actor=ev["users"]["region_admin"], round_=ev["round"])
    publish(score_all(ev["round"], evaluator, scores={"IMP-SRV": "4"}, default="2", qw="4"), evaluator)
    result = score_advice(region=ev["home"], top=50)
    assert result.from_published is True
    codes = [a.code for a, _url in result.actions]
    assert "IMP-SRV" not in codes  # already at the top
    assert codes[0] == "BAS-1"  # Baseline 10% × 50% × 1 = 0.05 ties Output, first by code
    html = client_for(ev["users"]["region_admin"]).get("/r/luwu-utara/evaluasi/naikkan-skor/").content.decode()
    assert 'data-testid="advice-basis"' in html and "2024" in html


def test_no_round_yet(world, client_for):
    html = client_for(world["users"]["region_admin"]).get("/r/luwu-utara/evaluasi/naikkan-skor/").content.decode()
    assert 'data-testid="advice-empty"' in html


@pytest.mark.parametrize(
    "who, status",
    [
        ("region_admin", 200),
        ("tim_pelaksana", 200),
        ("dewan", 403),
        ("agency_officer", 403),
        ("partner", 403),
        ("citizen", 403),
        ("other_admin", 403),
        ("evaluator", 403),
        ("anonymous", 302),
    ],
)
def test_who_may_see_it(ev, client_for, who, status):
    response = client_for(ev["users"][who]).get("/r/luwu-utara/evaluasi/naikkan-skor/")
    assert response.status_code == status


def test_link_from_the_round_list(ev, client_for):
    html = client_for(ev["users"]["region_admin"]).get("/r/luwu-utara/evaluasi/").content.decode()
    assert 'data-testid="advice-link"' in html
    html = client_for(ev["users"]["dewan"]).get("/r/luwu-utara/evaluasi/").content.decode()
    assert 'data-testid="advice-link"' not in html


def test_cached_body_follows_the_region_and_the_framework(ev, client_for, django_capture_on_commit_callbacks):
    """The ranking is cached under the region's version and the national configuration's: a self-assessment
    answer retires it, and so does a change of the framework's weights (a change outside any region)."""
    client = client_for(ev["users"]["tim_pelaksana"])
    url = "/r/luwu-utara/evaluasi/naikkan-skor/"
    first = client.get(url).content.decode()
    assert 'data-code="IMP-SRV"' in first
    with django_capture_on_commit_callbacks(execute=True):
        _self_scores(ev, {}, default="4")  # every item at the top: nothing left to gain from items
    html = client.get(url).content.decode()
    assert 'data-code="IMP-SRV"' not in html and 'data-code="GOV-01"' in html
    item = ev["framework"].dimensions.get(key="outcome").items.order_by("code").first()
    with django_capture_on_commit_callbacks(execute=True):
        _self_scores(ev, {item.code: "3"}, default="4")
    assert f'data-code="{item.code}"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_update(actor=ev["users"]["evaluator"], item=item, weight=D(0))
    assert f'data-code="{item.code}"' not in client.get(url).content.decode()  # weight 0: no gain left


def test_query_count_does_not_grow_with_items_and_a_hit_reads_no_ranking(ev, client_for):
    client = client_for(ev["users"]["tim_pelaksana"])
    url = "/r/luwu-utara/evaluasi/naikkan-skor/"

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    cache.clear()  # as after the growth below: what the sign-in left in the cache is gone in both counts
    small = count()
    hit = count()
    assert hit <= small - 4  # the round, its dimensions, item scores and quick-win ratings: only on a miss
    outcome = ev["framework"].dimensions.get(key="outcome")
    for i in range(6):
        services.item_create(
            actor=ev["users"]["evaluator"],
            framework=ev["framework"],
            dimension=outcome,
            code=f"OC-N{i}",
            title="x",
            weight=D(0),
        )
    cache.clear()
    assert count() == small
    assert count() == hit
