"""The SKM arithmetic of PermenPANRB 14/2017 against figures computed by hand."""

import datetime
from decimal import Decimal

import pytest

from kotacerdas.surveys import services
from kotacerdas.surveys.elements import ELEMENT_KEYS, ELEMENTS, grade_for_index, grade_for_mean
from kotacerdas.surveys.selectors import skm_result

SHEETS = [
    (4, 4, 4, 4, 4, 4, 4, 4, 4),
    (3, 3, 3, 3, 3, 3, 3, 3, 3),
    (4, 3, 2, 4, 3, 4, 4, 2, 3),
    (3, 3, 3, 4, 3, 4, 4, 3, 3),
]


@pytest.fixture
def skm(world):
    return services.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="skm",
        title="SKM Disdukcapil",
        service_name="KTP elektronik",
        agency=world["home_agency"],
        opens_on=datetime.date(2023, 1, 1),
        closes_on=datetime.date(2023, 12, 31),
    )


def _submit(survey, sheets):
    for i, sheet in enumerate(sheets):
        services.response_submit(
            survey=survey,
            answers=dict(zip(ELEMENT_KEYS, sheet, strict=True)),
            session_key=f"sess-{i}",
            today=datetime.date(2023, 5, 1),
        )


def test_nine_elements_in_the_regulations_order():
    assert [e.name_id for e in ELEMENTS] == [
        "Persyaratan",
        "Sistem, Mekanisme, dan Prosedur",
        "Waktu Penyelesaian",
        "Biaya/Tarif",
        "Produk Spesifikasi Jenis Pelayanan",
        "Kompetensi Pelaksana",
        "Perilaku Pelaksana",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Sarana dan Prasarana",
    ]


def test_hand_computed_example(skm):
    _submit(skm, SHEETS)
    result = skm_result(survey=skm)
    # Sums per element: 14 13 12 15 13 15 15 12 13 over 4 answers.
    assert [e.total for e in result.elements] == [14, 13, 12, 15, 13, 15, 15, 12, 13]
    assert [e.nrr for e in result.elements] == [
        Decimal(x) for x in ("3.5", "3.25", "3", "3.75", "3.25", "3.75", "3.75", "3", "3.25")
    ]
    # Σ NRR = 30.5; NRR tertimbang = 30.5 / 9 = 3.3889; IKM = 3.38888… × 25 = 84.72 → B (Baik).
    assert result.respondents == 4
    assert result.nrr_weighted_display == Decimal("3.3889")
    assert result.index == Decimal("84.72")
    assert result.grade.letter == "B" and result.grade.label_id == "Baik"
    # Per element by the nilai interval: 3.50 is B (up to 3.532), 3.00 is C, 3.75 is A.
    assert [e.grade.letter for e in result.elements][:4] == ["B", "B", "C", "A"]


def test_extremes(skm):
    _submit(skm, [(4,) * 9, (4,) * 9])
    assert skm_result(survey=skm).index == Decimal("100.00")


def test_no_responses(skm):
    result = skm_result(survey=skm)
    assert result.respondents == 0 and result.index is None and result.grade is None


@pytest.mark.parametrize(
    "index,letter",
    [
        ("100", "A"),
        ("88.31", "A"),
        ("88.30", "B"),
        ("76.61", "B"),
        ("76.60", "C"),
        ("65.00", "C"),
        ("64.99", "D"),
        ("25", "D"),
    ],
)
def test_grade_bands(index, letter):
    assert grade_for_index(Decimal(index)).letter == letter


@pytest.mark.parametrize(
    "mean,letter",
    [("4", "A"), ("3.5324", "A"), ("3.5323", "B"), ("3.0644", "B"), ("3.0643", "C"), ("2.60", "C"), ("2.59", "D")],
)
def test_element_bands(mean, letter):
    assert grade_for_mean(Decimal(mean)).letter == letter
