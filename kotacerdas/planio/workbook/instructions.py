"""The Instructions sheet: how to fill in the workbook, in Indonesian and English."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.common.spreadsheet import safe_cell
from kotacerdas.masterplan.models import Masterplan

from .columns import INDICATOR_COLUMNS, PROGRAMME_COLUMNS, SHEET_INSTRUCTIONS, sheet_title

INSTRUCTIONS = [
    ("Petunjuk pengisian buku kerja rencana induk", "How to fill in the masterplan workbook"),
    (
        "Sheet Program (Programmes): satu baris per program. Kode program harus unik; impor ulang memperbarui "
        "program dengan kode yang sama, bukan menggandakannya.",
        "Sheet Programmes (Program): one row per programme. The programme code must be unique; re-importing "
        "updates the programme with the same code instead of duplicating it.",
    ),
    (
        "Sheet Indikator (Indicators): satu baris per indikator; kolom 'Target <tahun>' berisi target tahun itu. "
        "Sel kosong tidak mengubah target yang sudah ada.",
        "Sheet Indicators (Indikator): one row per indicator; the 'Target <year>' columns hold that year's "
        "target. An empty cell leaves an existing target as it is.",
    ),
    (
        "No. indikator menunjukkan urutan indikator dalam program (seperti diekspor). Kosongkan untuk indikator "
        "baru; indikator dicocokkan dengan kode program + nomor, atau kode program + nama.",
        "Indicator no. is the indicator's position in its programme (as exported). Leave it empty for a new "
        "indicator; indicators are matched on programme code + number, else programme code + name.",
    ),
    (
        "Dimensi, elemen, Perangkat Daerah (singkatan), jangka, sumber dana dan arah dipilih dari daftar. "
        "Beberapa Perangkat Daerah pendukung dipisahkan dengan koma.",
        "Dimension, element, agency (acronym), horizon, funding source and direction are chosen from the lists. "
        "Separate several supporting agencies with commas.",
    ),
    (
        "Angka boleh ditulis dengan format Indonesia (1.500.000 atau 1.500.000,50); tahun boleh ditulis sebagai "
        "tanggal (31/12/2025 dibaca 2025).",
        "Numbers may be written the Indonesian way (1.500.000 or 1.500.000,50); a year may be written as a date "
        "(31/12/2025 is read as 2025).",
    ),
    (
        "Jangka: short = pendek (1–3 tahun), medium = menengah (3–5), long = panjang (5–10). Arah: higher = "
        "makin tinggi makin baik, lower = makin rendah makin baik.",
        "Horizon: short (1–3 years), medium (3–5), long (5–10). Direction: higher is better, lower is better.",
    ),
    (
        "Menghapus: tulis ya atau x di kolom 'Hapus' pada baris program atau indikator yang akan dihapus "
        "(program dihapus bersama indikator dan targetnya). Baris yang sekadar dihilangkan dari berkas TIDAK "
        "dihapus: pratinjau menyebutnya 'tidak ada di berkas ini, tetap disimpan'.",
        "Deleting: write yes or x in the 'Delete' column of the programme or indicator row to delete (a "
        "programme goes with its indicators and targets). A row merely left out of the file is NOT deleted: the "
        "preview lists it as 'not in this file, kept'.",
    ),
    (
        "Target harus berada dalam tahun program; quick win berjalan pada tahun-tahun pertama rencana induk dan "
        "dalam tahun program. Bila tahun selesai dimajukan, target sesudahnya dihapus (pratinjau menyebutnya). "
        "Untuk indikator ber-satuan %, 60, 60% dan sel berformat persen (0,6) semuanya berarti 60.",
        "Targets must lie within the programme's years; a quick win runs in the first years of the masterplan "
        "and within the programme's years. When the end year is brought forward, the targets after it are "
        "removed (the preview lists them). In an indicator whose unit is %, 60, 60% and a cell formatted as a "
        "percentage (0.6) all mean 60.",
    ),
    (
        "Kolom tambahan (kolom bantu) diabaikan dengan peringatan. Jangka, sumber dana dan arah boleh ditulis "
        "dalam bahasa Indonesia atau Inggris (pendek/short, mitra/partner, naik/higher).",
        "Extra (helper) columns are ignored with a warning. Horizon, funding source and direction may be written "
        "in Indonesian or English (pendek/short, mitra/partner, naik/higher).",
    ),
    (
        "Jangan mengganti nama sheet atau judul kolom. Sebelum disimpan, platform menampilkan pratinjau: apa "
        "yang dibuat, diubah dan ditolak. Tidak ada yang disimpan bila ada baris yang ditolak.",
        "Do not rename the sheets or the column headers. Before saving, the platform shows a preview of what "
        "will be created, changed and rejected. Nothing is saved while a row is rejected.",
    ),
]


def write_instructions(book, mp: Masterplan) -> None:
    """The first sheet: the masterplan's title and period, when the file was made, the instructions in both
    languages and the required columns."""
    from openpyxl.styles import Alignment, Font

    instructions = book.create_sheet(sheet_title(SHEET_INSTRUCTIONS), 0)
    instructions.column_dimensions["A"].width = 90
    instructions.column_dimensions["B"].width = 90
    instructions.append([safe_cell(f"{mp.title} ({mp.period_start_year}–{mp.period_end_year})")])
    instructions["A1"].font = Font(bold=True, size=14)
    instructions.append(
        [date_format(timezone.localtime(), "DATETIME_FORMAT"), _("Workbook generated by Kota Cerdas")],
    )
    instructions.append([])
    instructions.append(["Bahasa Indonesia", "English"])
    instructions["A4"].font = instructions["B4"].font = Font(bold=True)
    for indonesian, english in INSTRUCTIONS:
        instructions.append([indonesian, english])
    for row in instructions.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    instructions.append([])
    instructions.append(["Kolom wajib / Required columns"])
    instructions.cell(row=instructions.max_row, column=1).font = Font(bold=True)
    for column in PROGRAMME_COLUMNS + INDICATOR_COLUMNS:
        if column.required:
            instructions.append([column.header])
