"""`common.sql.upsert` and `common.sql.increment`: one plain statement each, leaving exactly the rows the ORM call
they stand for (`bulk_create(update_conflicts=True)`, `filter(...).update(F(...) + 1)`) leaves, on SQLite and
PostgreSQL alike."""

import datetime

import pytest
from django.db.models import F
from freezegun import freeze_time

from kotacerdas.common.sql import increment, upsert
from kotacerdas.opendata.models import DatasetBuild
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db
BEFORE = datetime.datetime(2026, 7, 1, 3, 0, tzinfo=datetime.UTC)
NOW = datetime.datetime(2026, 7, 2, 4, 30, tzinfo=datetime.UTC)
FIELDS = ["dataset", "wanted", "built", "built_at", "builds", "files", "created_at", "updated_at"]


def _stored(region) -> list[dict]:
    return list(DatasetBuild.objects.filter(region=region).order_by("dataset").values(*FIELDS))


def _new(region) -> list[DatasetBuild]:
    return [
        DatasetBuild(region=region, dataset="news", wanted=7, built=5, builds=9, files={"json": "b.json"}),
        DatasetBuild(region=region, dataset="partners", wanted=1, files={"csv": "p.csv", "json": None}),
    ]


def test_an_upsert_leaves_what_bulk_create_leaves(django_assert_num_queries):
    plain, orm = RegionFactory(), RegionFactory()
    with freeze_time(BEFORE):
        for region in (plain, orm):
            DatasetBuild.objects.create(region=region, dataset="news", wanted=3, built=1, builds=2, files={"json": "a"})
    unique, update = ("region", "dataset"), ("wanted", "files", "updated_at")
    with freeze_time(NOW):
        with django_assert_num_queries(1):
            upsert(_new(plain), unique_fields=unique, update_fields=update)
        DatasetBuild.objects.bulk_create(
            _new(orm), update_conflicts=True, unique_fields=list(unique), update_fields=list(update)
        )
    assert _stored(plain) == _stored(orm)
    news, partners = _stored(plain)
    # the existing row: only the update fields changed; the new one: every field, with its defaults
    assert (news["wanted"], news["files"], news["built"], news["builds"]) == (7, {"json": "b.json"}, 1, 2)
    assert (news["created_at"], news["updated_at"]) == (BEFORE, NOW)
    assert (partners["built"], partners["builds"], partners["created_at"]) == (None, 0, NOW)
    assert partners["files"] == {"csv": "p.csv", "json": None}


def test_an_upsert_of_nothing_makes_no_statement(django_assert_num_queries):
    with django_assert_num_queries(0):
        upsert([], unique_fields=("region", "dataset"), update_fields=("wanted",))


def test_increment_adds_one_where_the_orm_update_would(django_assert_num_queries):
    plain, orm, other = RegionFactory(), RegionFactory(), RegionFactory()
    with freeze_time(BEFORE):
        for region in (plain, orm, other):
            for i, dataset in enumerate(("news", "partners", "reports")):
                DatasetBuild.objects.create(region=region, dataset=dataset, wanted=i)
    with freeze_time(NOW):
        with django_assert_num_queries(1):
            changed = increment(DatasetBuild, "wanted", region__slug=plain.slug, dataset__in=["news", "reports"])
        expected = DatasetBuild.objects.filter(region__slug=orm.slug, dataset__in=["news", "reports"]).update(
            wanted=F("wanted") + 1
        )
    assert changed == expected == 2
    assert _stored(plain) == _stored(orm)
    assert [r["wanted"] for r in _stored(plain)] == [1, 1, 3]
    assert {r["updated_at"] for r in _stored(plain)} == {BEFORE}  # as the ORM's update: no auto_now
    assert [r["wanted"] for r in _stored(other)] == [0, 1, 2]
    assert increment(DatasetBuild, "wanted", region=other.pk, dataset="news") == 1
    assert [r["wanted"] for r in _stored(other)] == [1, 1, 2]


def test_increment_where_nothing_can_match(django_assert_num_queries):
    region = RegionFactory()
    DatasetBuild.objects.create(region=region, dataset="news")
    with django_assert_num_queries(0):
        assert increment(DatasetBuild, "wanted", region__slug=region.slug, dataset__in=[]) == 0
    assert increment(DatasetBuild, "wanted", region__slug="no-such-region", dataset__in=["news"]) == 0
    assert DatasetBuild.objects.get(region=region).wanted == 0
