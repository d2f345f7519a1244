import pytest
from django.urls import reverse

from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import Signature, SigningLink
from tests.roles import ALL_USERS

from .conftest import SECRET_EMAIL, SECRET_PHONE

pytestmark = pytest.mark.django_db

MANAGERS = {"region_admin", "tim_pelaksana"}
READERS = MANAGERS | {"dewan", "agency_officer", "evaluator"}


def _urls(c):
    slug = c["home"].slug
    body = services.body_create(
        actor=c["users"]["region_admin"], region=c["home"], kind="dewan", decree_number="SK 1", term_starts="2024-01-01"
    )
    kw = {"region_slug": slug}
    return {
        "dashboard": (reverse("collaboration:dashboard", kwargs=kw), READERS),
        "partners": (reverse("collaboration:partners", kwargs=kw), READERS),
        "partner_create": (reverse("collaboration:partner_create", kwargs=kw), MANAGERS),
        "partner": (reverse("collaboration:partner", kwargs={**kw, "pk": c["uni"].pk}), READERS | {"partner"}),
        "partner_hidden": (reverse("collaboration:partner", kwargs={**kw, "pk": c["hidden"].pk}), READERS),
        "partner_edit": (reverse("collaboration:partner_edit", kwargs={**kw, "pk": c["uni"].pk}), MANAGERS),
        "commitments": (reverse("collaboration:commitments", kwargs=kw), READERS),
        "commitment_create": (reverse("collaboration:commitment_create", kwargs=kw), MANAGERS),
        "commitment": (
            reverse("collaboration:commitment", kwargs={**kw, "pk": c["commitment"].pk}),
            READERS,
        ),  # agency_officer is also a signatory
        "commitment_text": (
            reverse("collaboration:commitment_edit_text", kwargs={**kw, "pk": c["commitment"].pk}),
            MANAGERS,
        ),
        "agreements": (reverse("collaboration:agreements", kwargs=kw), READERS),
        "agreement_create": (reverse("collaboration:agreement_create", kwargs=kw), MANAGERS),
        "contributions": (reverse("collaboration:contributions", kwargs=kw), READERS),
        "bodies": (reverse("collaboration:bodies", kwargs=kw), READERS),
        "body": (reverse("collaboration:body", kwargs={**kw, "pk": body.pk}), READERS),
    }


@pytest.mark.parametrize("who", ALL_USERS)
def test_staff_pages_permission_table(collab, client_for, who):
    for name, (url, allowed) in _urls(collab).items():
        response = client_for(collab["users"][who]).get(url)
        if who in allowed:
            assert response.status_code == 200, (name, who)
        elif who == "anonymous":
            assert response.status_code == 302 and "/akun/" in response["Location"], (name, who)
        else:
            assert response.status_code == 403, (name, who, response.status_code)


@pytest.mark.parametrize("who", ALL_USERS)
def test_public_pages_for_everyone(collab, client_for, who):
    slug = collab["home"].slug
    pk = collab["commitment"].pk
    client = client_for(collab["users"][who])
    for name in ("collaboration:commitment_public", "collaboration:commitment_verify"):
        assert client.get(reverse(name, kwargs={"region_slug": slug, "pk": pk})).status_code == 200
    assert client.get(reverse("collaboration:partners_public", kwargs={"region_slug": slug})).status_code == 200


def test_another_regions_objects_are_404(collab, client_for):
    admin = collab["users"]["other_admin"]
    slug = collab["other"].slug
    client = client_for(admin)
    assert (
        client.get(reverse("collaboration:partner", kwargs={"region_slug": slug, "pk": collab["uni"].pk})).status_code
        == 404
    )
    assert (
        client.get(
            reverse("collaboration:commitment", kwargs={"region_slug": slug, "pk": collab["commitment"].pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("collaboration:commitment_public", kwargs={"region_slug": slug, "pk": collab["commitment"].pk})
        ).status_code
        == 404
    )


def test_unpublished_commitment_is_not_public(collab, client_for):
    services.commitment_set_published(
        actor=collab["users"]["region_admin"], commitment=collab["commitment"], published=False
    )
    kw = {"region_slug": collab["home"].slug, "pk": collab["commitment"].pk}
    client = client_for(None)
    assert client.get(reverse("collaboration:commitment_public", kwargs=kw)).status_code == 404
    assert client.get(reverse("collaboration:commitment_verify", kwargs=kw)).status_code == 404
    assert client.get(reverse("collaboration:commitment_pdf", kwargs=kw)).status_code == 404
    assert (
        client_for(collab["users"]["dewan"]).get(reverse("collaboration:commitment_pdf", kwargs=kw)).status_code == 200
    )


def test_public_pages_show_no_contact_data(collab, client_for):
    slug = collab["home"].slug
    client = client_for(None)
    pages = [
        reverse("collaboration:partners_public", kwargs={"region_slug": slug}),
        reverse("collaboration:commitment_public", kwargs={"region_slug": slug, "pk": collab["commitment"].pk}),
        reverse("collaboration:commitment_verify", kwargs={"region_slug": slug, "pk": collab["commitment"].pk}),
        reverse("region:programme", kwargs={"region_slug": slug, "code": collab["home_programme"].code}),
        f"/api/v1/regions/{slug}/collaboration/partners/",
        f"/api/v1/regions/{slug}/collaboration/commitments/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert SECRET_EMAIL not in body and SECRET_PHONE not in body and "Kontak Rahasia" not in body, url
        assert "Komunitas Tersembunyi" not in body, url  # did not consent
    body = client.get(pages[0]).content.decode()
    assert "Universitas Contoh" in body and "Bank Contoh" in body


def test_staff_partner_page_shows_contacts(collab, client_for):
    url = reverse("collaboration:partner", kwargs={"region_slug": collab["home"].slug, "pk": collab["uni"].pk})
    assert SECRET_EMAIL in client_for(collab["users"]["tim_pelaksana"]).get(url).content.decode()


def test_journey_three_signatures_then_edit_invalidates(collab, client_for, django_capture_on_commit_callbacks):
    """The issue's 'done when' without a browser: two sign logged in, one through the e-mailed link; the
    verification page shows three valid; after an edit, three invalid."""
    c = collab
    kw = {"region_slug": c["home"].slug, "pk": c["commitment"].pk}
    current = c["commitment"].text_hash
    for user, signatory in ((c["users"]["agency_officer"], c["head"]), (c["rector_user"], c["rector"])):
        client = client_for(user)
        page = client.get(reverse("collaboration:commitment", kwargs=kw))
        assert page.status_code == 200 and b'data-testid="sign-form"' in page.content
        response = client.post(
            reverse("collaboration:commitment_sign", kwargs={**kw, "signatory_pk": signatory.pk}),
            {"text_hash": current, "confirm": "on"},
        )
        assert response.status_code == 302
    admin = client_for(c["users"]["region_admin"])
    admin.post(reverse("collaboration:signing_link_send", kwargs={**kw, "signatory_pk": c["banker"].pk}))
    assert SigningLink.objects.count() == 1
    # The clear token only exists in the e-mail; create a fresh one to drive the page.
    SigningLink.objects.all().delete()
    _link, token = services.signing_link_create(actor=c["users"]["region_admin"], signatory=c["banker"])
    anon = client_for(None)
    link_url = reverse("collaboration:sign_link", kwargs={"region_slug": c["home"].slug, "token": token})
    page = anon.get(link_url)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert anon.post(link_url, {"text_hash": current, "confirm": "on"}).status_code == 200
    assert Signature.objects.count() == 3
    reused = anon.get(link_url)
    assert reused.status_code == 410 and b'data-testid="link-error"' in reused.content
    verify = anon.get(reverse("collaboration:commitment_verify", kwargs=kw)).content.decode()
    assert verify.count('data-testid="sig-valid"') == 3 and "sig-invalid" not in verify
    with django_capture_on_commit_callbacks(execute=True):  # the edit retires the cached public pages
        response = client_for(c["users"]["region_admin"]).post(
            reverse("collaboration:commitment_edit_text", kwargs=kw),
            {"title": c["commitment"].title, "text": "Teks yang diubah."},
        )
    assert response.status_code == 302 and "/komitmen/" in response["Location"]
    verify = client_for(None).get(reverse("collaboration:commitment_verify", kwargs=kw)).content.decode()
    assert verify.count('data-testid="sig-invalid"') == 3 and "sig-valid" not in verify
    assert Signature.objects.count() == 3


def test_signing_for_someone_else_through_the_page_is_refused(collab, client_for):
    c = collab
    kw = {"region_slug": c["home"].slug, "pk": c["commitment"].pk}
    client = client_for(c["users"]["region_admin"])
    client.post(
        reverse("collaboration:commitment_sign", kwargs={**kw, "signatory_pk": c["head"].pk}),
        {"text_hash": c["commitment"].text_hash, "confirm": "on"},
    )
    assert not Signature.objects.exists()


def test_public_commitment_has_qr_and_pdf(collab, client_for):
    kw = {"region_slug": collab["home"].slug, "pk": collab["commitment"].pk}
    page = client_for(None).get(reverse("collaboration:commitment_public", kwargs=kw)).content.decode()
    assert 'data-testid="qr"' in page and "<svg" in page
    response = client_for(None).get(reverse("collaboration:commitment_pdf", kwargs=kw))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_partner_form_refuses_programme_of_other_region(collab, client_for):
    c = collab
    url = reverse("collaboration:partner_create", kwargs={"region_slug": c["home"].slug})
    response = client_for(c["users"]["region_admin"]).post(
        url, {"name": "Baru", "category": "academia", "programmes": [c["other_programme"].pk]}
    )
    assert response.status_code == 400
    assert not c["uni"].__class__.objects.filter(name="Baru").exists()


def test_programme_page_shows_contributions_and_budget(collab, client_for):
    from decimal import Decimal

    c = collab
    admin = c["users"]["region_admin"]
    services.contribution_create(
        actor=admin,
        partner=c["bank"],
        programme=c["home_programme"],
        kind="funding",
        description="Dana CSR",
        year=2024,
        amount=Decimal("250000000"),
        status="realised",
    )
    services.contribution_create(
        actor=admin,
        partner=c["hidden"],
        programme=c["home_programme"],
        kind="expertise",
        description="Rahasia komunitas",
        year=2024,
    )
    url = reverse("region:programme", kwargs={"region_slug": c["home"].slug, "code": c["home_programme"].code})
    body = client_for(None).get(url).content.decode()
    assert "Dana CSR" in body and "Bank Contoh" in body and "Rahasia komunitas" not in body
    assert 'data-testid="partner-funding"' in body


def test_dashboard_counts_by_category(collab, client_for):
    url = reverse("collaboration:dashboard", kwargs={"region_slug": collab["home"].slug})
    response = client_for(collab["users"]["dewan"]).get(url)
    data = response.context["data"]
    counts = {value: n for value, _label, n in data.by_category}
    assert counts == {"government": 0, "academia": 1, "business": 1, "community": 1, "media": 0}
    assert data.partner_total == 3
    # a count and a sum of money are different words (once both "Jumlah")
    head = response.content.decode().split('data-testid="contribution-totals"')[1].split("</thead>")[0]
    assert ">Jumlah<" in head and ">Nilai (Rp)<" in head


def _grow(c, n):
    from ..factories import ProgrammeFactory

    admin = c["users"]["region_admin"]
    for i in range(n):
        programme = ProgrammeFactory(masterplan=c["home_plan"], dimension=c["home_dims"]["economy"])
        p = services.partner_create(
            actor=admin,
            region=c["home"],
            name=f"Mitra {n}-{i}",
            category="media",
            subkind="online",
            public_consent=True,
            programmes=[programme],
        )
        services.contribution_create(
            actor=admin, partner=p, programme=programme, kind="funding", description="d", year=2024, amount=1000
        )


@pytest.mark.parametrize("page", ["dashboard", "partners_public", "partners"])
def test_query_counts_do_not_grow(collab, client_for, django_assert_max_num_queries, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = collab
    user = None if page == "partners_public" else c["users"]["region_admin"]
    url = reverse(f"collaboration:{page}", kwargs={"region_slug": c["home"].slug})
    client = client_for(user)
    counts = []
    for n in (1, 8):
        _grow(c, n)
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 15
