import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.news import services
from kotacerdas.news.models import Article
from kotacerdas.news.sanitize import clean_html
from tests.innovation.factories import fake_image, png
from tests.otp import force_login_verified
from tests.roles import ALL_USERS

pytestmark = pytest.mark.django_db


def _article(world, *, title="Bimtek IV ditutup", publish=True, region_key="home", **extra):
    actor = world["users"]["region_admin" if region_key == "home" else "other_admin"]
    article = services.article_create(
        actor=actor,
        region=world[region_key],
        title=title,
        body=extra.pop("body", "Paragraf satu.\n\nParagraf dua."),
        tags=extra.pop("tags", "smart city, Bimtek"),
        **extra,
    )
    if publish:
        article = services.article_publish(actor=actor, article=article)
    return article


@pytest.mark.parametrize(
    "dirty, gone",
    [
        ("<p>ok</p><script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">klik</a>', "javascript:"),
        ('<p style="color:red" onclick="x()">hai</p>', "onclick"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
    ],
)
def test_unsafe_html_is_removed(dirty, gone):
    assert gone not in clean_html(dirty)


def test_plain_text_becomes_paragraphs_and_links_get_rel():
    assert clean_html("Satu <b\n\nDua").startswith("<p>")
    html = clean_html('<p><a href="https://lutra.example">situs</a></p>')
    assert 'rel="noopener noreferrer nofollow"' in html


def test_body_is_sanitised_on_save_and_audited(world):
    article = _article(world, body='<p>Halo</p><script>alert(1)</script><img src="/m/x.png" onerror="alert(2)">')
    assert "<script" not in article.body and "onerror" not in article.body and "<p>Halo</p>" in article.body
    assert AuditEvent.objects.filter(action="news.article_create").exists()
    assert AuditEvent.objects.filter(action="news.article_publish").exists()
    article = services.article_update(
        actor=world["users"]["region_admin"], article=article, body_en="<p onclick=x>Hi</p>"
    )
    assert article.body_en == "<p>Hi</p>"


def test_body_that_is_only_unsafe_is_refused(world):
    with pytest.raises(ApplicationError) as exc:
        _article(world, body="<script>alert(1)</script>")
    assert "body" in exc.value.fields
    assert not Article.objects.exists()


def test_cover_and_images_are_reencoded_fakes_refused(world):
    article = _article(world, cover=png("sampul.png"))
    assert article.cover.name.endswith(".png")
    image = services.article_image_add(actor=world["users"]["region_admin"], article=article, image=png(), alt="Foto")
    assert image.image.size > 0
    with pytest.raises(ApplicationError):
        services.article_image_add(actor=world["users"]["region_admin"], article=article, image=fake_image())
    with pytest.raises(ApplicationError):
        _article(world, title="lain", cover=fake_image())


def test_only_region_admin_writes(world):
    for who in ("tim_pelaksana", "dewan", "agency_officer", "citizen", "other_admin", "evaluator"):
        with pytest.raises(ApplicationError):
            services.article_create(actor=world["users"][who], region=world["home"], title="x", body="y")


def test_links_stay_in_the_region(world):
    with pytest.raises(ApplicationError) as exc:
        _article(world, programmes=[world["other_programme"]])
    assert "programmes" in exc.value.fields


def test_slug_unique_and_stable_after_publication(world):
    a = _article(world, title="Berita")
    b = _article(world, title="Berita")
    assert a.slug == "berita" and b.slug == "berita-2"
    a = services.article_update(actor=world["users"]["region_admin"], article=a, title="Judul baru")
    assert a.slug == "berita"
    assert _article(world, title="staf").slug != "staf"


@pytest.mark.parametrize("who", ALL_USERS)
def test_permission_table(world, client_for, who):
    draft = _article(world, title="Draf rahasia", publish=False)
    published = _article(world, title="Terbit")
    client = client_for(world["users"][who])
    kw = {"region_slug": "luwu-utara"}
    staff_urls = [
        reverse("news:staff_list", kwargs=kw),
        reverse("news:create", kwargs=kw),
        reverse("news:edit", kwargs={**kw, "pk": draft.pk}),
    ]
    for url in staff_urls:
        response = client.get(url)
        if who == "region_admin":
            assert response.status_code == 200
        elif who == "anonymous":
            assert response.status_code == 302
        else:
            assert response.status_code == 403, (who, url)
    response = client.post(reverse("news:publish", kwargs={**kw, "pk": draft.pk}))
    draft.refresh_from_db()
    assert draft.is_published == (who == "region_admin")
    if who == "region_admin":
        services.article_unpublish(actor=world["users"]["region_admin"], article=draft)
    listing = client.get(reverse("news:list", kwargs=kw)).content.decode()
    assert "Terbit" in listing and "Draf rahasia" not in listing
    assert client.get(reverse("news:detail", kwargs={**kw, "slug": draft.slug})).status_code == 404
    assert client.get(reverse("news:detail", kwargs={**kw, "slug": published.slug})).status_code == 200


def test_another_regions_article_is_404(world, client_for):
    foreign = _article(world, region_key="other", title="Berita Maros")
    client = client_for(world["users"]["region_admin"])
    assert (
        client.get(reverse("news:detail", kwargs={"region_slug": "luwu-utara", "slug": foreign.slug})).status_code
        == 404
    )
    assert client.get(reverse("news:edit", kwargs={"region_slug": "luwu-utara", "pk": foreign.pk})).status_code == 404


def test_open_graph_tags_for_whatsapp(world, client_for):
    article = _article(world, cover=png(), summary="Ringkasan untuk pratinjau.", title_en="Bimtek IV closed")
    response = client_for(None).get(reverse("news:detail", kwargs={"region_slug": "luwu-utara", "slug": article.slug}))
    body = response.content.decode()
    head = body.split("</head>")[0]
    assert '<meta property="og:title" content="Bimtek IV ditutup">' in head
    assert '<meta property="og:description" content="Ringkasan untuk pratinjau.">' in head
    assert '<meta property="og:type" content="article">' in head
    assert '<meta property="og:locale" content="id_ID">' in head
    assert f'<meta property="og:url" content="http://testserver/r/luwu-utara/berita/{article.slug}/">' in head
    assert '<meta property="og:image" content="http://testserver/' in head
    assert 'name="twitter:card" content="summary_large_image"' in head


def test_english_with_fallback(world, client, settings):
    with_en = _article(world, title="Judul", title_en="Title", body="Isi.", body_en="<p>Body in English.</p>")
    without = _article(world, title="Hanya Indonesia", body="Isi saja.")
    client.cookies["django_language"] = "en"
    body = client.get(
        reverse("news:detail", kwargs={"region_slug": "luwu-utara", "slug": with_en.slug})
    ).content.decode()
    assert "Body in English." in body and '<meta property="og:locale" content="en_US">' in body
    body = client.get(
        reverse("news:detail", kwargs={"region_slug": "luwu-utara", "slug": without.slug})
    ).content.decode()
    assert "Isi saja." in body and "Hanya Indonesia" in body


def test_rss_and_atom_feeds(world, client_for):
    _article(world, title="Terbit satu")
    _article(world, title="Draf", publish=False)
    client = client_for(None)
    rss = client.get(reverse("news:rss", kwargs={"region_slug": "luwu-utara"}))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert b"Terbit satu" in rss.content and b"Draf" not in rss.content
    atom = client.get(reverse("news:atom", kwargs={"region_slug": "luwu-utara"}))
    assert atom["Content-Type"].startswith("application/atom+xml") and b"Terbit satu" in atom.content
    assert client.get(reverse("news:rss", kwargs={"region_slug": "nowhere"})).status_code == 404


@pytest.mark.parametrize("n", [2, 14])
def test_public_list_queries_constant(world, client_for, django_assert_max_num_queries, n):
    for i in range(n):
        _article(world, title=f"Berita {i}")
    client = client_for(None)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("news:list", kwargs={"region_slug": "luwu-utara"}))
    assert response.status_code == 200
    assert len(response.context["page"]) == min(n, 10)
    admin = client_for(world["users"]["region_admin"])
    with django_assert_max_num_queries(10):
        assert admin.get(reverse("news:staff_list", kwargs={"region_slug": "luwu-utara"})).status_code == 200


def test_public_list_is_cached_and_retired_on_change(world, client_for, django_capture_on_commit_callbacks):
    _article(world, title="Pertama")
    client = client_for(None)
    url = reverse("news:list", kwargs={"region_slug": "luwu-utara"})
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) == 0
    past = timezone.now() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        a = services.article_create(actor=world["users"]["region_admin"], region=world["home"], title="Kedua", body="x")
        services.article_publish(actor=world["users"]["region_admin"], article=a, published_at=past)
    assert "Kedua" in client.get(url).content.decode()


@pytest.mark.parametrize("who", ALL_USERS)
def test_writes_refused_to_all_but_the_region_admin(world, client_for, who):
    article = _article(world, publish=False)
    kw = {"region_slug": "luwu-utara", "pk": article.pk}
    client = client_for(world["users"][who])
    client.post(reverse("news:edit", kwargs=kw), {"title": "Diubah", "body": "x"})
    client.post(reverse("news:image_add", kwargs=kw), {"image": png()})
    client.post(reverse("news:create", kwargs={"region_slug": "luwu-utara"}), {"title": "Baru", "body": "x"})
    article.refresh_from_db()
    allowed = who == "region_admin"
    assert (article.title == "Diubah") == allowed
    assert article.images.exists() == allowed
    assert Article.objects.filter(title="Baru").exists() == allowed


def test_back_office_pages_and_sanitised_saves(world, client):
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    from tests.factories import UserFactory

    article = _article(world)
    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    force_login_verified(client, superuser)
    for model in ("news/article", "news/tag", "news/articleimage", "innovation/innovation", "literacy/activity"):
        assert client.get(f"/admin/{model}/").status_code == 200, model
    assert client.get(f"/admin/news/article/{article.pk}/change/").status_code == 200
    request = RequestFactory().post("/")
    request.user = superuser
    admin = site._registry[Article]
    article.body = '<p>ok</p><script>alert(1)</script><a href="javascript:x()">x</a>'
    admin.save_model(request, article, form=None, change=True)
    article.refresh_from_db()
    assert "<script" not in article.body and "javascript:" not in article.body
