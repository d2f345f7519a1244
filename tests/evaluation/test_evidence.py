"""Evidence files per self-assessment item: checked by content, size-limited, private, frozen at submission."""

import io

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.evaluation import services
from kotacerdas.evaluation.models import ItemEvidence, ItemScore
from tests.roles import ALL_USERS

from .conftest import fill_self, publish, score_all

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
USERS = [*ALL_USERS, "unassigned"]
STAFF = {"region_admin", "tim_pelaksana", "dewan", "agency_officer"}


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, monkeypatch):
    monkeypatch.setattr(ItemEvidence._meta.get_field("file"), "storage", FileSystemStorage(location=tmp_path))


def pdf(name="sk-tim.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def photo(name="foto.jpg", fmt="JPEG"):
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 140, 90)).save(buf, fmt)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def _user(ev, who):
    return ev["unassigned"] if who == "unassigned" else ev["users"][who]


def _row(ev, code="BAS-1") -> ItemScore:
    return ItemScore.objects.select_related("item").get(round=ev["round"], item__code=code)


def _raises(fn, text, **kwargs):
    with translation.override("en"), pytest.raises(ApplicationError) as exc:
        fn(**kwargs)
    assert text in str(exc.value.message), exc.value.message


@pytest.fixture
def attached(ev):
    row = _row(ev)
    evidence = services.evidence_attach(
        actor=ev["users"]["region_admin"], round_=ev["round"], item_id=row.item_id, file=pdf(), caption="SK Tim"
    )
    return {**ev, "row": row, "evidence": evidence}


def test_attach_document_and_image_checked_and_audited(attached):
    ev, evidence = attached, attached["evidence"]
    assert (
        evidence.content_type == "application/pdf" and evidence.name == "sk-tim.pdf" and evidence.size == len(PDF_BYTES)
    )
    assert evidence.file.name.startswith(f"evaluation/{ev['home'].pk}/{ev['round'].pk}/")
    assert "sk-tim" not in evidence.file.name  # a random name on disk
    image = services.evidence_attach(
        actor=ev["users"]["region_admin"], round_=ev["round"], item_id=ev["row"].item_id, file=photo("foto.png", "PNG")
    )
    assert image.is_image and image.content_type.startswith("image/")
    event = AuditEvent.objects.get(action="evaluation_evidence.attach", object_id=str(evidence.pk))
    assert event.actor == ev["users"]["region_admin"] and event.region_id == ev["home"].pk
    assert event.after == {
        "item": "BAS-1",
        "name": "sk-tim.pdf",
        "content_type": "application/pdf",
        "size": evidence.size,
    }
    services.evidence_remove(actor=ev["users"]["region_admin"], evidence=image)
    assert AuditEvent.objects.get(action="evaluation_evidence.remove").before["name"] == image.name
    assert ItemEvidence.objects.filter(item_score=ev["row"]).count() == 1


def test_bad_files_are_refused_and_nothing_saved(attached):
    ev, admin = attached, attached["users"]["region_admin"]
    kw = {"actor": admin, "round_": ev["round"], "item_id": ev["row"].item_id}
    _raises(
        services.evidence_attach,
        "documents and JPEG, PNG or WebP photos are accepted",
        file=SimpleUploadedFile("x.pdf", b"hello, not a pdf"),
        **kw,
    )
    _raises(services.evidence_attach, "content is PDF", file=pdf("bukti.docx"), **kw)
    big = pdf(content=PDF_BYTES + b"0" * (10 * 1024 * 1024))
    _raises(services.evidence_attach, "too large", file=big, **kw)
    big_photo = SimpleUploadedFile("besar.jpg", b"\xff\xd8\xff\xe0" + b"0" * (6 * 1024 * 1024))
    _raises(services.evidence_attach, "photo is too large", file=big_photo, **kw)
    _raises(services.evidence_attach, "Choose a file", file=None, **kw)
    _raises(services.evidence_attach, "not part of the round", file=pdf(), **{**kw, "item_id": 999999})
    _raises(services.evidence_attach, "not allowed", file=pdf(), **{**kw, "actor": ev["users"]["tim_pelaksana"]})
    _raises(services.evidence_attach, "not allowed", file=pdf(), **{**kw, "actor": ev["users"]["other_admin"]})
    assert ItemEvidence.objects.count() == 1
    assert AuditEvent.objects.filter(action="evaluation_evidence.attach").count() == 1


def test_at_most_ten_files_per_item(attached):
    kw = {"actor": attached["users"]["region_admin"], "round_": attached["round"], "item_id": attached["row"].item_id}
    for i in range(9):
        services.evidence_attach(file=pdf(f"b{i}.pdf"), **kw)
    _raises(services.evidence_attach, "at most 10 files", file=pdf(), **kw)


def test_attachments_freeze_at_submission(attached):
    ev, admin = attached, attached["users"]["region_admin"]
    fill_self(ev["round"], admin)
    _raises(
        services.evidence_attach,
        "evidence files cannot change any more",
        actor=admin,
        round_=ev["round"],
        item_id=ev["row"].item_id,
        file=pdf(),
    )
    _raises(services.evidence_remove, "cannot change any more", actor=admin, evidence=ev["evidence"])
    assert ItemEvidence.objects.count() == 1


@pytest.mark.parametrize("who", USERS)
def test_download_only_for_region_staff_and_the_rounds_assessors(attached, client_for, who):
    url = reverse(
        "evaluation:evidence_file",
        kwargs={
            "region_slug": attached["home"].slug,
            "pk": attached["round"].pk,
            "evidence_pk": attached["evidence"].pk,
        },
    )
    response = client_for(_user(attached, who)).get(url)
    if who in STAFF | {"evaluator"}:
        assert response.status_code == 200, who
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response["Content-Disposition"] and "sk-tim.pdf" in response["Content-Disposition"]
    elif who == "anonymous":
        assert response.status_code == 302 and "/akun/" in response["Location"]
    else:  # partner, citizen, the other region's people, an evaluator not assigned to the round
        assert response.status_code == 403, who


def test_another_regions_file_through_this_regions_url_is_404(attached, client_for):
    url = reverse(
        "evaluation:evidence_file",
        kwargs={
            "region_slug": attached["other"].slug,
            "pk": attached["round"].pk,
            "evidence_pk": attached["evidence"].pk,
        },
    )
    assert client_for(attached["users"]["other_admin"]).get(url).status_code == 404


@pytest.mark.parametrize("who", USERS)
def test_attach_and_remove_posts_only_by_the_region_admin(attached, client_for, who):
    kw = {"region_slug": attached["home"].slug, "pk": attached["round"].pk}
    client = client_for(_user(attached, who))
    response = client.post(
        reverse("evaluation:evidence_attach", kwargs={**kw, "item_id": attached["row"].item_id}), {"file": pdf()}
    )
    assert (ItemEvidence.objects.count() == 2) == (who == "region_admin"), who
    response = client.post(reverse("evaluation:evidence_remove", kwargs={**kw, "evidence_pk": attached["evidence"].pk}))
    removed = not ItemEvidence.objects.filter(pk=attached["evidence"].pk).exists()
    assert removed == (who == "region_admin"), who
    if who == "anonymous":
        assert response.status_code == 302 and "/akun/" in response["Location"]
    elif who != "region_admin":
        assert response.status_code == 403, who


def test_attach_form_errors_and_frozen_message(attached, client_for):
    kw = {"region_slug": attached["home"].slug, "pk": attached["round"].pk}
    url = reverse("evaluation:evidence_attach", kwargs={**kw, "item_id": attached["row"].item_id})
    client = client_for(attached["users"]["region_admin"])
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        response = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"not a pdf")})
        assert response.status_code == 400 and b'role="alert"' in response.content
        response = client.post(url, {})
        assert response.status_code == 400 and b"Choose a file" in response.content
        fill_self(attached["round"], attached["users"]["region_admin"])
        response = client.post(url, {"file": pdf()})
        assert response.status_code == 400 and b"cannot change any more" in response.content
    assert ItemEvidence.objects.count() == 1


def test_assessors_scoring_page_shows_the_files(attached, client_for):
    evaluator = attached["users"]["evaluator"]
    fill_self(attached["round"], attached["users"]["region_admin"])
    url = reverse("evaluation:round", kwargs={"region_slug": attached["home"].slug, "pk": attached["round"].pk})
    page = client_for(evaluator).get(url).content.decode()
    assert 'data-testid="scoring-form"' in page and 'data-testid="evidence-link"' in page and "sk-tim.pdf" in page
    assert 'data-testid="evidence-frozen"' in page
    page = client_for(attached["unassigned"]).get(url).content.decode()
    assert "sk-tim.pdf" not in page  # an evaluator who is not an assessor of the round


def test_correction_keeps_the_files(attached):
    evaluator = attached["users"]["evaluator"]
    round_ = fill_self(attached["round"], attached["users"]["region_admin"])
    score_all(round_, evaluator)
    publish(round_, evaluator)
    new = services.round_correct(actor=evaluator, round_=round_, reason="Salah ketik.")
    copy = ItemEvidence.objects.get(item_score__round=new)
    assert copy.file.name == attached["evidence"].file.name and copy.name == "sk-tim.pdf"


def test_round_page_query_count_flat_as_files_grow(attached, client_for):
    from .test_views import _count

    admin = attached["users"]["region_admin"]
    url = reverse("evaluation:round", kwargs={"region_slug": attached["home"].slug, "pk": attached["round"].pk})
    small = _count(client_for(admin), url)
    for row in ItemScore.objects.filter(round=attached["round"])[:8]:
        for i in range(3):
            services.evidence_attach(actor=admin, round_=attached["round"], item_id=row.item_id, file=pdf(f"b{i}.pdf"))
    assert _count(client_for(admin), url) == small
