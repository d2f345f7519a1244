# ruff: noqa: S314 -- parsing our own answers with the stdlib, to prove them well-formed
"""RSS and Atom stay well-formed even for an article stored with a control character before input was
cleaned, and the data migration cleans such a row."""

import importlib
from xml.etree import ElementTree as ET

import pytest
from django.apps import apps
from django.urls import reverse

from kotacerdas.news.models import Article, Tag

from .test_news import _article

pytestmark = pytest.mark.django_db


def _raw(world):
    article = _article(world, title="Terbit satu")
    Article.objects.filter(pk=article.pk).update(title="Terbit\x0b satu", summary="Ringkas\x1f", body="Isi\x0c")
    Tag.objects.filter(region=world["home"]).update(name="smart\x08city")
    return article


def test_feeds_are_well_formed_for_a_row_stored_raw(world, client_for):
    _raw(world)
    client = client_for(None)
    for name in ("news:rss", "news:atom"):
        response = client.get(reverse(name, kwargs={"region_slug": "luwu-utara"}))
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # raises on ill-formed XML
        assert "Terbit\n satu" in "".join(root.itertext())


def test_data_migration_cleans_stored_articles(world):
    article = _raw(world)
    migration = importlib.import_module("kotacerdas.news.migrations.0002_clean_stored_text")
    migration.clean_text(apps, type("Editor", (), {"connection": type("C", (), {"alias": "default"})})())
    article.refresh_from_db()
    assert (article.title, article.summary, article.body) == ("Terbit\n satu", "Ringkas", "Isi\n")
    assert set(Tag.objects.filter(region=world["home"]).values_list("name", flat=True)) == {"smartcity"}
