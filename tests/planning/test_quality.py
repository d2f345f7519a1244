"""The masterplan quality check: scores per component by hand, what to fix with links, the scores moving as
the plan is completed, the query count as programmes grow, and who may open it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kotacerdas.collaboration.services import partner_create
from kotacerdas.ideas.services import idea_create, idea_link_programme
from kotacerdas.planning.models import Round
from kotacerdas.planning.selectors.quality import quality_check
from kotacerdas.planning.services import participant_add
from kotacerdas.surveys.services import survey_create
from tests.factories import IndicatorFactory, ProgrammeFactory, TargetFactory

URL = "/r/luwu-utara/rencana/mutu/"


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


def _scores(plan) -> dict:
    return {c.key: (c.passed, c.total) for c in quality_check(masterplan=plan)}


def test_scores_by_hand_on_a_fresh_plan(planned):
    # GOV-01 (2023–2025): one indicator with a baseline and a 2024 target only; an owner; a budget funded by
    # the APBD; no strategy, no origin; no supporting agency. Quick win in 2023.
    scores = _scores(planned["home_plan"])
    assert scores["programmes"] == (3, 6)  # baseline ✓, targets ✗ (2023, 2025), owner ✓, budget ✓, strategy ✗, origin ✗
    assert scores["fact_base"] == (0, 7)  # 3 questionnaires unscored, 3 SWOTs empty, no profile
    # 4 rounds without attendance, 5 pentahelix sides absent, no citizen idea (received, linked), no impact
    # survey of the quick win GOV-01
    assert scores["participation"] == (0, 12)
    assert scores["coordination"] == (0, 2)  # no supporting agency, no partner
    assert scores["monitoring"] == (1, 2)  # no reporting period; a Tim Pelaksana member exists
    assert scores["consistency"] == (2, 2)  # targets within 2023–2025, quick-win year within


def test_scores_move_as_the_plan_is_completed(planned):
    plan, admin = planned["home_plan"], planned["users"]["region_admin"]
    partner_create(actor=admin, region=planned["home"], name="Universitas Andi Djemma", category="academia")
    round_one = Round.objects.get(masterplan=plan, number=1)
    participant_add(round=round_one, actor=admin, name="Dr. A", organisation="universitas andi djemma ")
    participant_add(round=round_one, actor=admin, name="Kadis", agency=planned["home_agency"])
    TargetFactory(indicator=planned["home_programme"].indicators.get(), year=2030)  # outside 2023–2025
    scores = _scores(plan)
    assert scores["participation"] == (3, 12)  # round I attended; government and academia present
    assert scores["coordination"] == (1, 2)
    assert scores["consistency"] == (1, 2)
    consistency = next(c for c in quality_check(masterplan=plan) if c.key == "consistency")
    [fix] = consistency.fixes
    assert "GOV-01" in fix.text and "2030" in fix.text
    assert fix.url == f"/r/luwu-utara/rencana/program/{planned['home_programme'].pk}/"


def test_participation_counts_ideas_surveys_and_the_pentahelix_at_the_bimtek(planned):
    plan, admin, home = planned["home_plan"], planned["users"]["region_admin"], planned["home"]
    idea = idea_create(
        actor=planned["users"]["citizen"],
        region=home,
        title="Layanan KTP keliling desa",
        description="Mobil layanan adminduk datang ke desa terpencil setiap bulan.",
        dimension=planned["home_dims"]["governance"],
    )
    assert _scores(plan)["participation"] == (1, 12)  # an idea received, none linked yet
    idea_link_programme(actor=admin, idea=idea, programme=planned["home_programme"])
    survey_create(
        actor=admin,
        region=home,
        kind="impact",
        title="Dampak quick win GOV-01",
        programme=planned["home_programme"],
        opens_on=datetime.date(2023, 1, 1),
        closes_on=datetime.date(2023, 12, 31),
    )
    assert _scores(plan)["participation"] == (3, 12)
    # An attendee's organisation counts by a partner's name or short name, whatever its case and spacing.
    partner_create(
        actor=admin,
        region=home,
        name="PT Bank Sulselbar",
        acronym="Bank  SULSELBAR",
        category="business",
        subkind="bank",
    )
    partner_create(actor=admin, region=home, name="Radar Selatan", category="media", subkind="print")
    round_two = Round.objects.get(masterplan=plan, number=2)
    participant_add(round=round_two, actor=admin, name="Ibu B", organisation="bank sulselbar")
    participant_add(round=round_two, actor=admin, name="Pak C", organisation=" Radar  Selatan")
    participant_add(round=round_two, actor=admin, name="Pak D", organisation="Koperasi tanpa registrasi")
    participation = next(c for c in quality_check(masterplan=plan) if c.key == "participation")
    assert (participation.passed, participation.total) == (6, 12)  # round II; business and media present
    texts = " ".join(f.text for f in participation.fixes)
    assert "GOV-01" not in texts and "gagasan" not in texts.lower()


def test_participation_fixes_link_only_for_those_who_may_act(planned, client_for):
    for who, linked in (("region_admin", True), ("tim_pelaksana", True), ("dewan", False)):
        html = client_for(planned["users"][who]).get(URL).content.decode()
        part = html.split('data-testid="fixes-participation"')[1].split("</ul>")[0]
        assert ('href="/r/luwu-utara/staf/survei/baru/"' in part) is linked, who
        assert ('href="/r/luwu-utara/staf/gagasan/"' in part) is linked, who
        assert 'href="/r/luwu-utara/gagasan/"' in part  # the public ideas page: anyone may open it


def test_page_lists_scores_and_fixes_with_links(planned, client_for):
    html = client_for(planned["users"]["tim_pelaksana"]).get(URL).content.decode()
    assert 'data-testid="score-fact_base">0%' in html
    assert "Tuliskan profil daerah" in html and 'href="/r/luwu-utara/rencana/visi/"' in html
    assert 'data-testid="fixes-consistency-none"' in html


@pytest.mark.parametrize(
    "who, status",
    [("region_admin", 200), ("dewan", 200), ("evaluator", 200), ("citizen", 403), ("other_admin", 403)],
)
def test_who_may_open_it(planned, client_for, who, status):
    assert client_for(planned["users"][who]).get(URL).status_code == status


def _grow(world, n):
    for _ in range(n):
        programme = ProgrammeFactory(
            masterplan=world["home_plan"],
            dimension=world["home_dims"]["economy"],
            is_quick_win=True,
            quick_win_year=2024,
        )
        programme.supporting_agencies.add(world["home_agency"])
        for _ in range(2):
            TargetFactory(indicator=IndicatorFactory(programme=programme), year=2024)


def test_query_count_does_not_grow_with_programmes(planned, client_for):
    client = client_for(planned["users"]["region_admin"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    _grow(planned, 1)
    small = count()
    _grow(planned, 15)
    assert count() == small
