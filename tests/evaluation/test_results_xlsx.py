"""The XLSX of a round's results: the PDF's permission exactly, the published figures, formula-like text
kept as text, and sheet names and headers in the user's language."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.demo.evaluation import SCORES_2023
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import Item, Round

from .conftest import fill_self, publish, score_all
from .test_views import EVALUATORS, STAFF, USERS, _check, _user

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example", "Klik")'


def _demo_like(ev) -> Round:
    """A published 2023 round scored as the demo's Luwu Utara 2023 (index 2.88 with its quick wins at 3)."""
    evaluator = ev["users"]["evaluator"]
    framework = services.framework_create(actor=evaluator, year=2023, copy_from=ev["framework"])
    Item.objects.filter(framework=framework, code="BAS-1").update(title=EVIL)
    round_ = services.round_create(actor=evaluator, region=ev["home"], framework=framework, assessors=[evaluator])
    fill_self(round_, ev["users"]["region_admin"])
    score_all(round_, evaluator, scores=SCORES_2023)
    return publish(round_, evaluator)


def _url(ev, round_) -> str:
    return reverse("evaluation:results_xlsx", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk})


def _book(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


@pytest.mark.parametrize("who", USERS)
def test_xlsx_permission_is_the_pdfs(ev, client_for, who):
    """Published: the region's staff and the national evaluators; a draft's figures: national evaluators only;
    another region's admin, partners, citizens: refused; anonymous: the login page."""
    published, draft = _demo_like(ev), ev["round"]
    client = client_for(_user(ev, who))
    for name, round_, allowed in (("published", published, STAFF | EVALUATORS), ("draft", draft, EVALUATORS)):
        xlsx = client.get(_url(ev, round_))
        pdf_url = reverse("evaluation:results_pdf", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk})
        _check(xlsx, who, allowed, name)
        if who in allowed:
            assert xlsx.status_code == 200 and xlsx["Content-Type"].endswith("spreadsheetml.sheet")
            assert "attachment" in xlsx["Content-Disposition"]
        elif who != "anonymous":
            assert xlsx.status_code == client.get(pdf_url).status_code


def test_other_regions_round_is_404(ev, client_for):
    other = services.round_create(actor=ev["users"]["evaluator"], region=ev["other"], framework=ev["framework"])
    response = client_for(ev["users"]["evaluator"]).get(_url(ev, other))
    assert response.status_code == 404


def test_xlsx_holds_the_published_figures_as_numbers(ev, client_for):
    round_ = _demo_like(ev)
    book = _book(client_for(ev["users"]["region_admin"]).get(_url(ev, round_)))
    assert book.sheetnames == ["Ringkasan", "Dimensi", "Butir"]  # Indonesian by default
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=3, values_only=True)}
    assert Decimal(str(summary["Indeks"])) == round_.index == Decimal("2.88")
    dims = book["Dimensi"]
    assert [c.value for c in dims[1]][:4] == ["Dimensi evaluasi", "Bobot (%)", "Nilai", "Kontribusi pada indeks"]
    scores = {row[0]: row[2] for row in dims.iter_rows(min_row=2, values_only=True)}
    assert scores["Baseline"] == 2.5 and dims["C2"].number_format == "0.00"
    items = list(book["Butir"].iter_rows(min_row=2, values_only=True))
    by_code = {row[2]: row for row in items}
    weight, self_score, agreed, contribution = by_code["BAS-1"][4:8]
    assert isinstance(weight, float | int) and self_score == 3 and agreed == float(SCORES_2023["BAS-1"])
    assert contribution == pytest.approx(0.1 * weight / 100 * agreed)
    # Contributions of every item and quick win add up to the index.
    assert sum(row[7] or 0 for row in items) == pytest.approx(2.88)


def test_formula_like_title_is_text(ev, client_for):
    round_ = _demo_like(ev)
    book = _book(client_for(ev["users"]["evaluator"]).get(_url(ev, round_)))
    titles = [row[3] for row in book["Butir"].iter_rows(min_row=2, values_only=True)]
    assert "'" + EVIL in titles and EVIL not in titles
    assert all(cell.data_type != "f" for row in book["Butir"].iter_rows() for cell in row)


def test_english_sheet_names_and_link_on_the_results_page(ev, client_for):
    round_ = _demo_like(ev)
    client = client_for(ev["users"]["region_admin"])
    page = client.get(reverse("evaluation:results", kwargs={"region_slug": ev["home"].slug, "pk": round_.pk}))
    assert b'data-testid="xlsx-link"' in page.content and _url(ev, round_).encode() in page.content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    book = _book(client.get(_url(ev, round_)))
    assert book.sheetnames == ["Summary", "Dimensions", "Items"]
    assert book["Items"]["H1"].value == "Contribution to the index"
