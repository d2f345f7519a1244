"""The done-when journey through the Django test client: configure, self-assess, score, publish, read."""

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEvent
from kotacerdas.evaluation.models import Framework, Round

pytestmark = pytest.mark.django_db


def test_end_to_end_through_the_pages(world, client_for):
    users = world["users"]
    home = world["home"]
    evaluator, admin = users["evaluator"], users["region_admin"]
    c = client_for(evaluator)
    # 1. The national evaluator creates the framework (defaults) and opens the round.
    r = c.post(reverse("evaluation_national:framework_create"), {"year": 2024})
    framework = Framework.objects.get(year=2024)
    assert r.status_code == 302
    r = c.post(
        reverse("evaluation_national:round_create"),
        {"region": home.pk, "framework": framework.pk, "assessors": [evaluator.pk]},
    )
    assert r.status_code == 302, r.content
    round_ = Round.objects.get(region=home, year=2024)
    url = reverse("evaluation:round", kwargs={"region_slug": home.slug, "pk": round_.pk})
    assert r["Location"] == url
    # 2. The region admin sees the prefilled self-assessment, completes and submits it.
    c = client_for(admin)
    page = c.get(url)
    assert page.status_code == 200
    assert b'data-testid="prefill-facts"' in page.content
    assert b'data-testid="prefill-link"' in page.content  # the adopted masterplan item links to its source
    data = {}
    for s in round_.scores.all():
        data[f"self_{s.item_id}"] = "3,5"
        data[f"note_{s.item_id}"] = "SK dan laporan"
    r = c.post(
        reverse("evaluation:self_assessment", kwargs={"region_slug": home.slug, "pk": round_.pk}),
        {**data, "submit": "1"},
    )
    assert r.status_code == 302
    round_.refresh_from_db()
    assert round_.status == Round.Status.SUBMITTED
    # The region does not see scores before publication.
    assert b'data-testid="scores-hidden"' in c.get(url).content
    # 3. The assessor scores every item and quick win and marks the round scored.
    c = client_for(evaluator)
    data = {f"score_{s.item_id}": "3" for s in round_.scores.all()}
    for q in round_.quick_wins.all():
        for name in ("innovativeness", "implementation", "benefit"):
            data[f"{name}_{q.programme_id}"] = "2"
    data["interview_notes"] = "Wawancara dengan Bappelitbangda."
    data["scored"] = "1"
    r = c.post(reverse("evaluation:scores", kwargs={"region_slug": home.slug, "pk": round_.pk}), data)
    assert r.status_code == 302, r.content.decode()[:3000]
    round_.refresh_from_db()
    assert round_.status == Round.Status.SCORED
    # 4. Published, after a confirmation: the page and a POST without `confirm` change nothing.
    publish_url = reverse("evaluation:publish", kwargs={"region_slug": home.slug, "pk": round_.pk})
    for r in (c.get(publish_url), c.post(publish_url)):
        assert r.status_code == 200 and b'data-testid="publish-confirm"' in r.content
        round_.refresh_from_db()
        assert round_.status == Round.Status.SCORED
    r = c.post(publish_url, {"confirm": "1"})
    assert r.status_code == 302
    round_.refresh_from_db()
    # index = 0.9 × 3 + 0.1 × 2 = 2.90
    assert str(round_.index_display) == "2.90"
    # 5. The region sees its index, per-dimension scores and largest gaps; the public its index.
    c = client_for(admin)
    page = c.get(reverse("evaluation:results", kwargs={"region_slug": home.slug, "pk": round_.pk}))
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="index-value">2,90<' in body
    assert 'data-testid="dimension-outcome"' in body and 'data-testid="smart-governance"' in body
    assert 'data-testid="gap-' in body
    public = client_for(None).get(reverse("evaluation:public_results", kwargs={"region_slug": home.slug}))
    assert public.status_code == 200 and b"2,90" in public.content
    assert b'data-testid="gaps"' not in public.content  # gaps and comments stay with staff
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "evaluation_framework.create",
        "evaluation_round.create",
        "evaluation_round.self_assessment",
        "evaluation_round.submit",
        "evaluation_score.update",
        "evaluation_quick_win.rate",
        "evaluation_round.interview_notes",
        "evaluation_round.scored",
        "evaluation_round.publish",
    } <= actions
