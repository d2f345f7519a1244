"""common.notify: one delivery for every app's notices, each event at most once per person, e-mailed later."""

import pytest
from django.core import mail

from kotacerdas.common.models import Notification
from kotacerdas.common.notify import email_notifications, notify


@pytest.mark.django_db
def test_a_notice_reaches_each_person_once_and_is_emailed(world, django_capture_on_commit_callbacks):
    tim, officer = world["users"]["tim_pelaksana"], world["users"]["agency_officer"]
    officer.email, tim.email = "petugas@example.org", ""
    officer.save()
    tim.save()
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = notify(region_id=world["home"].pk, users=[tim, officer], key="k:1", message="Halo", url="/x/")
        again = notify(region_id=world["home"].pk, users=[tim, officer], key="k:1", message="Halo", url="/x/")
    assert (first, again) == (2, 0)
    assert len(queued) == 1  # only the call that created notices asks for e-mails
    assert sorted(Notification.objects.values_list("user__username", "key")) == [
        ("agency_officer", "k:1"),
        ("tim_pelaksana", "k:1"),
    ]
    assert email_notifications.call() == 1  # the Tim Pelaksana member has no address
    assert [m.to for m in mail.outbox] == [["petugas@example.org"]]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_long_subject_is_cut_at_a_word_boundary_with_an_ellipsis():
    from kotacerdas.common.notify import subject_line

    message = "Laporan kemajuan indikator " + "pembangunan " * 10
    subject = subject_line(message)
    assert subject.endswith("…")
    words = subject.removeprefix("[Kota Cerdas] ").removesuffix("…").split()
    assert words and all(word in message.split() for word in words)  # no word cut in half
    assert len(subject.removeprefix("[Kota Cerdas] ")) <= 80
    assert subject_line("Halo  dunia\nbaru") == "[Kota Cerdas] Halo dunia baru"  # short: whole, one line


@pytest.mark.django_db
def test_the_email_links_to_the_site_address_and_keeps_whole_words(world, settings):
    settings.SITE_URL = "http://127.0.0.1:8131/"
    officer = world["users"]["agency_officer"]
    officer.email = "petugas@example.org"
    officer.save()
    message = "Laporan kemajuan dikembalikan: " + "perbaiki angka realisasi anggaran " * 4
    notify(region_id=world["home"].pk, users=[officer], key="k:2", message=message, url="/r/x/monev/")
    assert email_notifications.call() == 1
    sent = mail.outbox[-1]
    assert "http://127.0.0.1:8131/r/x/monev/" in sent.body
    assert sent.subject.endswith("…")
    assert sent.subject.removesuffix("…").split()[-1] in message.split()
