"""The questionnaire of the public satisfaction survey (SKM) and the regulation's arithmetic.

Source: Peraturan Menteri PANRB Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat
Unit Penyelenggara Pelayanan Publik (lampiran: the nine elements, the sample questionnaire, the conversion table).
The Indonesian wording is the regulation's own and is shown as is; the English lines are our translation.
See docs/surveys.md.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Element:
    key: str
    name_id: str
    name_en: str
    question_id: str
    question_en: str
    options_id: tuple[str, str, str, str]
    options_en: tuple[str, str, str, str]

    def _english(self) -> bool:
        return (get_language() or "id").startswith("en")

    @property
    def name(self) -> str:
        return self.name_en if self._english() else self.name_id

    @property
    def question(self) -> str:
        return self.question_en if self._english() else self.question_id

    @property
    def options(self) -> list[tuple[int, str]]:
        labels = self.options_en if self._english() else self.options_id
        return list(enumerate(labels, start=1))


# U1–U9 in the order of the regulation's list of elements (Lampiran, I.C "Ruang lingkup").
ELEMENTS: tuple[Element, ...] = (
    Element(
        "u1",
        "Persyaratan",
        "Requirements",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "How well do the service's requirements fit the kind of service?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        ("Not fitting", "Barely fitting", "Fitting", "Very fitting"),
    ),
    Element(
        "u2",
        "Sistem, Mekanisme, dan Prosedur",
        "System, mechanism and procedure",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "How easy is the service procedure of this unit?",
        ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"),
        ("Not easy", "Barely easy", "Easy", "Very easy"),
    ),
    Element(
        "u3",
        "Waktu Penyelesaian",
        "Completion time",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "How fast was the service delivered?",
        ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"),
        ("Not fast", "Barely fast", "Fast", "Very fast"),
    ),
    Element(
        "u4",
        "Biaya/Tarif",
        "Cost / fee",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "How fair is the cost or fee of the service?",
        ("Sangat mahal", "Cukup mahal", "Murah", "Gratis"),
        ("Very expensive", "Fairly expensive", "Cheap", "Free"),
    ),
    Element(
        "u5",
        "Produk Spesifikasi Jenis Pelayanan",
        "Product specification of the service",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
        "pelayanan dengan hasil yang diberikan?",
        "How well does what you received match the product listed in the service standard?",
        ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"),
        ("Not matching", "Barely matching", "Matching", "Fully matching"),
    ),
    Element(
        "u6",
        "Kompetensi Pelaksana",
        "Competence of the staff",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "How competent were the staff who served you?",
        ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"),
        ("Not competent", "Barely competent", "Competent", "Very competent"),
    ),
    Element(
        "u7",
        "Perilaku Pelaksana",
        "Conduct of the staff",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        "How polite and friendly were the staff?",
        ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"),
        ("Not polite or friendly", "Barely polite and friendly", "Polite and friendly", "Very polite and friendly"),
    ),
    Element(
        "u8",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Handling of complaints, suggestions and feedback",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "How are complaints from service users handled?",
        ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"),
        ("None", "Exists but does not work", "Works, not fully", "Well managed"),
    ),
    Element(
        "u9",
        "Sarana dan Prasarana",
        "Facilities and infrastructure",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "How good are the facilities and infrastructure?",
        ("Buruk", "Cukup", "Baik", "Sangat baik"),
        ("Poor", "Fair", "Good", "Very good"),
    ),
)
ELEMENT_KEYS: tuple[str, ...] = tuple(e.key for e in ELEMENTS)

IMPACT_QUESTION = _("How much has this quick win improved life for you or your community?")
IMPACT_OPTIONS = (
    (1, _("Not at all")),
    (2, _("A little")),
    (3, _("Clearly")),
    (4, _("Very much")),
)


@dataclass(frozen=True)
class Grade:
    letter: str
    label_id: str
    label_en: str
    low: Decimal  # lower bound of the converted index (IKM), inclusive
    nrr_low: Decimal  # lower bound of the mean rating (nilai interval), inclusive

    @property
    def label(self) -> str:
        return self.label_en if (get_language() or "id").startswith("en") else self.label_id


# The regulation's table: nilai interval (NI), nilai interval konversi (NIK), mutu pelayanan, kinerja unit.
GRADES: tuple[Grade, ...] = (
    Grade("A", "Sangat Baik", "Very good", Decimal("88.31"), Decimal("3.5324")),
    Grade("B", "Baik", "Good", Decimal("76.61"), Decimal("3.0644")),
    Grade("C", "Kurang Baik", "Poor", Decimal("65.00"), Decimal("2.60")),
    Grade("D", "Tidak Baik", "Very poor", Decimal("25.00"), Decimal("1.00")),
)

TWO = Decimal("0.01")
FOUR = Decimal("0.0001")


def grade_for_index(index: Decimal) -> Grade:
    """The grade of an index already rounded to two decimals (25.00–100.00)."""
    for grade in GRADES:
        if index >= grade.low:
            return grade
    return GRADES[-1]


def grade_for_mean(mean: Decimal) -> Grade:
    """The grade of a mean rating (NRR) of one element, by the regulation's nilai interval."""
    for grade in GRADES:
        if mean >= grade.nrr_low:
            return grade
    return GRADES[-1]


def round2(value: Decimal) -> Decimal:
    return value.quantize(TWO, rounding=ROUND_HALF_UP)


def round4(value: Decimal) -> Decimal:
    return value.quantize(FOUR, rounding=ROUND_HALF_UP)


def impact_to_evaluation_scale(mean: Decimal) -> Decimal:
    """A mean impact rating on 1–4 as a score on the evaluation's 0–4 scale: linear, 1 → 0 and 4 → 4."""
    return round2((mean - 1) * Decimal(4) / Decimal(3))
