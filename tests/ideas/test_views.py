"""Idea pages: who may do what (every role and the other region), bad input, abuse, query counts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.ideas import services
from kotacerdas.ideas.models import Idea, IdeaComment, IdeaSupport
from kotacerdas.regions.models import Membership
from tests.roles import ALL_USERS

BASE = "/r/luwu-utara"
MEMBERS = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "partner", "citizen"}
MODERATORS = {"region_admin", "tim_pelaksana"}


def _png(size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "green").save(buf, "PNG")
    return buf.getvalue()


def _idea_post(world, **extra):
    data = {
        "title": "Pasar online desa",
        "description": "Warga desa menjual hasil kebun lewat aplikasi bersama.",
        "dimension": world["home_dims"]["economy"].pk,
        "website": "",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("who", ALL_USERS)
def test_public_pages_readable_by_everyone(world, client_for, idea, who):
    client = client_for(world["users"][who])
    assert client.get(f"{BASE}/gagasan/").status_code == 200
    assert client.get(f"{BASE}/gagasan/{idea.pk}/").status_code == 200


def test_other_region_idea_is_404(world, client_for, other_idea):
    client = client_for(world["users"]["region_admin"])
    assert client.get(f"{BASE}/gagasan/{other_idea.pk}/").status_code == 404
    assert client.post(f"{BASE}/gagasan/{other_idea.pk}/dukung/").status_code == 404
    assert client.get(f"{BASE}/staf/gagasan/{other_idea.pk}/").status_code == 404


@pytest.mark.parametrize("who", ALL_USERS)
def test_propose_support_comment_by_role(world, client_for, idea, who):
    user = world["users"][who]
    client = client_for(user)
    allowed = who in MEMBERS
    r = client.post(f"{BASE}/gagasan/baru/", _idea_post(world))
    if who == "anonymous":
        assert r.status_code == 302 and "/masuk/" in r["Location"]
    else:
        assert r.status_code == (302 if allowed else 403)
    assert Idea.objects.filter(title="Pasar online desa").exists() == allowed
    r = client.post(f"{BASE}/gagasan/{idea.pk}/dukung/")
    assert r.status_code in ((302,) if allowed or who == "anonymous" else (403,))
    assert IdeaSupport.objects.filter(idea=idea).exists() == allowed
    r = client.post(f"{BASE}/gagasan/{idea.pk}/komentar/", {"body": "Bagus", "website": ""})
    assert IdeaComment.objects.filter(idea=idea).exists() == allowed


@pytest.mark.parametrize("who", ALL_USERS)
def test_staff_pages_by_role(world, client_for, idea, who):
    client = client_for(world["users"][who])
    allowed = who in MODERATORS
    expected = 200 if allowed else (302 if who == "anonymous" else 403)
    assert client.get(f"{BASE}/staf/gagasan/").status_code == expected
    assert client.get(f"{BASE}/staf/gagasan/{idea.pk}/").status_code == expected
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/status/", {"status": "under_review", "reason": ""})
    assert r.status_code == (302 if allowed else expected)
    idea.refresh_from_db()
    assert (idea.status == "under_review") == allowed
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/tautan/", {"programme": world["home_programme"].pk})
    idea.refresh_from_db()
    assert (idea.programme_id == world["home_programme"].pk) == allowed


def test_other_region_admin_cannot_moderate(world, client_for, idea):
    client = client_for(world["users"]["other_admin"])
    comment = services.comment_create(actor=world["users"]["dewan"], idea=idea, body="x")
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/komentar/{comment.pk}/moderasi/", {"reason": "no"})
    assert r.status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_flag_by_a_member_of_the_region(world, client_for, idea):
    client = client_for(world["users"]["citizen"])
    r = client.post(f"{BASE}/gagasan/{idea.pk}/laporkan/", {"reason": "Tidak pantas"})
    assert r.status_code == 302
    idea.refresh_from_db()
    assert idea.flag_count == 1
    assert client_for(None).post(f"{BASE}/gagasan/{idea.pk}/laporkan/").status_code == 302  # to login
    idea.refresh_from_db()
    assert idea.flag_count == 1


def test_flag_refused_to_other_regions_and_the_tim_ahli(world, client_for, idea):
    from tests.factories import MembershipFactory, UserFactory

    outsider = MembershipFactory(region=world["other"], role="citizen", user=UserFactory(username="warga_maros")).user
    for user in (outsider, world["users"]["other_admin"], world["users"]["evaluator"]):
        r = client_for(user).post(f"{BASE}/gagasan/{idea.pk}/laporkan/", {"reason": "Tidak pantas"})
        assert r.status_code == 403, user.username
        # Through the other region's URL the idea does not exist.
        r = client_for(user).post(f"/r/maros/gagasan/{idea.pk}/laporkan/", {"reason": "Tidak pantas"})
        assert r.status_code == 404, user.username
    idea.refresh_from_db()
    assert idea.flag_count == 0 and not idea.flags.exists()
    with pytest.raises(ApplicationError):
        services.flag_create(actor=outsider, idea=idea, reason="x")
    assert not idea.flags.exists()


def test_bad_input_gives_form_errors_not_500(world, client_for):
    client = client_for(world["users"]["citizen"])
    r = client.post(f"{BASE}/gagasan/baru/", _idea_post(world, title="", description="x" * 6000, dimension="999999"))
    assert r.status_code == 400
    assert {"title", "description", "dimension"} <= set(r.context["form"].errors)
    r = client.post(f"{BASE}/gagasan/baru/", _idea_post(world, dimension=world["other_dims"]["economy"].pk))
    assert r.status_code == 400 and "dimension" in r.context["form"].errors
    fake = SimpleUploadedFile("x.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    r = client.post(f"{BASE}/gagasan/baru/", _idea_post(world, photo=fake))
    assert r.status_code == 400 and "photo" in r.context["form"].errors
    assert Idea.objects.count() == 0


def test_photo_is_reencoded(world, client_for):
    client = client_for(world["users"]["citizen"])
    photo = SimpleUploadedFile("foto.png", _png(), content_type="image/png")
    r = client.post(f"{BASE}/gagasan/baru/", _idea_post(world, photo=photo))
    assert r.status_code == 302
    idea = Idea.objects.get()
    assert idea.photo.name.endswith(".png")
    with Image.open(idea.photo.path) as img:
        assert img.size == (40, 30)


def test_script_is_shown_escaped(world, client_for):
    client = client_for(world["users"]["citizen"])
    client.post(f"{BASE}/gagasan/baru/", _idea_post(world, title="<script>alert(1)</script> ide"))
    idea = Idea.objects.get()
    services.comment_create(actor=world["users"]["dewan"], idea=idea, body="<img src=x onerror=alert(2)>")
    page = client_for(None).get(f"{BASE}/gagasan/{idea.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page and "&lt;img src=x" in page
    listing = client_for(None).get(f"{BASE}/gagasan/").content.decode()
    assert "<script>alert(1)" not in listing


def test_support_twice_is_refused_cleanly(world, client_for, idea):
    client = client_for(world["users"]["dewan"])
    client.post(f"{BASE}/gagasan/{idea.pk}/dukung/")
    r = client.post(f"{BASE}/gagasan/{idea.pk}/dukung/", follow=True)
    assert r.status_code == 200
    assert IdeaSupport.objects.filter(idea=idea).count() == 1
    client.post(f"{BASE}/gagasan/{idea.pk}/dukung/", {"action": "remove"})
    assert IdeaSupport.objects.filter(idea=idea).count() == 0


def test_honeypot_refuses(world, client_for, idea):
    client = client_for(world["users"]["citizen"])
    r = client.post(f"{BASE}/gagasan/baru/", _idea_post(world, website="http://spam.example"))
    assert r.status_code == 400 and Idea.objects.count() == 1
    r = client.post(f"{BASE}/gagasan/{idea.pk}/komentar/", {"body": "buy now", "website": "x"})
    assert r.status_code == 400 and IdeaComment.objects.count() == 0


def test_comment_flood_is_limited_per_account(world, client_for, idea):
    client = client_for(world["users"]["partner"])
    for i in range(10):
        assert client.post(f"{BASE}/gagasan/{idea.pk}/komentar/", {"body": f"komentar {i}"}).status_code == 302
    r = client.post(f"{BASE}/gagasan/{idea.pk}/komentar/", {"body": "satu lagi"})
    assert r.status_code == 429
    assert IdeaComment.objects.count() == 10


def test_idea_flood_is_limited_per_ip(world, client_for):
    users = get_user_model().objects.all()[:0]
    assert not users
    created = 0
    for i in range(21):
        user = get_user_model().objects.create_user(f"flood{i}", password="x")
        Membership.objects.create(region=world["home"], user=user, role="citizen")
        r = client_for(user).post(f"{BASE}/gagasan/baru/", _idea_post(world, title=f"Ide banjir {i}"))
        created += r.status_code == 302
    assert created == 20 and r.status_code == 429


def test_hidden_comment_shows_reason(world, client_for, idea):
    comment = services.comment_create(actor=world["users"]["partner"], idea=idea, body="kata kasar")
    client = client_for(world["users"]["tim_pelaksana"])
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/komentar/{comment.pk}/moderasi/", {"reason": "Bahasa kasar"})
    assert r.status_code == 302
    page = client_for(None).get(f"{BASE}/gagasan/{idea.pk}/").content.decode()
    assert "kata kasar" not in page and "Bahasa kasar" in page
    client = client_for(world["users"]["tim_pelaksana"])
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/komentar/{comment.pk}/moderasi/", {"reason": ""})
    assert r.status_code == 400


def test_programme_page_lists_ideas_behind(world, client_for, idea):
    services.idea_link_programme(actor=world["users"]["region_admin"], idea=idea, programme=world["home_programme"])
    page = client_for(None).get(f"{BASE}/gagasan/{idea.pk}/").content.decode()
    assert 'data-testid="idea-became"' in page and "GOV-01" in page
    mine = client_for(world["users"]["citizen"]).get(f"{BASE}/gagasan/{idea.pk}/")
    assert mine.context["is_author"]


def _fill(world, n_ideas, n_comments):
    citizen, dewan = world["users"]["citizen"], world["users"]["dewan"]
    dims = list(world["home_dims"].values())
    ideas = [
        services.idea_create(
            actor=citizen,
            region=world["home"],
            title=f"Gagasan nomor {i}",
            description="Deskripsi gagasan yang cukup panjang.",
            dimension=dims[i % len(dims)],
        )
        for i in range(n_ideas)
    ]
    first = ideas[0]
    for i in range(n_comments):
        top = services.comment_create(actor=dewan, idea=first, body=f"komentar {i}")
        services.comment_create(actor=citizen, idea=first, body=f"balasan {i}", parent=top)
    for who in ("dewan", "partner", "tim_pelaksana", "agency_officer"):
        services.idea_support(actor=world["users"][who], idea=first)
    return first


@pytest.mark.parametrize("who", ["anonymous", "citizen", "region_admin"])
def test_query_counts_hold_as_data_grows(world, client_for, django_assert_max_num_queries, who):
    first = _fill(world, 2, 1)
    client = client_for(world["users"][who])
    bound = 12
    for url in (f"{BASE}/gagasan/?urut=dukungan", f"{BASE}/gagasan/{first.pk}/"):
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200
    from django.core.cache import cache

    cache.clear()
    _fill(world, 30, 25)
    for url in (f"{BASE}/gagasan/?urut=dukungan&status=new", f"{BASE}/gagasan/{first.pk}/"):
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ALL_USERS)
def test_moderation_posts_by_role(world, client_for, idea, who):
    comment = services.comment_create(actor=world["users"]["dewan"], idea=idea, body="komentar")
    client = client_for(world["users"][who])
    allowed = who in MODERATORS
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/komentar/{comment.pk}/moderasi/", {"reason": "Tidak pantas"})
    assert r.status_code == (302 if allowed or who == "anonymous" else 403)
    comment.refresh_from_db()
    assert comment.is_hidden == allowed
    r = client.post(f"{BASE}/staf/gagasan/{idea.pk}/sembunyikan/", {"reason": "Di luar topik"})
    idea.refresh_from_db()
    assert idea.is_hidden == allowed
    r = client.post(f"{BASE}/gagasan/{idea.pk}/laporkan/", {"reason": "x"})
    # Only the region's members flag; other regions' people and the Tim Ahli are refused.
    assert r.status_code == (302 if who in MEMBERS or who == "anonymous" else 403)
    idea.refresh_from_db()
    assert idea.flag_count == (1 if who in MEMBERS else 0)


@pytest.mark.parametrize("who", ALL_USERS)
def test_signup_page_by_role(world, client_for, who):
    r = client_for(world["users"][who]).get(f"{BASE}/daftar/")
    assert r.status_code == 200
    assert (r.context["form"] is None) == (who != "anonymous")  # logged in: offered to join instead


def test_official_reply_only_for_moderators(world, client_for, idea):
    client_for(world["users"]["dewan"]).post(f"{BASE}/gagasan/{idea.pk}/komentar/", {"body": "x", "official": "on"})
    assert not IdeaComment.objects.get().is_official
    client_for(world["users"]["tim_pelaksana"]).post(
        f"{BASE}/gagasan/{idea.pk}/komentar/", {"body": "Resmi", "official": "on"}
    )
    assert IdeaComment.objects.get(body="Resmi").is_official


def test_anonymous_page_shows_new_comments_and_supports(world, client_for, idea, django_capture_on_commit_callbacks):
    url = f"{BASE}/gagasan/{idea.pk}/"
    assert "Komentar baru" not in client_for(None).get(url).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_create(actor=world["users"]["dewan"], idea=idea, body="Komentar baru")
        services.idea_support(actor=world["users"]["dewan"], idea=idea)
    page = client_for(None).get(url)
    assert "Komentar baru" in page.content.decode()
    assert page.context["idea"].support_count == 1


def test_author_reads_notifications(world, client_for, idea, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.idea_set_status(actor=world["users"]["tim_pelaksana"], idea=idea, status="under_review")
    client = client_for(world["users"]["citizen"])
    assert 'data-testid="notifications-link"' in client.get(f"{BASE}/gagasan/").content.decode()
    page = client.get(f"{BASE}/monev/notifikasi/").content.decode()
    assert f"/gagasan/{idea.pk}/" in page


def test_my_ideas(world, client_for, idea):
    services.idea_create(
        actor=world["users"]["dewan"],
        region=world["home"],
        title="Gagasan anggota dewan",
        description="Sebuah gagasan lain dari orang lain.",
        dimension=world["home_dims"]["living"],
    )
    mine = client_for(world["users"]["citizen"]).get(f"{BASE}/gagasan/?saya=1")
    assert [i.pk for i in mine.context["page"]] == [idea.pk]
    everyone = client_for(None).get(f"{BASE}/gagasan/?saya=1")  # ignored without an account
    assert len(everyone.context["page"]) == 2
