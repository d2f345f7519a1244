import datetime

import pytest
from django.urls import reverse

from kotacerdas.innovation import services
from kotacerdas.innovation.models import Innovation
from tests.roles import ALL_USERS

from .factories import advance_to, innovation, pdf

pytestmark = pytest.mark.django_db

MANAGERS = {"region_admin", "tim_pelaksana"}
EDITORS = MANAGERS | {"agency_officer"}  # the officer's agency owns the test innovation
READERS = EDITORS | {"dewan", "evaluator"}


@pytest.fixture
def inno(world):
    admin = world["users"]["region_admin"]
    proposal = innovation(world, title="Usulan Rahasia")
    applied = advance_to(innovation(world, title="Sistem Antrean Online"), "applied", actor=admin)
    foreign = innovation(world, region_key="other", title="Inovasi Maros")
    return {**world, "proposal": proposal, "applied": applied, "foreign": foreign}


def _check(response, who, allowed, name):
    if who in allowed:
        assert response.status_code == 200, (name, who, response.status_code)
    elif who == "anonymous":
        assert response.status_code == 302 and "/akun/" in response["Location"], (name, who)
    else:
        assert response.status_code == 403, (name, who, response.status_code)


@pytest.mark.parametrize("who", ALL_USERS)
def test_staff_pages_permission_table(inno, client_for, who):
    kw = {"region_slug": "luwu-utara"}
    pk = {**kw, "pk": inno["proposal"].pk}
    pages = {
        "list": (reverse("innovation:list", kwargs=kw), READERS),
        "overview": (reverse("innovation:overview", kwargs=kw), READERS),
        "create": (reverse("innovation:create", kwargs=kw), EDITORS),
        "detail": (reverse("innovation:detail", kwargs=pk), READERS),
        "edit": (reverse("innovation:edit", kwargs=pk), EDITORS),
    }
    client = client_for(inno["users"][who])
    for name, (url, allowed) in pages.items():
        _check(client.get(url), who, allowed, name)


@pytest.mark.parametrize("who", ALL_USERS)
def test_posts_permission_table(inno, client_for, who):
    """Changes by anyone but the managers and the owning agency's officer are refused, nothing saved."""
    kw = {"region_slug": "luwu-utara", "pk": inno["proposal"].pk}
    client = client_for(inno["users"][who])
    response = client.post(
        reverse("innovation:evidence_add", kwargs=kw), {"stage": "proposal", "kind": "link", "url": "https://a.example"}
    )
    if who in EDITORS:
        assert response.status_code == 302
        assert inno["proposal"].evidence.count() == 1
    else:
        assert response.status_code in (302, 403) and inno["proposal"].evidence.count() == 0
        if who != "anonymous":
            assert response.status_code == 403


def test_another_regions_innovation_is_404(inno, client_for):
    client = client_for(inno["users"]["region_admin"])
    for name in ("detail", "edit", "public_detail"):
        url = reverse(f"innovation:{name}", kwargs={"region_slug": "luwu-utara", "pk": inno["foreign"].pk})
        assert client.get(url).status_code == 404, name
    url = reverse("innovation:detail", kwargs={"region_slug": "maros", "pk": inno["foreign"].pk})
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("who", ALL_USERS)
def test_public_pages_show_trial_and_applied_only(inno, client_for, who):
    client = client_for(inno["users"][who])
    response = client.get(reverse("innovation:public_list", kwargs={"region_slug": "luwu-utara"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sistem Antrean Online" in body and "Usulan Rahasia" not in body
    url = reverse("innovation:public_detail", kwargs={"region_slug": "luwu-utara", "pk": inno["proposal"].pk})
    assert client.get(url).status_code == 404
    url = reverse("innovation:public_detail", kwargs={"region_slug": "luwu-utara", "pk": inno["applied"].pk})
    assert client.get(url).status_code == 200


def test_evidence_files_private_unless_public_on_public_innovation(inno, client_for):
    admin = inno["users"]["region_admin"]
    private = services.evidence_add(
        actor=admin, innovation=inno["applied"], stage="applied", kind="document", file=pdf("internal.pdf")
    )
    public = inno["applied"].evidence.filter(is_public=True).first()
    on_proposal = services.evidence_add(
        actor=admin, innovation=inno["proposal"], stage="proposal", kind="document", file=pdf(), is_public=True
    )

    def url(ev):
        return reverse(
            "innovation:evidence_file",
            kwargs={"region_slug": "luwu-utara", "pk": ev.innovation_id, "evidence_pk": ev.pk},
        )

    anon = client_for(None)
    assert anon.get(url(public)).status_code == 200
    assert anon.get(url(private)).status_code == 404
    assert anon.get(url(on_proposal)).status_code == 404
    assert client_for(inno["users"]["other_admin"]).get(url(private)).status_code == 404
    response = client_for(inno["users"]["dewan"]).get(url(private))
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_out_of_order_stage_change_is_refused_with_a_clear_message(inno, client_for):
    client = client_for(inno["users"]["agency_officer"])
    url = reverse("innovation:advance", kwargs={"region_slug": "luwu-utara", "pk": inno["proposal"].pk})
    response = client.post(
        url, {"to_stage": "applied", "on": "2023-05-01", "kind": "document", "file": pdf()}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "one stage at a time" in response.content.decode() or "satu tahap" in response.content.decode()
    inno["proposal"].refresh_from_db()
    assert inno["proposal"].stage == "proposal"


def test_overview_counts_link_to_filtered_lists(inno, client_for):
    client = client_for(inno["users"]["dewan"])
    response = client.get(reverse("innovation:overview", kwargs={"region_slug": "luwu-utara"}))
    data = response.context["data"]
    assert dict(data.totals) == {"proposal": 1, "decided": 0, "trial": 0, "applied": 1}
    body = response.content.decode()
    assert 'data-testid="total-applied">1<' in body
    assert "?dimensi=governance&amp;tahap=applied" in body
    assert data.score is not None and data.predicate[0] == "less_innovative"
    listing = client.get(
        reverse("innovation:list", kwargs={"region_slug": "luwu-utara"}) + "?dimensi=governance&tahap=applied"
    )
    assert [i.title for i in listing.context["innovations"]] == ["Sistem Antrean Online"]


def test_index_is_a_disclaimer_without_evidenced_trials(world, client_for):
    innovation(world)
    response = client_for(world["users"]["region_admin"]).get(
        reverse("innovation:overview", kwargs={"region_slug": "luwu-utara"})
    )
    assert response.context["data"].predicate[0] == "disclaimer"


def test_promote_an_idea_prefills_and_links(world, client_for):
    from kotacerdas.ideas.models import Idea

    idea = Idea.objects.create(
        region=world["home"],
        title="Bank sampah digital",
        description="Warga menabung sampah.",
        dimension=world["home_dims"]["environment"],
        author=world["users"]["citizen"],
    )
    url = reverse("innovation:create", kwargs={"region_slug": "luwu-utara"}) + f"?ide={idea.pk}"
    assert client_for(world["users"]["agency_officer"]).get(url).status_code == 403
    client = client_for(world["users"]["tim_pelaksana"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["form"].initial["title"] == "Bank sampah digital"
    assert response.context["form"].initial["initiator_type"] == "citizen"
    response = client.post(
        url,
        {
            "source_idea": idea.pk,
            "title": "Bank sampah digital",
            "description": "Warga menabung sampah.",
            "initiator_type": "citizen",
            "form": "public_service",
            "agency": world["home_agency"].pk,
            "dimension": world["home_dims"]["environment"].pk,
            "proposed_on": "2024-03-01",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    assert Innovation.objects.get(title="Bank sampah digital").source_idea == idea
    # an idea of another region is 404
    other_idea = Idea.objects.create(
        region=world["other"], title="x", description="y", dimension=world["other_dims"]["environment"]
    )
    url = reverse("innovation:create", kwargs={"region_slug": "luwu-utara"}) + f"?ide={other_idea.pk}"
    assert client.get(url).status_code == 404


def test_officer_registers_and_applies_through_the_pages(world, client_for):
    client = client_for(world["users"]["agency_officer"])
    kw = {"region_slug": "luwu-utara"}
    response = client.post(
        reverse("innovation:create", kwargs=kw),
        {
            "title": "SIPAKATAU",
            "initiator_type": "civil_servant",
            "form": "governance",
            "agency": world["home_agency"].pk,
            "programme": world["home_programme"].pk,
            "proposed_on": "2023-01-02",
            "renews": "on",
            "renews_note": "Baru.",
        },
    )
    assert response.status_code == 302
    innov = Innovation.objects.get(title="SIPAKATAU")
    url = reverse("innovation:advance", kwargs={**kw, "pk": innov.pk})
    for stage, day in (("decided", "2023-02-01"), ("trial", "2023-03-01"), ("applied", "2023-09-01")):
        response = client.post(url, {"to_stage": stage, "on": day, "kind": "document", "file": pdf(f"{stage}.pdf")})
        assert response.status_code == 302, response.content.decode()[:2000]
    innov.refresh_from_db()
    assert innov.stage == "applied" and innov.applied_on == datetime.date(2023, 9, 1)


@pytest.mark.parametrize("n", [2, 12])
def test_query_counts_hold_as_data_grows(world, client_for, django_assert_max_num_queries, n):
    admin = world["users"]["region_admin"]
    for i in range(n):
        innov = innovation(world, title=f"Inovasi {i}")
        if i % 2:
            advance_to(innov, "trial", actor=admin)
    client = client_for(admin)
    kw = {"region_slug": "luwu-utara"}
    for name in ("list", "overview"):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"innovation:{name}", kwargs=kw)).status_code == 200
    anon = client_for(None)
    with django_assert_max_num_queries(6):
        assert anon.get(reverse("innovation:public_list", kwargs=kw)).status_code == 200


def test_portal_links(world, client_for):
    home = client_for(None).get(reverse("region:home", kwargs={"region_slug": "luwu-utara"})).content.decode()
    for testid in ("innovation-link", "literacy-link", "news-link"):
        assert f'data-testid="{testid}"' in home
    staff = client_for(world["users"]["dewan"]).get(reverse("portal:staff_home")).content.decode()
    assert 'data-testid="innovation-staff-link"' in staff


@pytest.mark.parametrize("who", ALL_USERS)
def test_every_change_is_refused_to_outsiders(inno, client_for, who):
    """Edit, stage change, replication and evidence removal: only managers and the owning agency's officer."""
    admin = inno["users"]["region_admin"]
    innov = inno["proposal"]
    evidence = services.evidence_add(
        actor=admin, innovation=innov, stage="proposal", kind="link", url="https://a.example"
    )
    services.replication_add(actor=admin, innovation=innov, region_name="Luwu Timur", year=2024)
    replication = innov.replications.get()
    kw = {"region_slug": "luwu-utara", "pk": innov.pk}
    client = client_for(inno["users"][who])
    posts = [
        (reverse("innovation:edit", kwargs=kw), {"title": "Diubah"}),
        (
            reverse("innovation:advance", kwargs=kw),
            {"to_stage": "decided", "on": "2023-02-01", "kind": "link", "url": "https://sk.example"},
        ),
        (reverse("innovation:replication_add", kwargs=kw), {"region_name": "Palopo", "year": 2024}),
        (reverse("innovation:evidence_remove", kwargs={**kw, "evidence_pk": evidence.pk}), {}),
        (reverse("innovation:replication_remove", kwargs={**kw, "replication_pk": replication.pk}), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        if who in EDITORS:
            assert response.status_code in (200, 302, 400), (url, who)
        elif who == "anonymous":
            assert response.status_code == 302 and "/akun/" in response["Location"]
        else:
            assert response.status_code == 403, (url, who, response.status_code)
    innov.refresh_from_db()
    if who not in EDITORS:
        assert innov.stage == "proposal" and innov.title == "Usulan Rahasia"
        assert innov.evidence.count() == 1 and innov.replications.count() == 1
    else:
        assert innov.stage == "decided" and innov.evidence.count() == 1  # the link came with the step


def test_accepted_ideas_are_offered_for_promotion(world, client_for):
    from kotacerdas.ideas.models import Idea

    idea = Idea.objects.create(
        region=world["home"],
        title="Wifi taman kota",
        description="Wifi gratis.",
        dimension=world["home_dims"]["living"],
        status=Idea.Status.ACCEPTED,
    )
    url = reverse("innovation:list", kwargs={"region_slug": "luwu-utara"})
    body = client_for(world["users"]["tim_pelaksana"]).get(url).content.decode()
    assert f"?ide={idea.pk}" in body
    assert "?ide=" not in client_for(world["users"]["dewan"]).get(url).content.decode()
    innovation(world, title="Wifi taman kota", source_idea=idea)
    assert f"?ide={idea.pk}" not in client_for(world["users"]["tim_pelaksana"]).get(url).content.decode()


def test_citizen_initiator_name_is_staff_only(world, client_for):
    admin = world["users"]["region_admin"]
    innov = advance_to(
        innovation(world, initiator_type="citizen", initiator_name="Ibu Warga Rahasia"), "trial", actor=admin
    )
    public = reverse("innovation:public_detail", kwargs={"region_slug": "luwu-utara", "pk": innov.pk})
    assert "Ibu Warga Rahasia" not in client_for(None).get(public).content.decode()
    staff = reverse("innovation:detail", kwargs={"region_slug": "luwu-utara", "pk": innov.pk})
    assert "Ibu Warga Rahasia" in client_for(world["users"]["dewan"]).get(staff).content.decode()


def test_the_idea_page_shows_the_innovation_it_became_once_public(
    world, client_for, django_capture_on_commit_callbacks
):
    from kotacerdas.ideas.models import Idea

    idea = Idea.objects.create(
        region=world["home"],
        title="Bank sampah digital",
        description="Tukar sampah dengan saldo.",
        dimension=world["home_dims"]["environment"],
        status=Idea.Status.ACCEPTED,
    )
    innov = innovation(world, title="Bank Sampah Digital", source_idea=idea)
    url = reverse("ideas:detail", kwargs={"region_slug": "luwu-utara", "pk": idea.pk})
    assert 'data-testid="idea-innovation"' not in client_for(None).get(url).content.decode()  # a proposal: private
    with django_capture_on_commit_callbacks(execute=True):  # the stage change retires the cached page
        advance_to(innov, "trial", actor=world["users"]["region_admin"])
    page = client_for(None).get(url).content.decode()
    assert 'data-testid="idea-innovation"' in page and "Bank Sampah Digital" in page
