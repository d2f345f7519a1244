"""The files themselves: a real XLSX read back with openpyxl and a real PDF rendered to a picture."""

import datetime
import io
import re
import shutil
import subprocess
import warnings

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from PIL import Image

from kotacerdas.monitoring.models import ExportJob, ProgressReport, ReportingPeriod

EXPORTS = "/r/luwu-utara/monev/ekspor/"


def request_export(client, period, kind, capture):
    """POST the request as a person does; the build runs when the request's transaction commits."""
    with capture(execute=True):
        response = client.post(EXPORTS, {"period": period.pk, "kind": kind})
    assert response.status_code == 302
    return ExportJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def download(client, job):
    response = client.get(f"{EXPORTS}{job.pk}/unduh/")
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_xlsx_export(q1, client_for, django_capture_on_commit_callbacks):
    client = client_for(q1["users"]["tim_pelaksana"])
    job = request_export(client, q1["period"], "xlsx", django_capture_on_commit_callbacks)
    assert (job.status, job.progress, job.error) == ("done", 100, "")
    assert job.started_at <= job.finished_at

    response, content = download(client, job)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="monev-luwu-utara-2024-Q1.xlsx"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment")

    book = load_workbook(io.BytesIO(content))
    summary, programmes, missing = book.worksheets
    facts = {row[0]: row[1] for row in summary.iter_rows(min_row=3, max_row=12, values_only=True)}
    assert "Luwu Utara" in str(summary["A1"].value)
    assert q1["home_plan"].title in facts.values()
    assert q1["period"].label in facts.values()
    rollup = list(summary.iter_rows(min_row=15, values_only=True))
    overall, *dimensions = rollup
    assert overall[1:] == (0.75, 1, 3)  # 75%, 1 of 3 programmes verified
    assert len(dimensions) == 6
    assert dimensions[0][1:] == (0.75, 1, 1)  # governance
    assert dimensions[1][1:] == (None, 0, 0)  # branding: no programme
    assert summary.cell(row=15, column=2).number_format == "0.00%"

    header, *rows = list(programmes.iter_rows(values_only=True))
    with translation.override("id"):
        verified, draft = str(ProgressReport.Status.VERIFIED.label), str(ProgressReport.Status.DRAFT.label)
        assert header[:3] == (gettext("Dimension"), gettext("Code"), gettext("Programme"))
        missing_label = gettext("Missing")
    assert programmes.freeze_panes == "A2"
    assert programmes.auto_filter.ref == "A1:N5"
    assert programmes["A1"].font.bold
    assert [r[1] for r in rows] == ["GOV-01", "ECO-01", "ECO-01", "ENV-01"]
    gov, traders, sales, env = rows
    assert gov[2:5] == (q1["home_programme"].title, "DLH", verified)
    assert gov[5:8] == pytest.approx((0.6, 1500000, 0.75))  # progress, budget, programme achievement
    assert gov[11:] == (40, 30, 0.75)  # target, realised, indicator achievement
    assert traders[4] == draft and traders[8] == "Pedagang daring" and traders[11:] == (200, 100, 0.5)
    assert sales[8] == "Transaksi daring" and sales[11:] == (400, 100, 0.25)
    assert env[4] == missing_label and env[5:] == (None,) * 9
    assert programmes["G2"].number_format == "#,##0" and programmes["N2"].number_format == "0.00%"

    assert [r[0] for r in missing.iter_rows(min_row=2, values_only=True)] == ["ECO-01", "ENV-01"]
    assert missing.freeze_panes == "A2"


def test_xlsx_export_neutralises_formulas(q1, client_for, django_capture_on_commit_callbacks):
    """A programme title or indicator name starting with '=', '+', '-' or '@' is text in the workbook."""
    from kotacerdas.masterplan.models import Indicator, Programme

    payload = '=HYPERLINK("http://evil.example","klik")'
    Programme.objects.filter(code="ECO-01", region=q1["home"]).update(title=payload)
    Indicator.objects.filter(programme__code="GOV-01").update(name="@SUM(1+1)", unit="-%")
    client = client_for(q1["users"]["tim_pelaksana"])
    job = request_export(client, q1["period"], "xlsx", django_capture_on_commit_callbacks)
    book = load_workbook(io.BytesIO(download(client, job)[1]))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + payload, "'@SUM(1+1)", "'-%"} <= texts
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
    assert 40 in {c.value for c in cells}  # numbers stay numbers


def _rendered_page(pdf: bytes, tmp_path) -> Image.Image | None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return None
    (tmp_path / "export.pdf").write_bytes(pdf)
    subprocess.run(
        [pdftoppm, "-png", "-r", "40", "-f", "1", "-l", "2", str(tmp_path / "export.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    return Image.open(sorted(tmp_path.glob("page-*.png"))[1]).convert("L")


def test_pdf_export(q1, client_for, django_capture_on_commit_callbacks, tmp_path):
    client = client_for(q1["users"]["evaluator"])
    job = request_export(client, q1["period"], "pdf", django_capture_on_commit_callbacks)
    assert (job.status, job.progress) == ("done", 100)

    response, content = download(client, job)
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="monev-luwu-utara-2024-Q1.pdf"' in response["Content-Disposition"]
    assert content.startswith(b"%PDF-")

    page = _rendered_page(content, tmp_path)
    if page is None:
        message = "pdftoppm not installed (apt-get install poppler-utils): the PDF was not rendered to a picture"
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    # The summary page: a chart and tables, so a good share of it is not white.
    dark = sum(1 for value in page.getdata() if value < 200)
    assert dark > page.width * page.height * 0.02, "page 2 of the PDF is (nearly) blank"

    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        (tmp_path / "export.pdf").write_bytes(content)
        text = subprocess.run(
            [pdftotext, "-layout", str(tmp_path / "export.pdf"), "-"], check=True, capture_output=True, timeout=60
        ).stdout.decode()
        pages = text.split("\f")
        assert all("Luwu Utara" in p for p in pages if p.strip()), "the running header names the region on every page"
        assert re.search(r"\b1\s*/\s*3\b", pages[0]), "page numbers in the footer"
        for expected in ("GOV-01", "ECO-01", "ENV-01", "75%", "Pedagang daring"):
            assert expected in text


@pytest.mark.parametrize(
    ("language", "dates"), [("en", "1 Oct 2024 – 31 Dec 2024"), ("id", "1 Okt 2024 – 31 Des 2024")]
)
def test_the_period_dates_follow_the_language_of_the_export(
    q1, client_for, django_capture_on_commit_callbacks, language, dates
):
    """The dates read in the site's date format of the export's language (config/formats), not 01/10/2024."""
    period = q1["period"]
    # months whose names differ between the languages (the cell shows the stored dates, whatever the quarter)
    ReportingPeriod.objects.filter(pk=period.pk).update(
        starts_on=datetime.date(2024, 10, 1), ends_on=datetime.date(2024, 12, 31)
    )
    client = client_for(q1["users"]["tim_pelaksana"])
    client.cookies["django_language"] = language
    job = request_export(client, period, "xlsx", django_capture_on_commit_callbacks)
    assert job.language == language
    summary = load_workbook(io.BytesIO(download(client, job)[1])).worksheets[0]
    facts = {row[0]: row[1] for row in summary.iter_rows(min_row=3, max_row=12, values_only=True)}
    with translation.override(language):
        assert facts[gettext("Dates")] == dates
