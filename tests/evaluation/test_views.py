"""Pages: who may open and post what (every role, the other region, assigned and unassigned evaluators),
bad input, and query counts that hold as items and regions grow."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Item, ItemScore, Round
from tests.factories import ProgrammeFactory, RegionFactory
from tests.roles import ALL_USERS

from .conftest import fill_self, publish, score_all

pytestmark = pytest.mark.django_db

USERS = [*ALL_USERS, "unassigned"]
STAFF = {"region_admin", "tim_pelaksana", "dewan", "agency_officer"}
EVALUATORS = {"evaluator", "unassigned"}


def _user(ev, who):
    return ev["unassigned"] if who == "unassigned" else ev["users"][who]


def _published(ev) -> Round:
    """A published 2023 round of the home region (the fixture's 2024 round stays a draft)."""
    evaluator = ev["users"]["evaluator"]
    f = services.framework_create(actor=evaluator, year=2023, copy_from=ev["framework"])
    r = services.round_create(actor=evaluator, region=ev["home"], framework=f, assessors=[evaluator])
    fill_self(r, ev["users"]["region_admin"])
    score_all(r, evaluator)
    return publish(r, evaluator)


def _check(response, who, allowed, name):
    if who in allowed:
        assert response.status_code in (200, 302), (name, who, response.status_code)
    elif who == "anonymous":
        assert response.status_code == 302 and "/akun/" in response["Location"], (name, who)
    else:
        assert response.status_code in (403, 404), (name, who, response.status_code)


@pytest.mark.parametrize("who", USERS)
def test_get_pages_permission_table(ev, client_for, who):
    published = _published(ev)
    draft = ev["round"]
    kw = {"region_slug": ev["home"].slug}
    pages = {
        "rounds": (reverse("evaluation:rounds", kwargs=kw), STAFF | EVALUATORS),
        "round_draft": (reverse("evaluation:round", kwargs={**kw, "pk": draft.pk}), STAFF | EVALUATORS),
        "round_published": (reverse("evaluation:round", kwargs={**kw, "pk": published.pk}), STAFF | EVALUATORS),
        # Scores of an unpublished round: national evaluators only; once published: the region's staff too.
        "results_draft": (reverse("evaluation:results", kwargs={**kw, "pk": draft.pk}), EVALUATORS),
        "results_published": (reverse("evaluation:results", kwargs={**kw, "pk": published.pk}), STAFF | EVALUATORS),
        "correct": (reverse("evaluation:correct", kwargs={**kw, "pk": published.pk}), {"evaluator"}),
        "national_home": (reverse("evaluation_national:home"), EVALUATORS),
        "framework_create": (reverse("evaluation_national:framework_create"), EVALUATORS),
        "framework": (reverse("evaluation_national:framework", kwargs={"pk": draft.framework_id}), EVALUATORS),
        "item_create": (reverse("evaluation_national:item_create", kwargs={"pk": draft.framework_id}), EVALUATORS),
        "round_create": (reverse("evaluation_national:round_create"), EVALUATORS),
        "ranking": (reverse("evaluation_national:ranking"), EVALUATORS),
    }
    client = client_for(_user(ev, who))
    for name, (url, allowed) in pages.items():
        _check(client.get(url), who, allowed, name)
    # Public results: everyone, without item comments.
    public = client.get(reverse("evaluation:public_results", kwargs=kw))
    assert public.status_code == 200
    assert b'data-testid="index-value"' in public.content and b'data-testid="gaps"' not in public.content


def test_other_region_round_is_404_through_this_region(ev, client_for):
    other = services.round_create(actor=ev["users"]["evaluator"], region=ev["other"], framework=ev["framework"])
    url = reverse("evaluation:round", kwargs={"region_slug": ev["home"].slug, "pk": other.pk})
    assert client_for(ev["users"]["region_admin"]).get(url).status_code == 404
    url = reverse("evaluation:round", kwargs={"region_slug": ev["other"].slug, "pk": other.pk})
    assert client_for(ev["users"]["region_admin"]).get(url).status_code == 403
    assert client_for(ev["users"]["other_admin"]).get(url).status_code == 200


@pytest.mark.parametrize("who", USERS)
def test_self_assessment_post_only_by_the_region_admin(ev, client_for, who):
    round_ = ev["round"]
    item = round_.scores.first()
    url = reverse("evaluation:self_assessment", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk})
    response = client_for(_user(ev, who)).post(url, {f"self_{item.item_id}": "1,5", f"note_{item.item_id}": "x"})
    _check(response, who, {"region_admin"}, "self_assessment")
    saved = ItemScore.objects.get(pk=item.pk).self_score
    assert (saved == Decimal("1.5")) == (who == "region_admin")


@pytest.mark.parametrize("who", USERS)
def test_scoring_post_only_by_an_assigned_assessor(ev, client_for, who):
    round_ = fill_self(ev["round"], ev["users"]["region_admin"])
    item = round_.scores.first()
    url = reverse("evaluation:scores", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk})
    response = client_for(_user(ev, who)).post(url, {f"score_{item.item_id}": "2", f"comment_{item.item_id}": "c"})
    _check(response, who, {"evaluator"}, "scores")
    assert (ItemScore.objects.get(pk=item.pk).score == 2) == (who == "evaluator")
    for name in ("publish", "prefill_refresh", "assessors"):
        url = reverse(f"evaluation:{name}", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk})
        response = client_for(_user(ev, who)).post(url, {})
        if who == "anonymous":
            assert response.status_code == 302
        elif who not in {"evaluator", "unassigned", "region_admin"}:
            assert response.status_code == 403, (name, who)


def test_bad_input_is_a_form_error_not_a_500(ev, client_for):
    round_ = ev["round"]
    item = round_.scores.first()
    client = client_for(ev["users"]["region_admin"])
    url = reverse("evaluation:self_assessment", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk})
    for bad in ("abc", "4,5", "-1"):
        response = client.post(url, {f"self_{item.item_id}": bad, f"note_{item.item_id}": "typed"})
        assert response.status_code == 400, bad
        assert b'role="alert"' in response.content and b"typed" in response.content  # input kept
    # Submitting with an empty item is refused and nothing changes.
    response = client.post(url, {f"self_{item.item_id}": "", "submit": "1"})
    assert response.status_code == 400
    assert Round.objects.get(pk=round_.pk).status == Round.Status.DRAFT
    # Framework weights that do not add up: a form error, nothing saved.
    client = client_for(ev["users"]["evaluator"])
    url = reverse("evaluation_national:framework", kwargs={"pk": round_.framework_id})
    data = {"scale_min": "0", "scale_max": "4", "note": ""}
    data |= {f"weight_{k}": "25" for k in ("baseline", "output", "outcome", "impact", "quick_win")}
    response = client.post(url, data)
    assert response.status_code == 400 and b"125" in response.content
    # A round for a region and year that already has one.
    url = reverse("evaluation_national:round_create")
    response = client.post(url, {"region": ev["home"].pk, "framework": round_.framework_id})
    assert response.status_code == 400 and Round.objects.filter(region=ev["home"]).count() == 1
    # An item that would push the dimension past 100%.
    url = reverse("evaluation_national:item_create", kwargs={"pk": round_.framework_id})
    outcome = round_.framework.dimensions.get(key="outcome")
    response = client.post(url, {"dimension": outcome.pk, "code": "X", "title": "x", "weight": "5", "order": 0})
    assert response.status_code == 400 and not Item.objects.filter(code="X").exists()


def _grow(ev, n_items: int, n_quick_wins: int):
    """More items (weight 0, so the weights still add up) and quick wins, then a fresh round of another region."""
    outcome = ev["framework"].dimensions.get(key="outcome")
    Item.objects.bulk_create(
        Item(framework=ev["framework"], dimension=outcome, code=f"G-{i}", title="g", weight=0, smart_dimension="living")
        for i in range(n_items)
    )
    for i in range(n_quick_wins):
        ProgrammeFactory(
            masterplan=ev["home_plan"],
            dimension=ev["home_dims"]["living"],
            owner_agency=ev["home_agency"],
            code=f"QW-{i}",
            is_quick_win=True,
            quick_win_year=2024,
        )
    Round.objects.filter(pk=ev["round"].pk).delete()
    return services.round_create(
        actor=ev["users"]["evaluator"],
        region=ev["home"],
        framework=ev["framework"],
        assessors=[ev["users"]["evaluator"]],
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_round_and_results_pages_query_count_is_flat(ev, client_for):
    admin, evaluator = ev["users"]["region_admin"], ev["users"]["evaluator"]
    kw = {"region_slug": ev["home"].slug}
    small_round = ev["round"]
    draft_small = _count(client_for(admin), reverse("evaluation:round", kwargs={**kw, "pk": small_round.pk}))
    fill_self(small_round, admin)
    score_all(small_round, evaluator)
    scoring_small = _count(client_for(evaluator), reverse("evaluation:round", kwargs={**kw, "pk": small_round.pk}))
    publish(small_round, evaluator)
    results_small = _count(client_for(admin), reverse("evaluation:results", kwargs={**kw, "pk": small_round.pk}))

    big_round = _grow(ev, 40, 12)
    assert big_round.scores.count() == 60 and big_round.quick_wins.count() == 13
    draft_big = _count(client_for(admin), reverse("evaluation:round", kwargs={**kw, "pk": big_round.pk}))
    fill_self(big_round, admin)
    score_all(big_round, evaluator)
    scoring_big = _count(client_for(evaluator), reverse("evaluation:round", kwargs={**kw, "pk": big_round.pk}))
    publish(big_round, evaluator)
    results_big = _count(client_for(admin), reverse("evaluation:results", kwargs={**kw, "pk": big_round.pk}))
    assert draft_big == draft_small and scoring_big == scoring_small and results_big == results_small
    assert max(draft_big, scoring_big, results_big) <= 30


def test_ranking_query_count_is_flat_and_ties_share_a_rank(ev, client_for, django_assert_max_num_queries):
    framework = ev["framework"]
    client = client_for(ev["users"]["evaluator"])
    url = reverse("evaluation_national:ranking") + "?tahun=2024"

    def add_regions(n, start):
        for i in range(start, start + n):
            region = RegionFactory(name=f"Region {i:03d}", slug=f"region-{i}", code=f"74.{i:02d}")
            Round.objects.create(
                region=region,
                framework=framework,
                year=2024,
                status="published",
                index=Decimal("2.5") + i % 5 / Decimal(10),
                created_by=ev["users"]["evaluator"],
            )

    add_regions(3, 10)
    with django_assert_max_num_queries(8):
        small = client.get(url)
    add_regions(40, 20)
    with django_assert_max_num_queries(8):
        big = client.get(url)
    assert small.status_code == big.status_code == 200
    assert big.content.count(b'data-testid="rank-') == 43
    # Indexes 2.5 … 2.9 repeat, so several regions share each rank.
    from kotacerdas.evaluation.selectors import ranking

    rows = ranking(year=2024)
    assert rows[0].rank == rows[1].rank == 1 and rows[-1].rank > 1


def test_pdf_report(ev, client_for):
    published = _published(ev)
    url = reverse("evaluation:results_pdf", kwargs={"region_slug": ev["home"].slug, "pk": published.pk})
    response = client_for(ev["users"]["region_admin"]).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client_for(ev["users"]["citizen"]).get(url).status_code == 403


def test_region_home_shows_the_published_index(ev, client_for, django_capture_on_commit_callbacks):
    home_url = reverse("region:home", kwargs={"region_slug": ev["home"].slug})
    assert b'data-testid="published-index"' not in client_for(None).get(home_url).content  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        _published(ev)  # publishing retires the cached page
    page = client_for(None).get(home_url)
    assert b'data-testid="published-index-value">3,00<' in page.content


@pytest.mark.parametrize("who", ["anonymous", "citizen", "other_admin", "evaluator"])
def test_api_published_results_for_everyone_without_drafts(ev, client_for, who):
    _published(ev)
    response = client_for(_user(ev, who)).get(f"/api/v1/regions/{ev['home'].slug}/evaluation/results/")
    assert response.status_code == 200
    data = response.json()
    assert [(r["year"], r["index"]) for r in data] == [(2023, "3.00")]  # the 2024 draft is not there
    assert data[0]["dimensions"]["outcome"]["score"] == "3.00" and data[0]["smart_dimensions"]["governance"] == "3.00"
    assert "comment" not in response.content.decode()
    assert client_for(None).get("/api/v1/regions/nowhere/evaluation/results/").status_code == 404


def test_lists_and_public_page_query_count_is_flat(ev, client_for):
    """Round lists (region and national) and the public results page as rounds and regions grow."""
    evaluator = ev["users"]["evaluator"]
    _published(ev)
    urls = {
        "rounds": (ev["users"]["region_admin"], reverse("evaluation:rounds", kwargs={"region_slug": ev["home"].slug})),
        "national": (evaluator, reverse("evaluation_national:home")),
        "public": (None, reverse("evaluation:public_results", kwargs={"region_slug": ev["home"].slug})),
    }
    small = {name: _count(client_for(user), url) for name, (user, url) in urls.items()}
    for i in range(25):
        region = RegionFactory(name=f"R{i:02d}", slug=f"r-{i}", code=f"75.{i:02d}")
        r = Round.objects.create(
            region=region,
            framework=ev["framework"],
            year=2024,
            status="published",
            index=Decimal(2),
            created_by=evaluator,
        )
        r.assessors.set([evaluator, ev["unassigned"]])
    for year in range(2015, 2020):  # older published years of the home region
        Round.objects.create(
            region=ev["home"],
            framework=ev["framework"],
            year=year,
            status="published",
            index=Decimal(1),
            created_by=evaluator,
        )
    cache.clear()  # the anonymous public page was cached by the first visit
    large = {name: _count(client_for(user), url) for name, (user, url) in urls.items()}
    assert large == small, (small, large)


@pytest.mark.parametrize("who", USERS)
def test_national_and_correction_posts_permission_table(ev, client_for, who):
    published = _published(ev)
    f = ev["framework"]
    item = f.items.first()
    posts = {
        "framework_create": (reverse("evaluation_national:framework_create"), {"year": 2030}, EVALUATORS),
        "framework": (reverse("evaluation_national:framework", kwargs={"pk": f.pk}), {}, EVALUATORS),
        "item_create": (reverse("evaluation_national:item_create", kwargs={"pk": f.pk}), {}, EVALUATORS),
        "item_edit": (
            reverse("evaluation_national:item_edit", kwargs={"pk": f.pk, "item_pk": item.pk}),
            {},
            EVALUATORS,
        ),
        "item_delete": (
            reverse("evaluation_national:item_delete", kwargs={"pk": f.pk, "item_pk": item.pk}),
            {},
            EVALUATORS,
        ),
        "round_create": (reverse("evaluation_national:round_create"), {}, EVALUATORS),
        "correct": (
            reverse("evaluation:correct", kwargs={"region_slug": ev["home"].slug, "pk": published.pk}),
            {"reason": "Salah ketik."},
            {"evaluator"},
        ),
    }
    client = client_for(_user(ev, who))
    for name, (url, data, allowed) in posts.items():
        response = client.post(url, data)
        if who in allowed:
            assert response.status_code in (200, 302, 400), (name, who, response.status_code)
        elif who == "anonymous":
            assert response.status_code == 302 and "/akun/" in response["Location"], (name, who)
        else:
            assert response.status_code == 403, (name, who, response.status_code)
    assert Round.objects.filter(supersedes=published).exists() == (who == "evaluator")
    assert Item.objects.filter(pk=item.pk).exists()  # it has answers in the open round: never deleted


def test_region_admin_reaches_the_round_history(ev, client_for):
    client = client_for(ev["users"]["region_admin"])
    page = client.get(reverse("evaluation:round", kwargs={"region_slug": ev["home"].slug, "pk": ev["round"].pk}))
    assert b'data-testid="round-history"' in page.content
    log = client.get(f"/r/{ev['home'].slug}/staf/audit/?type=evaluation.round&id={ev['round'].pk}")
    assert log.status_code == 200 and b"evaluation_round.create" in log.content
