"""Issue 16 item 3 on the news edit page: the body's image upload is part of the article form, so uploading
saves the typed edits first; a refused image saves nothing and shows the typed text again."""

from django.urls import reverse

from kotacerdas.news.models import Article, ArticleImage
from tests.innovation.factories import fake_image, png

from .test_news import _article

BODY = "<p>Teks yang diketik sebelum mengunggah gambar.</p>"


def _post(client, article, **extra):
    url = reverse("news:edit", kwargs={"region_slug": "luwu-utara", "pk": article.pk})
    return client.post(url, {"title": "Judul diubah", "body": BODY, **extra})


def test_uploading_saves_the_typed_text_first(world, client_for):
    article = _article(world, publish=False)
    client = client_for(world["users"]["region_admin"])
    page = client.get(reverse("news:edit", kwargs={"region_slug": "luwu-utara", "pk": article.pk})).content.decode()
    form = page.split('data-testid="article-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="img-image"' in form and 'data-testid="upload-image"' in form
    response = _post(client, article, then="image", **{"img-image": png(), "img-alt": "Foto"})
    assert response.status_code == 302 and response["Location"].endswith("#img-h")
    article.refresh_from_db()
    assert article.title == "Judul diubah" and "diketik sebelum" in article.body
    assert ArticleImage.objects.get(article=article).alt == "Foto"


def test_a_refused_image_saves_nothing_and_keeps_the_text(world, client_for):
    article = _article(world, publish=False)
    before = Article.objects.filter(pk=article.pk).values().get()
    client = client_for(world["users"]["region_admin"])
    for extra in ({"img-image": fake_image()}, {}):
        response = _post(client, article, then="image", **extra)
        assert response.status_code == 400
        assert Article.objects.filter(pk=article.pk).values().get() == before
        assert not ArticleImage.objects.exists()
        html = response.content.decode()
        assert 'value="Judul diubah"' in html and "diketik sebelum" in html
