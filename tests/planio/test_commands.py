"""The three management commands, on real files."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Programme, Target
from kotacerdas.planio import workbook


def run(*args) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_export_then_import_dry_run_and_for_real(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    assert "6 programmes, 11 indicators" in run("export_masterplan", "--region", "luwu-utara", "--output", str(path))
    book = load_workbook(path)
    programmes = workbook.sheet_of(book, workbook.SHEET_PROGRAMMES)
    programmes.append(
        [
            "NEW-01",
            "Program baru",
            None,
            None,
            "Smart Economy",
            None,
            "DLH",
            "BAPPEDA",
            "short",
            2024,
            2026,
            "2.500.000",
            "apbd",
            "tidak",
            None,
            1,
        ]
    )
    workbook.sheet_of(book, workbook.SHEET_INDICATORS).append(
        [
            "NEW-01",
            None,
            "Pelaku UMKM daring",
            None,
            "orang",
            "people",
            "1.200",
            "31/12/2023",
            "naik",
            1,
            None,
            None,
            None,
            "1.500",
            "1.750,5",
        ]
    )
    book.save(path)

    out = run("import_masterplan", "--region", "luwu-utara", str(path), "--dry-run")
    assert "Programmes: 1 created, 0 changed, 6 unchanged" in out
    assert "Yearly targets: 2 created" in out and "Dry run: nothing was saved." in out
    assert not Programme.objects.filter(code="NEW-01").exists()

    out = run(
        "import_masterplan", "--region", "luwu-utara", str(path), "--user", "tim_pelaksana", "--reason", "Bimtek IV"
    )
    assert "Imported." in out
    new = Programme.objects.get(code="NEW-01")
    assert new.budget_estimate == Decimal(2_500_000) and [a.acronym for a in new.supporting_agencies.all()] == [
        "BAPPEDA"
    ]
    indicator = new.indicators.get()
    assert (indicator.baseline_value, indicator.baseline_year, indicator.direction) == (Decimal(1200), 2023, "higher")
    assert dict(Target.objects.filter(indicator=indicator).values_list("year", "value")) == {
        2025: Decimal(1500),
        2026: Decimal("1750.5"),
    }
    event = AuditEvent.objects.get(action="programme.import_create", object_id=str(new.pk))
    assert event.actor.username == "tim_pelaksana"
    # Again: nothing more.
    assert "Programmes: 0 created, 0 changed, 7 unchanged" in run(
        "import_masterplan", "--region", "luwu-utara", str(path)
    )


def test_import_with_rejected_rows_exits_non_zero_and_saves_nothing(plan, tmp_path):
    path = tmp_path / "plan.xlsx"
    run("export_masterplan", "--region", "luwu-utara", "--output", str(path))
    book = load_workbook(path)
    ws = workbook.sheet_of(book, workbook.SHEET_PROGRAMMES)
    ws["B2"] = "Judul diubah"  # a valid change that must not be saved either
    ws["E3"] = "Smart Nothing"
    book.save(path)
    out = io.StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="nothing was saved"):
        call_command("import_masterplan", "--region", "luwu-utara", str(path), stdout=out)
    assert "Programmes!E3: Unknown dimension Smart Nothing." in out.getvalue()
    assert not Programme.objects.filter(title="Judul diubah").exists()


def test_import_refuses_a_file_that_is_not_a_workbook(plan, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with translation.override("en"), pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_masterplan", "--region", "luwu-utara", str(path), stdout=io.StringIO())


def test_unknown_region(plan, tmp_path):
    with pytest.raises(CommandError, match="No region"):
        call_command("export_masterplan", "--region", "atlantis", "--output", str(tmp_path / "x.xlsx"))


@pytest.mark.parametrize("kind, magic", [("pdf", b"%PDF-"), ("docx", b"PK\x03\x04")])
def test_build_masterplan_document(authored, tmp_path, kind, magic):
    path = tmp_path / f"plan.{kind}"
    out = run("build_masterplan_document", "--region", "luwu-utara", "--format", kind, "--output", str(path))
    assert kind.upper() in out
    assert path.read_bytes().startswith(magic)
