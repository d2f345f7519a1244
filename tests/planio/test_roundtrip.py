"""Export → edit in a spreadsheet → import changes exactly what was edited (full snapshots compared)."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.masterplan.models import Indicator, MasterplanVersion, Programme, Target
from kotacerdas.planio import importer, services, workbook


def snapshot(plan) -> dict:
    """Every stored value of the masterplan's programmes, indicators and targets, keyed by natural keys."""
    data = {}
    for p in Programme.objects.filter(masterplan=plan).prefetch_related("supporting_agencies"):
        for field in [*importer.PROGRAMME_FIELDS, "code", "masterplan_id", "region_id"]:
            data[(p.code, field)] = getattr(p, field)
        data[(p.code, "supporting")] = sorted(a.acronym for a in p.supporting_agencies.all())
    for i in Indicator.objects.filter(programme__masterplan=plan).select_related("programme"):
        for field in [*importer.INDICATOR_FIELDS, "order"]:
            data[(i.programme.code, i.pk, field)] = getattr(i, field)
    for t in Target.objects.filter(indicator__programme__masterplan=plan).select_related("indicator__programme"):
        data[(t.indicator.programme.code, t.indicator_id, t.year)] = t.value
    return data


def export_book(plan):
    content = workbook.build_workbook(workbook.export_data(masterplan=plan))
    return load_workbook(io.BytesIO(content))


def save(book) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def find_row(ws, column: int, value) -> int:
    for row in ws.iter_rows(min_row=2):
        if row[column - 1].value == value:
            return row[0].row
    raise AssertionError(value)


def test_unchanged_export_imports_as_no_change(plan):
    mp = plan["home_plan"]
    result = services.preview_file(masterplan=mp, source=save(export_book(mp)))
    assert result.ok, result.errors
    assert not result.has_changes
    assert result.counts["programmes_unchanged"] == 6
    assert result.counts["indicators_unchanged"] == 11
    assert result.counts["targets_unchanged"] == 51


def test_round_trip_changes_exactly_the_edited_cells(plan):
    mp, actor = plan["home_plan"], plan["users"]["tim_pelaksana"]
    before = snapshot(mp)
    book = export_book(mp)
    programmes = workbook.sheet_of(book, workbook.SHEET_PROGRAMMES)
    indicators = workbook.sheet_of(book, workbook.SHEET_INDICATORS)
    # As a person in a spreadsheet: retitle a programme, type a budget the Indonesian way, change a target
    # (typed as text with a decimal comma) and the unit of an indicator.
    row = find_row(programmes, 1, "ECO-02")
    programmes.cell(row=row, column=2, value="Pasar digital desa")
    programmes.cell(row=row, column=12, value="2.750.000")
    irow = find_row(indicators, 3, "Indikator ENV-01 2")
    year_col = 11 + (2025 - 2022)
    indicators.cell(row=irow, column=year_col, value="33,25")
    indicators.cell(row=irow, column=5, value="desa")

    plan_ = services.preview_file(masterplan=mp, source=save(book))
    assert plan_.ok, plan_.errors
    report = plan_.report()
    assert report["counts"]["programmes_changed"] == 1
    assert report["counts"]["indicators_changed"] == 1
    assert report["counts"]["targets_changed"] == 1
    assert report["counts"]["programmes_created"] == report["counts"]["indicators_created"] == 0
    changes = {(c["key"], ch["field"]): (ch["old"], ch["new"]) for c in report["changed"] for ch in c["changes"]}
    assert changes[("ECO-02", "title")] == ("Program ECO-02", "Pasar digital desa")
    assert changes[("ECO-02", "budget_estimate")] == ("4500000", "2750000")
    assert changes[("ENV-01 #2", "unit")] == ("%", "desa")
    assert changes[("ENV-01 #2", "target 2025")] == ("30.5", "33.25")

    with pytest.raises(ApplicationError) as refused:
        importer.import_apply(plan=plan_, actor=actor, filename="edited.xlsx", expected=report["fingerprint"])
    assert "reason" in refused.value.fields  # the masterplan is adopted: the import is a revision
    importer.import_apply(
        plan=plan_, actor=actor, filename="edited.xlsx", expected=report["fingerprint"], reason="Hasil rapat OPD"
    )
    after = snapshot(mp)
    diff = {k: (before.get(k), after.get(k)) for k in set(before) | set(after) if before.get(k) != after.get(k)}
    env2 = Indicator.objects.get(programme__code="ENV-01", name="Indikator ENV-01 2").pk
    assert diff == {
        ("ECO-02", "title"): ("Program ECO-02", "Pasar digital desa"),
        ("ECO-02", "budget_estimate"): (Decimal(4_500_000), Decimal(2_750_000)),
        ("ENV-01", env2, "unit"): ("%", "desa"),
        ("ENV-01", env2, 2025): (Decimal("30.5"), Decimal("33.25")),
    }
    events = AuditEvent.objects.filter(action="programme.import_update").order_by("object_repr")
    assert [e.object_repr for e in events] == ["ECO-02", "ENV-01"]
    env = events[1]
    assert env.actor == actor
    assert env.before == {"indicator 2.unit": "%", "indicator 2.target 2025": "30.5"}
    assert env.after == {"indicator 2.unit": "desa", "indicator 2.target 2025": "33.25"}
    assert AuditEvent.objects.filter(action="masterplan.import", object_id=str(mp.pk)).count() == 1
    # The adopted masterplan changed by one revision, with the reason, after its adopted version was frozen.
    versions = list(MasterplanVersion.objects.filter(masterplan=mp).order_by("number"))
    assert [(v.number, v.kind) for v in versions] == [(0, "adopted"), (1, "revision")]
    assert versions[1].reason == "Hasil rapat OPD" and versions[1].actor == actor
    assert Programme.objects.get(masterplan=mp, code="ECO-02").version == 2

    # Importing the same edited file again changes nothing more.
    again = services.preview_file(masterplan=mp, source=save(book))
    assert again.ok and not again.has_changes


def test_new_indicator_on_an_existing_programme(plan):
    mp = plan["home_plan"]
    book = export_book(mp)
    indicators = workbook.sheet_of(book, workbook.SHEET_INDICATORS)
    programmes = workbook.sheet_of(book, workbook.SHEET_PROGRAMMES)
    programmes.cell(row=find_row(programmes, 1, "ECO-01"), column=11, value=2030)  # a target in 2030 needs it
    indicators.append(
        ["ECO-01", None, "Transaksi non-tunai", None, "%", None, None, None, "naik", 1, *([None] * 8), "75,5"]
    )
    checked = services.preview_file(masterplan=mp, source=save(book))
    assert checked.ok, checked.errors
    assert checked.counts["indicators_created"] == 1 and checked.counts["targets_created"] == 1
    importer.import_apply(plan=checked, actor=plan["users"]["region_admin"], reason="Tambah indikator")
    indicator = Indicator.objects.get(programme__masterplan=mp, name="Transaksi non-tunai")
    assert indicator.order == 3  # after the programme's two indicators
    assert list(indicator.targets.values_list("year", "value")) == [(2030, Decimal("75.5"))]
    assert Programme.objects.get(masterplan=mp, code="ECO-01").version == 2


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_english_unit_is_exported_and_imported_back(plan, language):
    mp = plan["home_plan"]
    Indicator.objects.filter(programme__masterplan=mp, name="Indikator ENV-01 1").update(unit_en="percent")
    with translation.override(language):
        book = export_book(mp)
    indicators = workbook.sheet_of(book, workbook.SHEET_INDICATORS)
    header = [c.value for c in indicators[1]]
    assert header[5] == "Satuan (Inggris) / Unit (English)"
    assert indicators.cell(row=find_row(indicators, 3, "Indikator ENV-01 1"), column=6).value == "percent"
    indicators.cell(row=find_row(indicators, 3, "Indikator ENV-01 2"), column=6, value="villages")
    with translation.override(language):
        checked = services.preview_file(masterplan=mp, source=save(book))
    assert checked.ok, checked.errors
    changes = {
        (c["key"], ch["field"]): (ch["old"], ch["new"]) for c in checked.report()["changed"] for ch in c["changes"]
    }
    assert changes == {("ENV-01 #2", "unit_en"): ("", "villages")}
    importer.import_apply(plan=checked, actor=plan["users"]["region_admin"], reason="Satuan Inggris")
    units = dict(
        Indicator.objects.filter(programme__code="ENV-01", programme__masterplan=mp).values_list("name", "unit_en")
    )
    assert units == {"Indikator ENV-01 1": "percent", "Indikator ENV-01 2": "villages"}


def test_a_workbook_without_the_english_unit_column_keeps_it(plan):
    mp = plan["home_plan"]
    Indicator.objects.filter(programme__masterplan=mp).update(unit_en="percent")
    book = export_book(mp)
    indicators = workbook.sheet_of(book, workbook.SHEET_INDICATORS)
    indicators.delete_cols(6)  # a file made before the column existed
    checked = services.preview_file(masterplan=mp, source=save(book))
    assert checked.ok, checked.errors
    assert not checked.has_changes


def test_formula_like_titles_are_text_and_round_trip(plan):
    """A title starting with '=' is exported as text ("'=…"), never a formula, and imports back unchanged."""
    mp = plan["home_plan"]
    payload = '=HYPERLINK("http://evil.example","klik")'
    Programme.objects.filter(masterplan=mp, code="ECO-02").update(title=payload, title_en="+62 kota")
    Indicator.objects.filter(programme__masterplan=mp).update(unit="-%")
    book = export_book(mp)
    programmes = workbook.sheet_of(book, workbook.SHEET_PROGRAMMES)
    row = find_row(programmes, 1, "ECO-02")
    cell = programmes.cell(row=row, column=2)
    assert cell.value == "'" + payload and cell.data_type == "s"
    assert not [c.coordinate for ws in book.worksheets for r in ws.iter_rows() for c in r if c.data_type == "f"]
    result = services.preview_file(masterplan=mp, source=save(book))
    assert result.ok, result.errors
    assert not result.has_changes
