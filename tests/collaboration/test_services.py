import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import (
    Agreement,
    BodyMember,
    Commitment,
    Contribution,
    Partner,
    Signatory,
    Signature,
    SigningLink,
    normalise_text,
    text_hash,
)
from kotacerdas.collaboration.selectors import commitment_detail, commitment_verification
from kotacerdas.common.exceptions import ApplicationError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _rows(c):
    commitment = commitment_detail(region=c["home"], pk=c["commitment"].pk)
    return {r.signatory.pk: r for r in commitment_verification(commitment)}


def test_text_hash_is_normalised():
    assert normalise_text("  a\r\nb\n ") == "a\nb"
    assert text_hash("Cafe\u0301\r\n") == text_hash("Café")  # NFC: the combining accent equals é
    assert len(text_hash("x")) == 64


def test_sign_logged_in_records_hash_and_audit(collab):
    c = collab
    sig = services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    assert sig.text_hash == text_hash("Kami berkomitmen\nmembangun bersama.")
    assert sig.method == Signature.Method.LOGIN and sig.signed_by == c["users"]["agency_officer"]
    assert _rows(c)[c["head"].pk].has_signed
    assert AuditEvent.objects.filter(action="commitment.sign").count() == 1


def test_signing_twice_is_refused(collab):
    c = collab
    services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    with pytest.raises(ApplicationError, match="already signed"):
        services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    assert Signature.objects.count() == 1


@pytest.mark.parametrize("who", ["region_admin", "tim_pelaksana", "rector_user", "other_admin"])
def test_signing_on_behalf_of_someone_else_is_refused(collab, who):
    c = collab
    user = c["rector_user"] if who == "rector_user" else c["users"][who]
    with pytest.raises(ApplicationError, match="only sign for yourself"):
        services.commitment_sign(actor=user, signatory=c["head"])
    assert Signature.objects.count() == 0


def test_signing_a_stale_text_is_refused(collab):
    c = collab
    seen = c["commitment"].text_hash
    services.commitment_update_text(actor=c["users"]["region_admin"], commitment=c["commitment"], text="Baru")
    with pytest.raises(ApplicationError, match="changed"):
        services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"], expected_hash=seen)
    assert Signature.objects.count() == 0


def test_edit_invalidates_earlier_signatures_without_deleting_them(collab):
    c = collab
    services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    services.commitment_sign(actor=c["rector_user"], signatory=c["rector"])
    old_hash = c["commitment"].text_hash
    services.commitment_update_text(
        actor=c["users"]["tim_pelaksana"], commitment=c["commitment"], text="Kami berkomitmen membangun. Diubah."
    )
    rows = _rows(c)
    assert Signature.objects.count() == 2
    assert all(not r.has_signed and r.has_invalid_only for r in (rows[c["head"].pk], rows[c["rector"].pk]))
    event = AuditEvent.objects.get(action="commitment.update_text")
    assert event.before["hash"] == old_hash and event.after["text"] == "Kami berkomitmen membangun. Diubah."
    # The signatory can sign the new text; the old signature stays, invalid.
    services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    row = _rows(c)[c["head"].pk]
    assert row.has_signed and [ok for _s, ok in row.signatures] == [False, True]


def test_whitespace_only_edit_changes_nothing(collab):
    c = collab
    services.commitment_sign(actor=c["users"]["agency_officer"], signatory=c["head"])
    services.commitment_update_text(
        actor=c["users"]["region_admin"], commitment=c["commitment"], text="Kami berkomitmen\nmembangun bersama.\r\n"
    )
    assert _rows(c)[c["head"].pk].has_signed
    assert not AuditEvent.objects.filter(action="commitment.update_text").exists()


def test_only_managers_edit_text(collab):
    c = collab
    for who in ("dewan", "agency_officer", "partner", "citizen", "other_admin", "evaluator"):
        with pytest.raises(ApplicationError):
            services.commitment_update_text(actor=c["users"][who], commitment=c["commitment"], text="X")
    assert Commitment.objects.get().text == "Kami berkomitmen\nmembangun bersama."


def test_one_time_link_signs_once(collab):
    c = collab
    link, token = services.signing_link_create(actor=c["users"]["region_admin"], signatory=c["banker"])
    assert link.token_hash != token and token not in link.token_hash
    assert not SigningLink.objects.filter(token_hash=token).exists()
    sig = services.commitment_sign_with_link(region=c["home"], token=token)
    assert sig.method == Signature.Method.LINK and sig.signed_by is None
    with pytest.raises(ApplicationError, match="already used"):
        services.commitment_sign_with_link(region=c["home"], token=token)
    assert Signature.objects.count() == 1


def test_link_is_emailed_to_the_signatory(collab, django_capture_on_commit_callbacks):
    c = collab
    with django_capture_on_commit_callbacks(execute=True):
        _link, token = services.signing_link_create(actor=c["users"]["region_admin"], signatory=c["banker"])
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["direktur@bank.example.org"] and token in mail.outbox[0].body


@pytest.mark.parametrize(("language", "subject"), [("en", "Please sign:"), ("id", "Mohon tanda tangani:")])
def test_the_link_is_in_the_language_of_the_account_with_that_address(
    collab, language, subject, django_capture_on_commit_callbacks
):
    UserFactory(username="direktur", email="direktur@bank.example.org", language=language)
    with translation.override("en" if language == "id" else "id"), django_capture_on_commit_callbacks(execute=True):
        services.signing_link_create(actor=collab["users"]["region_admin"], signatory=collab["banker"])
    assert mail.outbox[-1].subject.startswith(subject)


def test_expired_link_is_refused(collab):
    c = collab
    link, token = services.signing_link_create(actor=c["users"]["region_admin"], signatory=c["banker"])
    SigningLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with pytest.raises(ApplicationError, match="expired"):
        services.commitment_sign_with_link(region=c["home"], token=token)
    assert Signature.objects.count() == 0


def test_link_of_another_region_or_bad_token_is_refused(collab):
    c = collab
    _link, token = services.signing_link_create(actor=c["users"]["region_admin"], signatory=c["banker"])
    for region, tok in ((c["other"], token), (c["home"], token + "x"), (c["home"], "")):
        with pytest.raises(ApplicationError, match="not valid"):
            services.commitment_sign_with_link(region=region, token=tok)
    assert Signature.objects.count() == 0


def test_link_without_email_is_refused(collab):
    c = collab
    with pytest.raises(ApplicationError, match="no e-mail"):
        services.signing_link_create(actor=c["users"]["region_admin"], signatory=c["head"])
    assert not SigningLink.objects.exists()


def test_partner_of_another_region_is_refused_everywhere(collab):
    c = collab
    admin, foreign = c["users"]["region_admin"], c["foreign"]
    with pytest.raises(ApplicationError) as exc:
        services.signatory_add(actor=admin, commitment=c["commitment"], name="X", position="Y", partner=foreign)
    assert "partner" in exc.value.fields
    with pytest.raises(ApplicationError):
        services.agreement_create(
            actor=admin,
            region=c["home"],
            number="1",
            kind="mou",
            title="T",
            signed_on=datetime.date(2024, 1, 1),
            starts_on=datetime.date(2024, 1, 1),
            ends_on=datetime.date(2025, 1, 1),
            partners=[foreign],
        )
    with pytest.raises(ApplicationError):
        services.contribution_create(
            actor=admin, partner=c["uni"], programme=c["other_programme"], kind="expertise", description="x", year=2024
        )
    with pytest.raises(ApplicationError) as exc:
        services.partner_update(actor=admin, partner=c["uni"], programmes=[c["other_programme"]])
    assert "programmes" in exc.value.fields
    assert Signatory.objects.count() == 3 and not Agreement.objects.exists() and not Contribution.objects.exists()
    assert list(c["uni"].programmes.all()) == [c["home_programme"]]


def test_partner_subkind_must_fit_category(collab):
    with pytest.raises(ApplicationError) as exc:
        services.partner_create(
            actor=collab["users"]["region_admin"], region=collab["home"], name="X", category="academia", subkind="bank"
        )
    assert exc.value.fields
    assert not Partner.objects.filter(name="X").exists()


def test_agreement_dates_and_document(collab):
    c = collab
    admin = c["users"]["region_admin"]
    base = dict(
        actor=admin, region=c["home"], kind="pks", title="PKS", signed_on=datetime.date(2024, 1, 1), partners=[c["uni"]]
    )
    with pytest.raises(ApplicationError) as exc:
        services.agreement_create(
            number="A", starts_on=datetime.date(2024, 5, 1), ends_on=datetime.date(2024, 4, 1), **base
        )
    assert exc.value.fields
    fake = SimpleUploadedFile("mou.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ApplicationError) as exc:
        services.agreement_create(
            number="B", starts_on=datetime.date(2024, 1, 1), ends_on=datetime.date(2025, 1, 1), document=fake, **base
        )
    assert "document" in exc.value.fields
    agreement = services.agreement_create(
        number="C",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 1, 1),
        document=SimpleUploadedFile("mou.pdf", PDF_BYTES),
        programmes=[c["home_programme"]],
        **base,
    )
    assert agreement.document.name.endswith(".pdf") and Agreement.objects.count() == 1


def test_agreement_alerts_once(collab):
    from kotacerdas.collaboration.notifications import send_agreement_alerts
    from kotacerdas.common.models import Notification

    c = collab
    today = datetime.date(2025, 1, 1)
    services.agreement_create(
        actor=c["users"]["region_admin"],
        region=c["home"],
        number="MOU-1",
        kind="mou",
        title="MoU",
        signed_on=datetime.date(2024, 1, 1),
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2025, 2, 1),
        alert_days_before=60,
        partners=[c["uni"]],
    )
    assert send_agreement_alerts(today=datetime.date(2024, 10, 1)) == 0  # too early
    assert send_agreement_alerts(today=today) == 1
    assert send_agreement_alerts(today=today) == 0
    assert Notification.objects.get().user == c["users"]["region_admin"]


def test_contribution_status_and_budget(collab):
    from kotacerdas.collaboration.selectors import programme_budget

    c = collab
    admin, programme = c["users"]["region_admin"], c["home_programme"]
    with pytest.raises(ApplicationError) as exc:
        services.contribution_create(
            actor=admin, partner=c["uni"], programme=programme, kind="funding", description="Dana", year=2024
        )
    assert "amount" in exc.value.fields
    funding = services.contribution_create(
        actor=admin,
        partner=c["bank"],
        programme=programme,
        kind="funding",
        description="CSR",
        year=2024,
        amount=Decimal("250000000"),
    )
    services.contribution_create(
        actor=admin,
        partner=c["uni"],
        programme=programme,
        kind="expertise",
        description="Pendampingan",
        year=2024,
        amount=Decimal("5"),
    )
    assert c["bank"].programmes.filter(pk=programme.pk).exists()
    assert Contribution.objects.get(kind="expertise").amount is None
    services.contribution_set_status(actor=admin, contribution=funding, status="realised")
    budget = programme_budget(programme=programme)
    assert budget.partner_realised == Decimal("250000000")
    assert budget.total == programme.budget_estimate + Decimal("250000000")
    services.contribution_set_status(actor=admin, contribution=funding, status="cancelled")
    with pytest.raises(ApplicationError):
        services.contribution_set_status(actor=admin, contribution=funding, status="pledged")
    assert programme_budget(programme=programme).partner_realised == 0


def test_body_membership_history(collab):
    c = collab
    admin = c["users"]["tim_pelaksana"]
    body = services.body_create(
        actor=admin, region=c["home"], kind="dewan", decree_number="SK 1/2024", term_starts=datetime.date(2024, 1, 1)
    )
    member = services.body_member_add(
        actor=admin, body=body, name="A", role="Ketua", starts_on=datetime.date(2024, 1, 1), agency=c["home_agency"]
    )
    with pytest.raises(ApplicationError):
        services.body_member_end(actor=admin, member=member, ends_on=datetime.date(2023, 1, 1))
    services.body_member_end(actor=admin, member=member, ends_on=datetime.date(2024, 6, 30))
    with pytest.raises(ApplicationError, match="already ended"):
        services.body_member_end(actor=admin, member=member, ends_on=datetime.date(2024, 7, 30))
    services.body_member_add(actor=admin, body=body, name="B", role="Ketua", starts_on=datetime.date(2024, 7, 1))
    assert BodyMember.objects.count() == 2
    assert BodyMember.objects.get(name="A").ends_on == datetime.date(2024, 6, 30)
    with pytest.raises(ApplicationError):
        services.body_member_add(
            actor=admin, body=body, name="C", role="Anggota", starts_on=datetime.date(2024, 1, 1), partner=c["foreign"]
        )
    with pytest.raises(ApplicationError):
        services.body_member_add(
            actor=c["users"]["dewan"], body=body, name="D", role="Anggota", starts_on=datetime.date(2024, 1, 1)
        )
