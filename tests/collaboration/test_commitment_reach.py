"""The joint commitment is found from the partners page and the region home, and its verification page
puts the verdict before the fingerprint and the explanation (what someone scanning the QR code wants)."""

from django.urls import reverse

from kotacerdas.collaboration import services


def _link(collab) -> str:
    return reverse(
        "collaboration:commitment_public", kwargs={"region_slug": collab["home"].slug, "pk": collab["commitment"].pk}
    )


def test_partners_page_and_home_link_the_published_commitment(collab, client_for):
    slug = collab["home"].slug
    client = client_for(None)
    for url in (reverse("collaboration:partners_public", kwargs={"region_slug": slug}), f"/r/{slug}/"):
        body = client.get(url).content.decode()
        assert f'href="{_link(collab)}" data-testid="commitment-link"' in body, url
        assert client.get(_link(collab)).status_code == 200


def test_an_unpublished_commitment_is_not_linked(collab, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the change retires the cached public pages
        services.commitment_set_published(
            actor=collab["users"]["region_admin"], commitment=collab["commitment"], published=False
        )
    slug = collab["home"].slug
    for url in (reverse("collaboration:partners_public", kwargs={"region_slug": slug}), f"/r/{slug}/"):
        assert 'data-testid="commitment-link"' not in client_for(None).get(url).content.decode(), url


def test_the_verdict_comes_before_the_fingerprint(collab, client_for):
    kw = {"region_slug": collab["home"].slug, "pk": collab["commitment"].pk}
    client = client_for(None)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("collaboration:commitment_verify", kwargs=kw)).content.decode()
    assert body.index('data-testid="verdict"') < body.index('data-testid="current-hash"')
    assert body.index('data-testid="verify-summary"') < body.index('data-testid="current-hash"')
    # Nobody has signed in the fixture: no VALID badge, and the verdict says so.
    assert "sig-valid" not in body and "Not every signatory has signed yet." in body


def test_each_row_leads_with_its_verdict(collab, client_for):
    c = collab
    services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    kw = {"region_slug": c["home"].slug, "pk": c["commitment"].pk}
    body = client_for(None).get(reverse("collaboration:commitment_verify", kwargs=kw)).content.decode()
    row = next(r for r in body.split('data-testid="signatory-row"')[1:] if "Kepala DLH" in r)
    assert row.index('data-testid="sig-valid"') < row.index("Kepala DLH")
