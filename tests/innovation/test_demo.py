"""The demo's innovations, literacy activities and news: every stage present, Bimtek I–IV in 2022, classes in
several districts over 2022–2024, articles naming their sources and linking to both; loaded once."""

import pytest
from django.urls import reverse

from kotacerdas.demo.loader import load_demo
from kotacerdas.innovation.models import Innovation
from kotacerdas.literacy.models import Activity, DistrictLocation
from kotacerdas.news.models import Article
from kotacerdas.regions.models import Region
from tests.otp import force_login_verified


@pytest.mark.django_db
def test_demo_is_complete_and_idempotent(client):
    load_demo()
    region = Region.objects.get(slug="luwu-utara")
    assert set(Innovation.objects.filter(region=region).values_list("stage", flat=True)) == {
        "proposal",
        "decided",
        "trial",
        "applied",
    }
    bimtek = Activity.objects.filter(region=region, kind="bimtek")
    assert bimtek.count() == 4 and {a.date.year for a in bimtek} == {2022}
    classes = Activity.objects.filter(region=region).exclude(kind="bimtek")
    assert classes.values("district").distinct().count() >= 5
    assert {a.date.year for a in classes} == {2022, 2023, 2024}
    assert DistrictLocation.objects.filter(region=region).count() == 15
    articles = Article.objects.filter(region=region, status="published")
    assert articles.count() == 3
    assert articles.filter(source_name="INPUTSULSEL.COM").exists()
    linked = articles.get(innovations__isnull=False)
    assert linked.activities.exists()
    counts = (Innovation.objects.count(), Activity.objects.count(), Article.objects.count())
    load_demo()
    assert (Innovation.objects.count(), Activity.objects.count(), Article.objects.count()) == counts
    kw = {"region_slug": region.slug}
    for name in ("innovation:public_list", "literacy:summary", "news:list", "news:rss"):
        assert client.get(reverse(name, kwargs=kw)).status_code == 200, name
    assert client.get(reverse("news:detail", kwargs={**kw, "slug": linked.slug})).status_code == 200
    from django.contrib.auth import get_user_model

    force_login_verified(client, get_user_model().objects.get(username="admin.lutra"))
    overview = client.get(reverse("innovation:overview", kwargs=kw))
    assert overview.status_code == 200
    assert overview.context["data"].predicate[0] != "disclaimer"
    for name in ("innovation:list", "literacy:list", "news:staff_list", "literacy:locations"):
        assert client.get(reverse(name, kwargs=kw)).status_code == 200, name
