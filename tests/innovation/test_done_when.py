"""Done-when of issue #8, through the pages: an officer registers an innovation and moves it to "applied"
with evidence, an admin records a literacy class with attendance, a news article links to both, and the
region's innovation view shows the updated counts."""

import pytest
from django.urls import reverse

from kotacerdas.innovation.models import Innovation
from kotacerdas.literacy.models import Activity
from kotacerdas.news.models import Article
from kotacerdas.regions.models import District

from .factories import attendance, pdf, png

pytestmark = pytest.mark.django_db


def test_innovation_literacy_news_journey(world, client_for, django_capture_on_commit_callbacks):
    kw = {"region_slug": "luwu-utara"}
    district = District.objects.create(region=world["home"], code="73.22.03", name="Masamba")

    officer = client_for(world["users"]["agency_officer"])
    response = officer.post(
        reverse("innovation:create", kwargs=kw),
        {
            "title": "Lapor Sampah Lutra",
            "initiator_type": "agency",
            "form": "public_service",
            "agency": world["home_agency"].pk,
            "programme": world["home_programme"].pk,
            "proposed_on": "2023-01-05",
            **dict.fromkeys(("renews", "benefits", "no_burden", "authority", "replicable"), "on"),
            **{k + "_note": "Ya." for k in ("renews", "benefits", "no_burden", "authority", "replicable")},
        },
    )
    assert response.status_code == 302
    innov = Innovation.objects.get(title="Lapor Sampah Lutra")
    advance = reverse("innovation:advance", kwargs={**kw, "pk": innov.pk})
    for stage, day, upload in (
        ("decided", "2023-02-01", pdf("sk.pdf")),
        ("trial", "2023-04-01", png("ujicoba.png")),
        ("applied", "2023-10-01", pdf("penerapan.pdf")),
    ):
        kind = "photo" if upload.name.endswith(".png") else "document"
        response = officer.post(
            advance, {"to_stage": stage, "on": day, "kind": kind, "file": upload, "is_public": "on"}
        )
        assert response.status_code == 302
    innov.refresh_from_db()
    assert innov.stage == "applied" and innov.evidence.count() == 3

    admin = client_for(world["users"]["region_admin"])
    response = admin.post(
        reverse("literacy:create", kwargs=kw),
        {
            "title": "Kelas Literasi Digital Masamba",
            "kind": "digital_literacy",
            "organiser": world["home_agency"].pk,
            "audience": "mixed",
            "district": district.pk,
            "date": "2024-03-12",
            **attendance(total=40, male=18, female=22, students=25, teachers=5, general_public=10),
            "with_disabilities": 2,
            "pre_test_mean": "55,5",
            "post_test_mean": "78",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    activity = Activity.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("news:create", kwargs=kw),
            {
                "title": "Lapor Sampah kini diterapkan",
                "body": "Inovasi Lapor Sampah diterapkan.\n\nKelas literasi digital di Masamba diikuti 40 peserta.",
                "tags": "inovasi, literasi",
                "innovations": [innov.pk],
                "activities": [activity.pk],
            },
        )
        assert response.status_code == 302
        article = Article.objects.get()
        admin.post(reverse("news:publish", kwargs={**kw, "pk": article.pk}))
    page = client_for(None).get(reverse("news:detail", kwargs={**kw, "slug": article.slug})).content.decode()
    assert "Lapor Sampah Lutra" in page and "Kelas Literasi Digital Masamba" in page
    assert reverse("innovation:public_detail", kwargs={**kw, "pk": innov.pk}) in page
    assert reverse("literacy:public_detail", kwargs={**kw, "pk": activity.pk}) in page

    overview = client_for(world["users"]["dewan"]).get(reverse("innovation:overview", kwargs=kw))
    assert dict(overview.context["data"].totals)["applied"] == 1
    assert 'data-testid="total-applied">1<' in overview.content.decode()
    assert overview.context["data"].score is not None
    public = client_for(None).get(reverse("innovation:public_list", kwargs=kw)).content.decode()
    assert "Lapor Sampah Lutra" in public
