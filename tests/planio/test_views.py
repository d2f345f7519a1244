"""The pages: who may use them, the preview → confirm flow as a person clicks it, and query counts."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.masterplan.models import Programme
from kotacerdas.planio import services, workbook
from kotacerdas.planio.models import PlanJob
from tests.factories import ProgrammeFactory
from tests.roles import ALL_USERS

BASE = "/r/luwu-utara/rencana/berkas/"
STAFF = {"region_admin", "tim_pelaksana", "dewan", "agency_officer"}
IMPORTERS = {"region_admin", "tim_pelaksana"}


def expected(user: str, allowed: set[str]) -> int:
    if user == "anonymous":
        return 302  # to the login page
    return 200 if user in allowed else 403


def exported_file(world, name="plan.xlsx", edit=None):
    content = workbook.build_workbook(workbook.export_data(masterplan=world["home_plan"]))
    if edit:
        book = load_workbook(io.BytesIO(content))
        edit(book)
        out = io.BytesIO()
        book.save(out)
        content = out.getvalue()
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def make_job(world, kind, **fields) -> PlanJob:
    return PlanJob.objects.create(
        region=world["home"],
        masterplan=world["home_plan"],
        kind=kind,
        requested_by=world["users"]["region_admin"],
        **fields,
    )


@pytest.mark.parametrize("user", ALL_USERS)
def test_read_pages_per_role(world, client_for, user):
    client = client_for(world["users"][user])
    status = expected(user, STAFF)
    assert client.get(BASE).status_code == status
    response = client.get(BASE + "templat/")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == services.XLSX
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == ["Petunjuk", "Program", "Indikator", "Daftar"]  # Indonesian, the default
        assert workbook.sheet_of(book, workbook.SHEET_PROGRAMMES).max_row == 1  # the template has no rows
        validated = {
            str(dv.sqref) for dv in workbook.sheet_of(book, workbook.SHEET_PROGRAMMES).data_validations.dataValidation
        }
        assert "E2:E2000" in validated  # the dimension drop-down list
    job = make_job(world, "export", status="done")
    job.file.save(job.filename, io.BytesIO(b"PK\x03\x04xlsx"), save=True)
    assert client.get(f"{BASE}tugas/{job.pk}/").status_code == status
    assert client.get(f"{BASE}tugas/{job.pk}/unduh/").status_code == status
    if status == 200:  # the htmx poll gets the progress fragment alone
        fragment = client.get(f"{BASE}tugas/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
        assert fragment.startswith('<div id="planio-job"') and "<html" not in fragment


@pytest.mark.parametrize("user", ALL_USERS)
def test_build_per_role(world, client_for, user, django_capture_on_commit_callbacks):
    client = client_for(world["users"][user])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "buat/", {"kind": "export"})
    if user in STAFF:
        job = PlanJob.objects.get()
        assert response.status_code == 302 and response["Location"] == f"{BASE}tugas/{job.pk}/"
        assert job.status == "done" and job.requested_by == world["users"][user]
        download = client.get(f"{BASE}tugas/{job.pk}/unduh/")
        assert download.status_code == 200
        assert 'filename="rencana-induk-luwu-utara-2022-2032.xlsx"' in download["Content-Disposition"]
        book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
        assert [
            r[0] for r in workbook.sheet_of(book, workbook.SHEET_PROGRAMMES).iter_rows(min_row=2, values_only=True)
        ] == ["GOV-01"]
    else:
        assert response.status_code == expected(user, STAFF)
        assert not PlanJob.objects.exists()


@pytest.mark.parametrize("user", ALL_USERS)
def test_import_per_role(world, client_for, user, django_capture_on_commit_callbacks):
    client = client_for(world["users"][user])
    upload = exported_file(
        world, edit=lambda b: workbook.sheet_of(b, workbook.SHEET_PROGRAMMES).cell(row=2, column=2, value="Judul baru")
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BASE + "impor/", {"file": upload})
    if user not in IMPORTERS:
        assert response.status_code == expected(user, IMPORTERS)
        assert not PlanJob.objects.exists()
        # Nor can they confirm someone else's preview.
        preview = make_job(world, "preview", status="done", report={"ok": True, "fingerprint": "x"})
        assert client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/").status_code == expected(user, IMPORTERS)
        assert client.get(f"{BASE}tugas/{preview.pk}/").status_code == expected(user, IMPORTERS)
        assert not PlanJob.objects.filter(kind="import").exists()
        return
    preview = PlanJob.objects.get()
    assert response.status_code == 302
    with translation.override("en"):
        page = client.get(f"{BASE}tugas/{preview.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'data-testid="planio-confirm"' in html and "Judul baru" in html
    assert (
        Programme.objects.get(masterplan=world["home_plan"], code="GOV-01").title != "Judul baru"
    )  # nothing saved by the preview
    assert 'data-testid="planio-reason"' in html  # the masterplan is adopted: the import is a revision
    assert client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/").status_code == 400  # no reason
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/", {"reason": "Hasil Bimtek IV"})
    job = PlanJob.objects.get(kind="import")
    assert response["Location"] == f"{BASE}tugas/{job.pk}/"
    assert job.status == "done" and job.report["applied"] is True
    assert Programme.objects.get(masterplan=world["home_plan"], code="GOV-01").title == "Judul baru"
    # Confirming twice does not import twice.
    client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/", {"reason": "Lagi"})
    assert PlanJob.objects.filter(kind="import").count() == 1
    assert job.reason == "Hasil Bimtek IV"


def test_import_refused_when_the_masterplan_changed_since_the_preview(
    world, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world["users"]["tim_pelaksana"])
    upload = exported_file(
        world, edit=lambda b: workbook.sheet_of(b, workbook.SHEET_PROGRAMMES).cell(row=2, column=2, value="Versi A")
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(BASE + "impor/", {"file": upload})
    preview = PlanJob.objects.get()
    Programme.objects.filter(masterplan=world["home_plan"], code="GOV-01").update(
        budget_estimate=999
    )  # someone else edits meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/", {"reason": "Revisi"})
    job = PlanJob.objects.get(kind="import")
    assert job.report["applied"] is False and job.report["fatal"]  # "changed since the preview"
    assert Programme.objects.get(masterplan=world["home_plan"], code="GOV-01").title != "Versi A"


def test_upload_that_is_not_a_workbook_is_a_form_error(world, client_for):
    client = client_for(world["users"]["region_admin"])
    fake = io.BytesIO(b"just,text\n")
    fake.name = "plan.xlsx"
    with translation.override("en"):
        response = client.post(BASE + "impor/", {"file": fake}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert 'data-testid="planio-file-error"' in response.content.decode()
    assert not PlanJob.objects.exists()


def test_preview_with_rejected_rows_offers_no_confirm(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world["users"]["region_admin"])
    upload = exported_file(
        world,
        edit=lambda b: workbook.sheet_of(b, workbook.SHEET_PROGRAMMES).cell(row=2, column=5, value="Smart Nothing"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(BASE + "impor/", {"file": upload})
    preview = PlanJob.objects.get()
    html = client.get(f"{BASE}tugas/{preview.pk}/").content.decode()
    assert 'data-testid="planio-errors"' in html and "Smart Nothing" in html
    assert 'data-testid="planio-confirm"' not in html
    assert client.post(f"{BASE}tugas/{preview.pk}/konfirmasi/").status_code == 400
    assert not PlanJob.objects.filter(kind="import").exists()


def test_other_regions_jobs_are_not_found(world, client_for):
    job = PlanJob.objects.create(
        region=world["other"],
        masterplan=world["other_plan"],
        kind="export",
        status="done",
        requested_by=world["users"]["other_admin"],
    )
    client = client_for(world["users"]["region_admin"])
    assert client.get(f"{BASE}tugas/{job.pk}/").status_code == 404
    assert client.get(f"{BASE}tugas/{job.pk}/unduh/").status_code == 404


def _grow(world, n: int) -> None:
    for i in range(n):
        make_job(world, "export", status="done")
        ProgrammeFactory(masterplan=world["home_plan"], code=f"X{n}-{i:03d}", owner_agency=world["home_agency"])


def test_query_counts_hold_as_data_grows(world, client_for, django_assert_max_num_queries):
    client = client_for(world["users"]["tim_pelaksana"])
    report = {"ok": True, "counts": {"programmes_created": 1}, "errors": [], "created": [], "changed": []}
    for n in (1, 25):
        _grow(world, n)
        preview = make_job(world, "preview", status="done", report=report)
        with django_assert_max_num_queries(12):
            assert client.get(BASE).status_code == 200
        with django_assert_max_num_queries(10):
            assert client.get(f"{BASE}tugas/{preview.pk}/").status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get(BASE + "templat/").status_code == 200
        # Requesting a document: the version key is a fixed number of aggregate queries, whatever the size.
        with django_assert_max_num_queries(30):
            assert client.post(BASE + "buat/", {"kind": "pdf"}).status_code == 302
