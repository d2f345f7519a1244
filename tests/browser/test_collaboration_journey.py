"""A joint commitment, end to end in browsers: created, signed three ways, verified, edited, verified again.

The issue's "done when": the region admin (admin.lutra, desktop) creates a commitment through the staff pages,
adds three signatories — the Tim Pelaksana member (tp.lutra) for an agency and the Dewan member (dewan.lutra)
for a partner, both with accounts, and an outside community leader who has only an e-mail address — publishes
it and sends the outsider a one-time signing link. The two account holders log in (one browser context each,
the Dewan member on a phone) and sign; the outsider opens the e-mailed link on a phone, without an account, and
signs. An anonymous visitor follows the public page's QR code to the verification page and sees three VALID
signatures; the admin edits the text; the verification page then shows the same three signatures INVALID.
Finally the admin's collaboration dashboard counts the region's partners per pentahelix category as the
database does. The public pages never show a partner contact's (or a signatory's) e-mail address or phone.

The live server runs in this process with the test settings' locmem e-mail backend, so the signing link is
read from `mail.outbox`, as the signatory would read it from the e-mail: only the token's hash is stored.

Two tests at the end guard what this journey first found broken: the one-time link's form must pass Django's
CSRF origin check in a real browser (the page's Referrer-Policy must let the browser send its origin), and the
pages that print the full SHA-256 must fit a 360-pixel phone.
"""

import hashlib
import re
from collections import Counter

import pytest
import segno
from django.contrib.auth import get_user_model
from django.core.cache import cache
from playwright.sync_api import Locator, Page, expect

from kotacerdas.collaboration import services
from kotacerdas.collaboration.models import Commitment, Partner, PartnerContact, Signatory, Signature, SigningLink
from kotacerdas.demo.collaboration import PARTNERS as DEMO_PARTNERS
from kotacerdas.regions.models import Agency
from tests.browser.login import log_in

from .test_public_journey import assert_fits_width, watch_errors

pytestmark = pytest.mark.browser

SLUG = "luwu-utara"
ADMIN, TP, DEWAN = "admin.lutra", "tp.lutra", "dewan.lutra"

TITLE = "Komitmen Bersama Kota Cerdas Luwu Utara 2025 (uji peramban)"
TEXT = (
    "Kami, para pihak pentahelix Kabupaten Luwu Utara, berkomitmen untuk:\n"
    "1. melaksanakan Masterplan Smart City bersama-sama;\n"
    "2. berbagi data untuk pelayanan publik yang lebih baik."
)
EDITED = TEXT + "\n3. melaporkan kemajuan setiap triwulan kepada masyarakat."
# (name, position, signs for, user) — the outsider has an e-mail address instead of an account.
HEAD = ("Kepala Bappelitbangda (uji)", "Kepala Badan")
RECTOR = ("Rektor UNANDA (uji)", "Rektor")
OUTSIDER = ("Ketua Relawan TIK (uji)", "Ketua")
OUTSIDER_EMAIL = "ketua.relawan.uji@relawantik.example.org"
LINK_PATH = re.compile(rf"https?://\S+?(/r/{SLUG}/tanda-tangan/[A-Za-z0-9_-]+/)")


def signatory_row(page: Page, name: str):
    return page.get_by_test_id("signatory-row").filter(has_text=name)


def add_signatory(page: Page, name: str, position: str, *, agency=None, partner=None, user=None, email="") -> None:
    form = page.get_by_test_id("signatory-form")
    form.locator("#id_name").fill(name)
    form.locator("#id_position").fill(position)
    if email:
        form.locator("#id_email").fill(email)
    if agency is not None:
        form.locator("#id_agency").select_option(value=str(agency.pk))
    if partner is not None:
        form.locator("#id_partner").select_option(value=str(partner.pk))
    if user is not None:
        form.locator("#id_user").select_option(value=str(user.pk))
    form.locator("button[type=submit]").click()
    expect(page.locator(".msg-success")).to_be_visible()
    expect(signatory_row(page, name)).to_have_count(1)


def confirm_and_sign(form: Locator, *, phone: bool) -> None:
    """Tick "I have read the text" and press Sign (tapping on a phone, clicking on a desktop)."""
    confirm, button = form.locator("#id_confirm"), form.locator("button[type=submit]")
    if phone:
        confirm.tap()
        expect(confirm).to_be_checked()
        button.tap()
    else:
        confirm.check()
        button.click()


def sign_logged_in(
    page: Page, base_url: str, username: str, signatory_name: str, commitment: Commitment, *, phone: bool
) -> None:
    """Log in, find the commitment in the staff list, read it and sign."""
    log_in(page, base_url, username)
    page.goto(f"{base_url}/r/{SLUG}/kolaborasi/komitmen/")
    page.get_by_role("link", name=commitment.title).click()
    expect(page).to_have_url(re.compile(rf"/kolaborasi/komitmen/{commitment.pk}/$"))
    expect(page.get_by_test_id("commitment-text")).to_contain_text("berbagi data untuk pelayanan publik")
    expect(page.get_by_test_id("text-hash")).to_have_text(commitment.text_hash)
    expect(signatory_row(page, signatory_name).get_by_test_id("sig-valid")).to_have_count(0)
    form = page.get_by_test_id("sign-form")
    expect(form).to_have_count(1)  # only their own signatory: nobody signs for someone else
    confirm_and_sign(form, phone=phone)
    expect(page.locator(".msg-success")).to_be_visible()
    expect(page.get_by_test_id("sign-form")).to_have_count(0)
    expect(signatory_row(page, signatory_name).get_by_test_id("sig-valid")).to_be_visible()


def expect_verification(page: Page, *, valid: int, invalid: int, current_hash: str) -> None:
    expect(page.get_by_test_id("current-hash")).to_have_text(current_hash)
    expect(page.get_by_test_id("signatory-row")).to_have_count(3)
    expect(page.get_by_test_id("sig-valid")).to_have_count(valid)
    expect(page.get_by_test_id("sig-invalid")).to_have_count(invalid)
    for badge in page.get_by_test_id("sig-valid").all() + page.get_by_test_id("sig-invalid").all():
        expect(badge).to_be_visible()
    expect(page.get_by_test_id("verify-summary")).to_contain_text(re.compile(rf"^\s*{valid}\b"))


def assert_no_contact_data(page: Page, secrets: list[str]) -> None:
    html = page.content()
    leaked = [s for s in secrets if s in html]
    assert not leaked, f"{page.url} shows personal contact data: {leaked}"


def test_commitment_signed_three_ways_verified_then_invalidated_by_an_edit(
    live_server, demo, open_desktop, open_phone, mailoutbox
):
    base = live_server.url
    region = demo
    cache.clear()  # public pages are cached in this process's locmem cache: start from a clean slate
    agency = Agency.objects.get(region=region, acronym="Bappelitbangda")
    university = Partner.objects.get(region=region, acronym="UNANDA")
    community = Partner.objects.get(region=region, acronym="Relawan TIK")
    users = {u.username: u for u in get_user_model().objects.filter(username__in=(TP, DEWAN))}
    contacts = list(PartnerContact.objects.filter(region=region))
    assert contacts, "the demo should have a partner contact person with an e-mail address and phone"
    secrets = [OUTSIDER_EMAIL] + [c.email for c in contacts if c.email] + [c.phone for c in contacts if c.phone]

    # The admin creates the commitment from the staff list.
    admin = open_desktop()
    admin_errors = watch_errors(admin)
    log_in(admin, base, ADMIN)
    admin.goto(f"{base}/r/{SLUG}/kolaborasi/komitmen/")
    admin.locator(f'a[href="/r/{SLUG}/kolaborasi/komitmen/baru/"]').click()
    form = admin.get_by_test_id("commitment-form")
    form.locator("#id_title").fill(TITLE)
    form.locator("#id_text").fill(TEXT)
    form.locator("#id_event_date").fill("2025-05-20")
    form.locator("#id_event_place").fill("Masamba")
    form.locator("button[type=submit]").click()
    expect(admin).to_have_url(re.compile(rf"/r/{SLUG}/kolaborasi/komitmen/\d+/$"))
    commitment = Commitment.objects.get(region=region, title=TITLE)
    assert admin.url.endswith(f"/kolaborasi/komitmen/{commitment.pk}/")
    assert commitment.text == TEXT and not commitment.is_published
    expect(admin.get_by_test_id("text-hash")).to_have_text(commitment.text_hash)
    original_hash = commitment.text_hash

    # Three signatories: two with accounts (an agency, a partner), one outsider reachable by e-mail only.
    add_signatory(admin, *HEAD, agency=agency, user=users[TP])
    add_signatory(admin, *RECTOR, partner=university, user=users[DEWAN])
    add_signatory(admin, *OUTSIDER, partner=community, email=OUTSIDER_EMAIL)
    expect(admin.get_by_test_id("signatory-row")).to_have_count(3)
    signatories = {s.name: s for s in Signatory.objects.filter(commitment=commitment)}
    assert signatories[HEAD[0]].agency == agency and signatories[HEAD[0]].user == users[TP]
    assert signatories[RECTOR[0]].partner == university and signatories[RECTOR[0]].user == users[DEWAN]
    assert signatories[OUTSIDER[0]].user is None and signatories[OUTSIDER[0]].email == OUTSIDER_EMAIL

    # Publish, then send the outsider the one-time link (the only row with an e-mail address offers it).
    admin.locator('button[name=published][value="1"]').click()
    expect(admin.locator('button[name=published][value="0"]')).to_be_visible()
    assert Commitment.objects.get(pk=commitment.pk).is_published
    expect(signatory_row(admin, HEAD[0]).locator("form")).to_have_count(0)
    mailoutbox.clear()  # the demo's own notices (ideas, reports) are not this journey's
    with admin.expect_response(lambda r: r.url.endswith("/tautan/") and r.request.method == "POST") as sent:
        signatory_row(admin, OUTSIDER[0]).locator("button[type=submit]").click()
    assert sent.value.status == 302
    expect(admin.locator(".msg-success")).to_contain_text(OUTSIDER_EMAIL)

    (message,) = mailoutbox
    assert message.to == [OUTSIDER_EMAIL]
    assert TITLE in message.subject
    link_path = LINK_PATH.search(message.body).group(1)
    token = link_path.rstrip("/").rsplit("/", 1)[1]
    (link,) = SigningLink.objects.filter(signatory=signatories[OUTSIDER[0]])
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in link.token_hash
    assert link.used_at is None

    # The Tim Pelaksana member signs at a desk, the Dewan member on a phone; each only for themselves.
    tp = open_desktop()
    tp_errors = watch_errors(tp)
    sign_logged_in(tp, base, TP, HEAD[0], commitment, phone=False)
    dewan = open_phone()
    dewan_errors = watch_errors(dewan)
    sign_logged_in(dewan, base, DEWAN, RECTOR[0], commitment, phone=True)

    # The outsider opens the e-mailed link on a phone, without an account, reads the text and signs.
    outsider = open_phone()
    outsider_errors = watch_errors(outsider)
    response = outsider.goto(base + link_path)
    assert response.status == 200 and response.headers.get("referrer-policy") == "same-origin"
    expect(outsider.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(outsider.get_by_test_id("commitment-text")).to_contain_text("berbagi data untuk pelayanan publik")
    expect(outsider.locator("body")).to_contain_text(OUTSIDER[0])
    assert_no_contact_data(outsider, secrets)
    confirm_and_sign(outsider.get_by_test_id("sign-form"), phone=True)
    expect(outsider.get_by_test_id("sign-done")).to_be_visible()
    expect(outsider.get_by_test_id("sign-done")).to_contain_text(OUTSIDER[0])
    assert outsider_errors == [], outsider_errors
    assert SigningLink.objects.get(pk=link.pk).used_at is not None

    signatures = {s.signatory.name: s for s in Signature.objects.filter(signatory__commitment=commitment)}
    assert set(signatures) == {HEAD[0], RECTOR[0], OUTSIDER[0]}
    assert {s.text_hash for s in signatures.values()} == {original_hash}
    assert signatures[HEAD[0]].method == "login" and signatures[HEAD[0]].signed_by == users[TP]
    assert signatures[RECTOR[0]].method == "login" and signatures[RECTOR[0]].signed_by == users[DEWAN]
    assert signatures[OUTSIDER[0]].method == "link" and signatures[OUTSIDER[0]].signed_by is None

    # The link works once.
    reused = outsider.goto(base + link_path)
    assert reused.status == 410
    expect(outsider.get_by_test_id("link-error")).to_be_visible()
    expect(outsider.get_by_test_id("sign-form")).to_have_count(0)

    # An anonymous visitor reads the public page and follows its QR code to the verification page.
    visitor = open_phone()
    visitor_errors = watch_errors(visitor)
    visitor.goto(f"{base}/r/{SLUG}/komitmen/{commitment.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_test_id("sig-valid")).to_have_count(3)
    qr = visitor.get_by_test_id("qr")
    expect(qr.locator("svg")).to_be_visible()
    qr_url = qr.locator("svg title").text_content()
    verify_link = visitor.locator(f'a[href$="/r/{SLUG}/komitmen/{commitment.pk}/verifikasi/"]')
    assert verify_link.get_attribute("href") == qr_url == f"{base}/r/{SLUG}/komitmen/{commitment.pk}/verifikasi/"
    # The QR code's modules are exactly those of a QR code for that URL.
    expected_path = re.search(r' d="([^"]+)"', segno.make(qr_url, error="m").svg_inline(scale=4)).group(1)
    assert qr.locator("svg path").get_attribute("d") == expected_path
    assert_fits_width(visitor)
    assert_no_contact_data(visitor, secrets)
    verify_link.click()
    expect(visitor).to_have_url(qr_url)
    expect_verification(visitor, valid=3, invalid=0, current_hash=original_hash)
    for name in (HEAD[0], RECTOR[0], OUTSIDER[0]):
        expect(signatory_row(visitor, name).get_by_test_id("sig-valid")).to_be_visible()
    assert_no_contact_data(visitor, secrets)

    # The admin edits the text, warned that three signatures will no longer match.
    admin.goto(f"{base}/r/{SLUG}/kolaborasi/komitmen/{commitment.pk}/")
    expect(admin.get_by_test_id("sig-valid")).to_have_count(3)
    admin.locator(f'a[href="/r/{SLUG}/kolaborasi/komitmen/{commitment.pk}/teks/"]').click()
    expect(admin.get_by_test_id("invalidate-warning")).to_contain_text("3")
    form = admin.get_by_test_id("commitment-text-form")
    expect(form.locator("#id_text")).to_have_value(TEXT)
    form.locator("#id_text").fill(EDITED)
    form.locator("button[type=submit]").click()
    expect(admin).to_have_url(re.compile(rf"/kolaborasi/komitmen/{commitment.pk}/$"))
    commitment.refresh_from_db()
    assert commitment.text == EDITED and commitment.text_hash != original_hash
    expect(admin.get_by_test_id("text-hash")).to_have_text(commitment.text_hash)
    expect(admin.get_by_test_id("sig-invalid")).to_have_count(3)
    expect(admin.get_by_test_id("sig-valid")).to_have_count(0)
    assert Signature.objects.filter(signatory__commitment=commitment).count() == 3  # kept, now invalid

    # The verification page now shows all three INVALID, against the new fingerprint.
    visitor.reload()
    expect_verification(visitor, valid=0, invalid=3, current_hash=commitment.text_hash)
    for name in (HEAD[0], RECTOR[0], OUTSIDER[0]):
        expect(signatory_row(visitor, name).get_by_test_id("sig-invalid")).to_be_visible()
    visitor.goto(f"{base}/r/{SLUG}/komitmen/{commitment.pk}/")
    expect(visitor.get_by_test_id("commitment-text")).to_contain_text("melaporkan kemajuan setiap triwulan")
    expect(visitor.get_by_test_id("sig-invalid")).to_have_count(3)
    expect(visitor.get_by_test_id("sig-valid")).to_have_count(0)

    # The public partners page: consenting partners only, no contact people's e-mail or phone.
    visitor.goto(f"{base}/r/{SLUG}/mitra/")
    public = Partner.objects.filter(region=region, public_consent=True)
    expect(visitor.get_by_test_id("public-partner")).to_have_count(public.count())
    for hidden in Partner.objects.filter(region=region, public_consent=False):
        expect(visitor.get_by_text(hidden.name)).to_have_count(0)
    assert_fits_width(visitor)
    assert_no_contact_data(visitor, secrets)

    # Those contact details are real and on the page where they belong: the staff partner page.
    contact = next(c for c in contacts if c.email and c.phone)
    admin.goto(f"{base}/r/{SLUG}/kolaborasi/mitra/{contact.partner_id}/")
    expect(admin.get_by_test_id("contacts")).to_contain_text(contact.email)
    expect(admin.get_by_test_id("contacts")).to_contain_text(contact.phone)

    # The admin's dashboard counts the region's partners per pentahelix category as the database does.
    admin.goto(f"{base}/r/{SLUG}/kolaborasi/komitmen/")
    admin.locator(f'nav.subnav a[href="/r/{SLUG}/kolaborasi/"]').click()
    expect(admin).to_have_url(re.compile(rf"/r/{SLUG}/kolaborasi/$"))
    counts = Counter(Partner.objects.filter(region=region).values_list("category", flat=True))
    assert counts == Counter(category for _n, _a, category, *_rest in DEMO_PARTNERS)  # the demo's 8 partners
    table = admin.get_by_test_id("partners-by-category")
    expect(table.locator("tbody tr")).to_have_count(len(Partner.Category.values))
    for category in Partner.Category.values:
        expect(table.get_by_test_id(f"category-{category}").locator("td.num")).to_have_text(str(counts[category]))
    expect(admin.locator("h2#cat-h")).to_contain_text(str(sum(counts.values())))

    assert admin_errors == [], admin_errors
    assert tp_errors == [], tp_errors
    assert dewan_errors == [], dewan_errors
    assert visitor_errors == [], visitor_errors


def overflow(page: Page) -> str | None:
    """Why the page does not fit the phone's width, or None when it does (assert_fits_width, without raising)."""
    try:
        assert_fits_width(page)
    except AssertionError as exc:
        return str(exc).splitlines()[0]
    return None


def test_signing_and_verification_pages_fit_a_phone(live_server, demo, open_phone):
    """The pages a signatory and a visitor use on a phone must not scroll sideways (on the demo commitment)."""
    base = live_server.url
    commitment = Commitment.objects.get(region=demo, title__contains="Bimtek IV")
    admin = get_user_model().objects.get(username=ADMIN)
    bank = commitment.signatories.get(email__isnull=False, user__isnull=True, partner__acronym="Bank Sulselbar")
    _link, token = services.signing_link_create(actor=admin, signatory=bank)

    problems = []
    officer = open_phone()  # opd.dlh signs for DLH in the demo and reads the staff page of the commitment
    log_in(officer, base, "opd.dlh")
    officer.goto(f"{base}/r/{SLUG}/kolaborasi/komitmen/{commitment.pk}/")
    expect(officer.get_by_test_id("text-hash")).to_have_text(commitment.text_hash)
    problems.append(overflow(officer))

    signer = open_phone()
    signer.goto(f"{base}/r/{SLUG}/tanda-tangan/{token}/")
    expect(signer.get_by_test_id("sign-form")).to_be_visible()
    problems.append(overflow(signer))

    visitor = open_phone()
    visitor.goto(f"{base}/r/{SLUG}/komitmen/{commitment.pk}/verifikasi/")
    expect(visitor.get_by_test_id("current-hash")).to_have_text(commitment.text_hash)
    problems.append(overflow(visitor))
    visitor.goto(f"{base}/r/{SLUG}/komitmen/{commitment.pk}/")
    expect(visitor.get_by_test_id("qr")).to_be_visible()
    problems.append(overflow(visitor))

    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


def test_signing_through_a_link_in_a_real_browser(live_server, demo, open_phone):
    """The demo's bank manager signs the demo commitment through a fresh link, in a plain phone browser."""
    base = live_server.url
    commitment = Commitment.objects.get(region=demo, title__contains="Bimtek IV")
    admin = get_user_model().objects.get(username=ADMIN)
    bank = commitment.signatories.get(user__isnull=True, partner__acronym="Bank Sulselbar")
    _link, token = services.signing_link_create(actor=admin, signatory=bank)

    signer = open_phone()
    with signer.expect_response(lambda r: r.request.method == "POST") as posted:
        signer.goto(f"{base}/r/{SLUG}/tanda-tangan/{token}/")
        confirm_and_sign(signer.get_by_test_id("sign-form"), phone=True)
    assert posted.value.status == 200, (
        f"signing answered {posted.value.status} (Origin: {posted.value.request.headers.get('origin')})"
    )
    expect(signer.get_by_test_id("sign-done")).to_be_visible()
    assert Signature.objects.filter(signatory=bank, text_hash=commitment.text_hash).exists()
