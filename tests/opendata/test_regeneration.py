"""Resources are files rebuilt in the background when their data changes: a change regenerates the datasets
that depend on it and no other (counted on `DatasetBuild.builds`), requests serve the last built files until
the rebuild finishes and the new ones after it, a second run of the task builds nothing, and a rebuild lost
with its queue is made by `build_open_data`. The task backend of the tests runs each task at once."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.db.models import F
from freezegun import freeze_time

from kotacerdas.news import services as news
from kotacerdas.opendata import builds
from kotacerdas.opendata.datasets import DATASETS
from kotacerdas.opendata.models import DatasetBuild
from kotacerdas.opendata.tasks import regenerate_datasets
from tests.factories import ProgrammeFactory
from tests.innovation.factories import activity, attendance
from tests.participation.conftest import aduan, submit  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
BASE = "/r/luwu-utara/data/"


def build_everything(client, slug="luwu-utara") -> None:
    for d in DATASETS:
        assert client.get(f"/r/{slug}/data/{d.key}/resource.json").status_code == 200


def counts(region) -> dict[str, int]:
    return dict(DatasetBuild.objects.filter(region=region).values_list("dataset", "builds"))


def csv_rows(client, key: str) -> list[list[str]]:
    response = client.get(BASE + key + "/resource.csv")
    assert response.streaming
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def rebuilt(before: dict, after: dict) -> set[str]:
    return {key for key, n in after.items() if n != before.get(key)}


def test_first_request_builds_each_dataset_once(world, client):
    build_everything(client)
    assert counts(world["home"]) == {d.key: 1 for d in DATASETS}
    build_everything(client)
    client.get(BASE + "masterplan-programmes/resource.csv")
    client.get(BASE + "masterplan-programmes/")
    assert counts(world["home"]) == {d.key: 1 for d in DATASETS}  # then served from the files


def test_literacy_change_rebuilds_the_literacy_datasets_only(world, client):
    build_everything(client)
    build_everything(client, "maros")
    before, other_before = counts(world["home"]), counts(world["other"])
    activity(world, **attendance(total=40, male=20, female=20))
    assert rebuilt(before, counts(world["home"])) == {"literacy-activities", "literacy-attendance"}
    assert counts(world["other"]) == other_before  # another region's datasets are left alone
    rows = csv_rows(client, "literacy-attendance")
    assert rows[1][:5] == ["2023", "73.22.03", "Masamba", "1", "40"]


def test_news_change_rebuilds_the_news_dataset_only(world, client):
    build_everything(client)
    before = counts(world["home"])
    article = news.article_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        title="Peluncuran aplikasi",
        summary="Ringkasan",
        body="<p>Isi</p>",
    )
    news.article_publish(actor=world["users"]["region_admin"], article=article)
    assert rebuilt(before, counts(world["home"])) == {"news"}
    assert "Peluncuran aplikasi" in [r[2] for r in csv_rows(client, "news")]


@freeze_time("2026-03-10 10:00:00")
def test_a_new_citizen_report_updates_the_report_statistics(
    aduan,  # noqa: F811
    client,
    django_capture_on_commit_callbacks,
):
    build_everything(client)
    before = counts(aduan["home"])
    stamp = client.get("/api/3/action/package_show", {"id": "luwu-utara-citizen-report-statistics"}).json()
    with django_capture_on_commit_callbacks(execute=True):  # the report-statistics section retires the catalogue
        submit(aduan)  # the intake task announces the report statistics, which queues the rebuild
    assert rebuilt(before, counts(aduan["home"])) == {"citizen-report-statistics", "citizen-reports-by-village"}
    assert csv_rows(client, "citizen-report-statistics")[1][-2:] == ["1", "0"]
    after = client.get("/api/3/action/package_show", {"id": "luwu-utara-citizen-report-statistics"}).json()
    assert after["result"]["metadata_modified"] == "2026-03-10T10:00:00+00:00" != stamp["result"]["metadata_modified"]


def test_requests_serve_the_last_build_until_the_rebuild_finishes(world, client):
    build_everything(client)
    # a change whose task has not run yet: the data changed and the build is behind
    ProgrammeFactory(masterplan=world["home_plan"], code="ENV-09", dimension=world["home_dims"]["environment"])
    DatasetBuild.objects.filter(region=world["home"], dataset="masterplan-programmes").update(wanted=F("wanted") + 1)
    assert "ENV-09" not in [r[0] for r in csv_rows(client, "masterplan-programmes")]
    assert "ENV-09" not in client.get(BASE + "masterplan-programmes/").content.decode()
    regenerate_datasets.enqueue(region_slug="luwu-utara", keys=["masterplan-programmes"])
    assert "ENV-09" in [r[0] for r in csv_rows(client, "masterplan-programmes")]
    records = json.loads(client.get(BASE + "masterplan-programmes/resource.json").content)["records"]
    assert "ENV-09" in [r["code"] for r in records]
    assert "ENV-09" in client.get(BASE + "masterplan-programmes/").content.decode()


def test_a_second_run_builds_nothing_and_old_files_are_removed(world, client, django_capture_on_commit_callbacks):
    build_everything(client)
    DatasetBuild.objects.filter(region=world["home"], dataset="news").update(wanted=F("wanted") + 1)
    old = DatasetBuild.objects.get(region=world["home"], dataset="news").files
    with django_capture_on_commit_callbacks(execute=True):  # the old files go once the new ones are committed
        assert builds.regenerate(region_slug="luwu-utara", keys=["news", "partners"]) == 1
    assert builds.regenerate(region_slug="luwu-utara", keys=["news", "partners"]) == 0
    assert counts(world["home"])["news"] == 2
    from kotacerdas.common.storage import private_storage

    assert not any(private_storage().exists(name) for name in old.values())


def test_a_lost_rebuild_is_made_by_the_command(world, client):
    build_everything(client)
    DatasetBuild.objects.filter(region=world["home"], dataset="partners").update(wanted=F("wanted") + 2)
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert "1" in out.getvalue()
    assert DatasetBuild.objects.get(region=world["home"], dataset="partners").current


def test_a_lost_file_is_rebuilt_on_request_never_a_500(world, client):
    from kotacerdas.common.storage import private_storage

    build_everything(client)
    row = DatasetBuild.objects.get(region=world["home"], dataset="masterplan-targets")
    for name in row.files.values():
        private_storage().delete(name)
    assert client.get(BASE + "masterplan-targets/resource.csv").status_code == 200
    assert client.get(BASE + "masterplan-targets/").status_code == 200
    assert counts(world["home"])["masterplan-targets"] == 2


def test_a_rolled_back_change_leaves_the_builds_as_they_were(world, client):
    from django.db import transaction

    build_everything(client)
    before = counts(world["home"])
    with pytest.raises(RuntimeError), transaction.atomic():
        activity(world, date=datetime.date(2024, 1, 1), **attendance())
        raise RuntimeError
    assert counts(world["home"]) == before
    assert all(b.current for b in DatasetBuild.objects.filter(region=world["home"]))
    assert len(csv_rows(client, "literacy-activities")) == 1


def test_a_change_marks_the_datasets_behind_in_one_statement(world, client, monkeypatch, django_assert_num_queries):
    """The listener runs inside every audited change and every verification: one UPDATE, the region found by its
    slug, only the datasets the change feeds; the rebuild is queued only where a dataset was built before."""
    build_everything(client)
    build_everything(client, "maros")
    queued = []
    monkeypatch.setattr(builds, "enqueue_in_transaction", lambda task, **kwargs: queued.append(kwargs))

    def wanted(region) -> dict[str, int]:
        return dict(DatasetBuild.objects.filter(region=region).values_list("dataset", "wanted"))

    before, other_before = wanted(world["home"]), wanted(world["other"])
    keys = builds.affected(source="monitoring.Achievement", sections=None)
    assert keys and len(keys) < len(DATASETS)
    with django_assert_num_queries(1):
        builds.on_change(region_slug="luwu-utara", source="monitoring.Achievement", sections=None)
    assert wanted(world["home"]) == {k: n + (k in keys) for k, n in before.items()}
    assert wanted(world["other"]) == other_before
    assert queued == [{"region_slug": "luwu-utara", "keys": keys}]
    DatasetBuild.objects.filter(region=world["home"]).delete()
    builds.on_change(region_slug="luwu-utara", source="monitoring.Achievement", sections=None)
    assert len(queued) == 1  # nothing built there: nothing to rebuild
