"""Issue 16 item 3 in the self-assessment: files are part of the self-assessment form, so attaching (or
removing) a file saves the typed scores and notes in the same step; a refused file saves nothing and shows
every typed value again."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kotacerdas.evaluation.models import ItemEvidence, ItemScore, Round

from .test_evidence import _private_storage, _row, pdf  # noqa: F401 (the autouse storage fixture)

NOTE = "SK Tim Pelaksana Nomor 12/2025 (diketik sebelum melampirkan)."


def _url(ev) -> str:
    return reverse("evaluation:self_assessment", kwargs={"region_slug": ev["home"].slug, "pk": ev["round"].pk})


def _typed(ev, **extra) -> dict:
    row, other = _row(ev), _row(ev, "BAS-2")
    return {f"self_{row.item_id}": "2.5", f"note_{row.item_id}": NOTE, f"self_{other.item_id}": "3", **extra}


@pytest.fixture
def admin(ev, client_for):
    client = client_for(ev["users"]["region_admin"])
    client.cookies["django_language"] = "en"
    return client


def test_the_form_takes_files(ev, admin):
    page = admin.get(reverse("evaluation:round", kwargs={"region_slug": ev["home"].slug, "pk": ev["round"].pk}))
    html = page.content.decode()
    form = html.split('data-testid="self-assessment-form"', 1)[0].rsplit("<form", 1)[1]
    assert 'enctype="multipart/form-data"' in form
    row = _row(ev)
    assert f'name="file_{row.item_id}"' in html and 'form="att-' not in html


def test_attaching_saves_the_typed_score_and_note(ev, admin):
    row = _row(ev)
    data = _typed(ev, **{f"file_{row.item_id}": pdf(), f"caption_{row.item_id}": "SK", "attach": str(row.item_id)})
    response = admin.post(_url(ev), data)
    assert response.status_code == 302 and response["Location"].endswith(f"#item-{row.item_id}")
    saved = ItemScore.objects.get(pk=row.pk)
    assert saved.self_score == Decimal("2.5") and saved.evidence_note == NOTE
    assert ItemEvidence.objects.get(item_score=row).caption == "SK"
    assert Round.objects.get(pk=ev["round"].pk).status == Round.Status.DRAFT


@pytest.mark.parametrize("case", ["no file", "not a pdf"])
def test_a_refused_file_saves_nothing_and_shows_what_was_typed(ev, admin, case):
    row = _row(ev)
    extra = {"attach": str(row.item_id), f"caption_{row.item_id}": "Keterangan"}
    if case == "not a pdf":
        extra[f"file_{row.item_id}"] = SimpleUploadedFile("x.pdf", b"not a pdf")
    response = admin.post(_url(ev), _typed(ev, **extra))
    assert response.status_code == 400
    assert ItemScore.objects.get(pk=row.pk).self_score is None and not ItemEvidence.objects.exists()
    html = response.content.decode()
    assert NOTE in html and f'name="self_{row.item_id}" value="2.5"' in html and 'value="Keterangan"' in html
    item = html.split(f'id="item-{row.item_id}"', 1)[1].split("</tr>", 1)[0]
    assert 'role="alert"' in item


def test_removing_a_file_saves_the_typed_values(ev, admin):
    row = _row(ev)
    admin.post(_url(ev), _typed(ev, **{f"file_{row.item_id}": pdf(), "attach": str(row.item_id)}))
    evidence = ItemEvidence.objects.get()
    data = _typed(ev, **{f"note_{row.item_id}": "Diganti.", "remove_evidence": str(evidence.pk)})
    assert admin.post(_url(ev), data).status_code == 302
    assert not ItemEvidence.objects.exists()
    assert ItemScore.objects.get(pk=row.pk).evidence_note == "Diganti."


def test_a_file_chosen_before_submitting_is_attached_before_the_freeze(ev, admin):
    data = {f"self_{s.item_id}": "3" for s in ev["round"].scores.all()}
    row = _row(ev)
    response = admin.post(_url(ev), {**data, f"file_{row.item_id}": pdf(), "submit": "1"})
    assert response.status_code == 302
    assert Round.objects.get(pk=ev["round"].pk).status == Round.Status.SUBMITTED
    assert ItemEvidence.objects.filter(item_score=row).count() == 1
