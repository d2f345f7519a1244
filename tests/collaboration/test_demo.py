"""The demo's collaboration: every category, the Bimtek IV commitment with valid signatures, one MoU,
contributions and both bodies, loaded once (a second run changes nothing)."""

import pytest

from kotacerdas.collaboration.models import Agreement, Body, BodyMember, Commitment, Contribution, Partner, Signature
from kotacerdas.collaboration.selectors import commitment_detail, commitment_verification
from kotacerdas.demo.loader import load_demo
from kotacerdas.regions.models import Region


@pytest.mark.django_db
def test_demo_collaboration_is_complete_and_idempotent(client):
    load_demo()
    region = Region.objects.get(slug="luwu-utara")
    partners = Partner.objects.filter(region=region)
    assert {p.category for p in partners} == set(Partner.Category.values)
    assert all("(contoh)" in p.name for p in partners)
    commitment = Commitment.objects.get(region=region)
    assert commitment.event_place == "Makassar" and commitment.event_date.isoformat() == "2022-09-22"
    rows = commitment_verification(commitment_detail(region=region, pk=commitment.pk))
    assert sum(r.has_signed for r in rows) == 3 and len(rows) == 4
    assert Agreement.objects.filter(region=region, kind="mou").count() == 1
    assert Contribution.objects.filter(region=region).count() == 5
    assert set(Body.objects.filter(region=region).values_list("kind", flat=True)) == {"tim_pelaksana", "dewan"}
    assert BodyMember.objects.filter(region=region, ends_on__isnull=False).count() == 1
    counts = (Partner.objects.count(), Signature.objects.count(), BodyMember.objects.count())
    load_demo()
    assert (Partner.objects.count(), Signature.objects.count(), BodyMember.objects.count()) == counts
    page = client.get(f"/r/{region.slug}/mitra/")
    assert page.status_code == 200 and b"Universitas Andi Djemma (contoh)" in page.content
    assert b"Kopi Seko" not in page.content and b"lppm@unanda" not in page.content
