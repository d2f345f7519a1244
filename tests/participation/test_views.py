import pytest
from django.urls import reverse
from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.participation import services
from kotacerdas.participation.models import Report, ReportCategory
from tests.roles import ALL_USERS

from .conftest import INSIDE, jpeg, submit

pytestmark = pytest.mark.django_db


def url(name, region="luwu-utara", **kwargs):
    return reverse(f"participation:{name}", kwargs={"region_slug": region, **kwargs})


def form_data(aduan, **overrides):
    data = {
        "category": aduan["home_jalan"].pk,
        "description": "Jalan berlubang",
        "lat": "",
        "lon": "",
        "district": "",
        "village": aduan["home_village"].pk,
        "idempotency_key": "",
    }
    data.update(overrides)
    return data


def test_anonymous_submits_with_village_fallback_and_photo_then_tracks(aduan, client):
    page = client.get(url("report_new"))
    assert page.status_code == 200
    key = page.context["form"].initial["idempotency_key"]
    data = form_data(aduan, idempotency_key=key, photo_1=jpeg(), reporter_email="w@example.org")
    response = client.post(url("report_new"), data)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.district == aduan["home_district"] and report.village == aduan["home_village"]
    assert report.photos.count() == 1 and report.reporter is None
    assert response["Location"] == url("track", code=report.tracking_code)
    # a retry of the same form (dropped connection) lands on the same report
    # (a retry sends the same body again: same photo, same e-mail)
    again = client.post(url("report_new"), {**data, "photo_1": jpeg()})
    assert again["Location"] == response["Location"] and Report.objects.count() == 1
    tracked = client.get(response["Location"])
    assert tracked.status_code == 200
    assert report.tracking_code in tracked.content.decode()
    assert "w@example.org" not in tracked.content.decode()
    lookup = client.get(url("track_form"), {"kode": report.tracking_code.lower()})
    assert lookup.status_code == 302


def test_idempotency_key_header(aduan, client):
    for _ in range(2):
        client.post(url("report_new"), form_data(aduan), HTTP_IDEMPOTENCY_KEY="abc-123")
    assert Report.objects.count() == 1


def test_logged_in_reporter_is_linked(aduan, client_for):
    citizen = aduan["users"]["citizen"]
    response = client_for(citizen).post(url("report_new"), form_data(aduan))
    assert response.status_code == 302
    assert Report.objects.get().reporter == citizen


def test_honeypot_and_bad_input_store_nothing(aduan, client):
    client.cookies["django_language"] = "en"  # the page speaks the visitor's language
    with translation.override("en"):
        trap = client.post(url("report_new"), form_data(aduan, website="http://spam.example"))
        assert trap.status_code == 400
        outside = client.post(url("report_new"), form_data(aduan, village="", lat="-6.2", lon="106.8"))
        assert outside.status_code == 400 and "outside" in outside.content.decode()
        empty = client.post(url("report_new"), form_data(aduan, description=""))
        assert empty.status_code == 400
        bad_photo = client.post(url("report_new"), form_data(aduan, photo_1=jpeg("x.jpg", size=(1, 1))))
        assert bad_photo.status_code == 302  # a tiny but real image is fine
    assert Report.objects.count() == 1
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(url("report_new"), form_data(aduan, photo_1=fake))
    assert response.status_code == 400 and Report.objects.count() == 1


def test_the_form_takes_only_an_active_category_of_its_region(aduan, client, django_capture_on_commit_callbacks):
    """The form finds a posted category in the region's cached intake references (services.lookups); any
    other (another region's, a closed one) is refused, and the form is shown again with its choices."""
    assert client.post(url("report_new"), form_data(aduan)).status_code == 302  # the references cached
    foreign = client.post(url("report_new"), form_data(aduan, category=aduan["other_jalan"].pk))
    assert foreign.status_code == 400 and "category" in foreign.context["form"].errors
    assert aduan["home_sampah"].name in foreign.content.decode()  # the region's choices, shown again
    with django_capture_on_commit_callbacks(execute=True):
        services.category_save(
            region=aduan["home"], actor=aduan["users"]["region_admin"], category=aduan["home_jalan"], is_active=False
        )
    closed = client.post(url("report_new"), form_data(aduan))
    assert closed.status_code == 400 and "category" in closed.context["form"].errors
    assert Report.objects.count() == 1


def test_rate_limit_answers_429(aduan, client):
    services.settings_update(region=aduan["home"], actor=aduan["users"]["region_admin"], reports_per_ip_per_hour=1)
    assert client.post(url("report_new"), form_data(aduan)).status_code == 302
    assert client.post(url("report_new"), form_data(aduan)).status_code == 429
    assert Report.objects.count() == 1


def test_report_limit_ignores_forged_header_without_proxy(aduan, client):
    services.settings_update(region=aduan["home"], actor=aduan["users"]["region_admin"], reports_per_ip_per_hour=1)
    assert client.post(url("report_new"), form_data(aduan), HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 302
    for n in range(400):  # distinct URLs fill the page cache; the counters live elsewhere
        assert client.get(url("reports") + f"?q={n}").status_code == 200
    for n in range(5):
        forged = {"HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"}
        assert client.post(url("report_new"), form_data(aduan), **forged).status_code == 429


def test_html_is_escaped_everywhere(aduan, client):
    report = submit(aduan, description="<script>alert(1)</script>", address="<b>x</b>")
    for page in (url("report", pk=report.pk), url("reports"), url("track", code=report.tracking_code)):
        body = client.get(page).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;" in body or page == url("reports")


def test_similar_fragment(aduan, client):
    near = submit(aduan, lat="-2.556", lon="120.329")
    submit(aduan, lat="-2.9", lon="120.4")  # far away
    same_village = submit(aduan, lat=None, lon=None, village=aduan["home_far_village"])
    response = client.get(url("similar"), {"category": aduan["home_jalan"].pk, "lat": INSIDE[0], "lon": INSIDE[1]})
    assert [r.pk for r in response.context["rows"]] == [near.pk]
    response = client.get(url("similar"), {"category": aduan["home_jalan"].pk, "village": aduan["home_far_village"].pk})
    assert [r.pk for r in response.context["rows"]] == [same_village.pk]
    assert client.get(url("similar"), {"category": "x", "lat": "zz"}).status_code == 200


def test_public_pages_never_show_the_reporter(aduan, client):
    report = submit(aduan, reporter_name="Siti Rahma", reporter_email="siti@example.org", reporter_phone="0811")
    for page in (url("reports"), url("report", pk=report.pk), url("track", code=report.tracking_code), url("stats")):
        body = client.get(page).content.decode()
        for secret in ("Siti Rahma", "siti@example.org", "0811"):
            assert secret not in body


def test_other_region_report_is_404(aduan, client):
    foreign = submit(aduan, key="other")
    assert client.get(url("report", pk=foreign.pk)).status_code == 404
    assert client.get(url("track", code=foreign.tracking_code)).status_code == 404


# Staff pages: (page, users allowed)
HANDLERS = {"region_admin", "tim_pelaksana", "agency_officer"}
STAFF = {"region_admin", "tim_pelaksana", "dewan", "agency_officer"}


@pytest.mark.parametrize("who", ALL_USERS)
def test_staff_permissions(aduan, client_for, who):
    user = aduan["users"][who]
    report = submit(aduan, reporter_email="private@example.org")
    client = client_for(user)
    expected_list = 200 if who in STAFF else (302 if user is None else 403)
    assert client.get(url("staff_reports")).status_code == expected_list
    detail = client.get(url("staff_report", pk=report.pk))
    assert detail.status_code == expected_list
    if detail.status_code == 200:
        shown = "private@example.org" in detail.content.decode()
        assert shown == (who in HANDLERS)
    moved = client.post(url("staff_report", pk=report.pk), {"status": "verified", "text": "Dicek"})
    report.refresh_from_db()
    assert (report.status == "verified") == (who in HANDLERS)
    if who in HANDLERS:
        assert moved.status_code == 302
    for name in ("categories", "settings", "api_keys"):
        status = client.get(url(name)).status_code
        assert status == (200 if who == "region_admin" else (302 if user is None else 403))


@pytest.mark.parametrize("who", ["other_admin", "other_officer"])
def test_other_region_staff_cannot_reach_home_reports(aduan, client_for, who):
    report = submit(aduan)
    client = client_for(aduan["users"][who])
    assert client.get(url("staff_report", pk=report.pk)).status_code == 403
    foreign = submit(aduan, key="other")
    # even the region's own staff page does not serve another region's report id
    mine = client.get(url("staff_report", region="maros", pk=report.pk))
    assert mine.status_code == 404
    assert client.get(url("staff_report", region="maros", pk=foreign.pk)).status_code == 200


def test_officer_of_another_agency_reads_but_cannot_move(aduan, client_for):
    report = submit(aduan, category=aduan["home_sampah"])  # routed to DPU, not the officer's DLH
    client = client_for(aduan["users"]["agency_officer"])
    page = client.get(url("staff_report", pk=report.pk))
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(url("staff_report", pk=report.pk), {"status": "verified", "text": "x"}).status_code == 403


def test_transition_form_errors_and_audit(aduan, client_for):
    report = submit(aduan)
    client = client_for(aduan["users"]["tim_pelaksana"])
    assert client.post(url("staff_report", pk=report.pk), {"status": "resolved", "text": "x"}).status_code == 400
    assert client.post(url("staff_report", pk=report.pk), {"status": "verified", "text": ""}).status_code == 400
    assert client.post(url("staff_report", pk=report.pk), {"status": "verified", "text": "ok"}).status_code == 302
    assert AuditEvent.objects.filter(action="report.status").count() == 1


def test_admin_manages_categories_routes_settings_and_keys(aduan, client_for):
    client = client_for(aduan["users"]["region_admin"])
    new = {
        "new-code": "banjir",
        "new-name": "Banjir",
        "new-kind": "field_check",
        "new-agency": aduan["home_agency"].pk,
        "new-order": 1,
        "new-is_active": "on",
    }
    assert client.post(url("categories"), new).status_code == 302
    assert client.post(url("categories"), new).status_code == 400  # duplicate code
    foreign = {**new, "new-code": "lain", "new-agency": aduan["other_agency"].pk}
    assert client.post(url("categories"), foreign).status_code == 400
    category = ReportCategory.objects.get(region=aduan["home"], code="banjir")
    route = {
        "route-category": category.pk,
        "route-district": aduan["home_far"].pk,
        "route-agency": aduan["home_second_agency"].pk,
    }
    assert client.post(url("route_set"), route).status_code == 302
    assert category.routes.count() == 1
    bad = client.post(
        url("settings"),
        {
            "first_response_days": 3,
            "days_information": 5,
            "days_standard": 14,
            "days_field_check": 60,
            "min_lat": "-2",
            "reports_per_ip_per_hour": 5,
            "reports_per_account_per_hour": 5,
        },
    )
    assert bad.status_code == 400
    response = client.post(url("api_keys"), {"name": "Aplikasi"})
    assert response.status_code == 200 and response.context["raw"].startswith("kc311_")
    assert (
        AuditEvent.objects.filter(
            action__in=["report_category.create", "report_route.set", "open311_key.create"]
        ).count()
        == 3
    )


def test_list_filters_and_late_flag(aduan, client):
    import datetime

    from django.utils import timezone

    late = submit(aduan)
    Report.objects.filter(pk=late.pk).update(first_response_due=timezone.now() - datetime.timedelta(days=1))
    submit(aduan, category=aduan["home_sampah"])
    response = client.get(url("reports"), {"kategori": aduan["home_sampah"].pk})
    assert len(response.context["page"].rows) == 1
    response = client.get(url("reports"))
    assert response.content.decode().count('data-testid="late"') == 1
    assert client.get(url("reports"), {"status": "bogus", "kategori": "x", "halaman": "-4"}).status_code == 200


def _bulk(aduan, n):
    reports = [submit(aduan, photos=[]) for _ in range(n)]
    for r in reports[: n // 2]:
        services.report_transition(report=r, actor=aduan["users"]["region_admin"], status="verified", text="ok")
    return reports


@pytest.mark.parametrize("n", [3, 30])
def test_query_counts_hold_as_data_grows(aduan, client, client_for, django_assert_max_num_queries, n):
    _bulk(aduan, n)
    with django_assert_max_num_queries(8):
        assert client.get(url("reports")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url("stats")).status_code == 200
    report = Report.objects.first()
    with django_assert_max_num_queries(8):
        assert client.get(url("report", pk=report.pk)).status_code == 200
    staff = client_for(aduan["users"]["tim_pelaksana"])
    with django_assert_max_num_queries(12):
        assert staff.get(url("staff_reports")).status_code == 200


@pytest.mark.parametrize("who", ALL_USERS)
def test_public_pages_for_everyone_and_admin_only_writes(aduan, client_for, who):
    from kotacerdas.participation.models import Open311Key

    user = aduan["users"][who]
    client = client_for(user)
    report = submit(aduan)
    for page in (url("reports"), url("report_new"), url("stats"), url("report", pk=report.pk), url("track_form")):
        assert client.get(page).status_code == 200
    category = aduan["home_jalan"]
    key, _raw = services.api_key_create(region=aduan["home"], actor=aduan["users"]["region_admin"], name="App")
    denied = 302 if user is None else 403
    edit = client.get(url("category_edit", pk=category.pk)).status_code
    route = client.post(
        url("route_set"),
        {"route-category": category.pk, "route-district": aduan["home_far"].pk, "route-agency": ""},
    ).status_code
    revoke = client.post(url("api_key_revoke", pk=key.pk)).status_code
    if who == "region_admin":
        assert (edit, route, revoke) == (200, 302, 302)
        assert not Open311Key.objects.get(pk=key.pk).is_active
    else:
        assert (edit, route, revoke) == (denied, denied, denied)
        assert Open311Key.objects.get(pk=key.pk).is_active
    # another region's category or key id is not found, even for this region's admin
    foreign_key, _ = services.api_key_create(region=aduan["other"], actor=aduan["users"]["other_admin"], name="App")
    if who == "region_admin":
        assert client.get(url("category_edit", pk=aduan["other_jalan"].pk)).status_code == 404
        assert client.post(url("api_key_revoke", pk=foreign_key.pk)).status_code == 404


def test_the_desa_list_follows_the_chosen_kecamatan(aduan, client):
    from kotacerdas.participation.forms import ReportForm
    from kotacerdas.regions.models import District

    home, district = aduan["home"], aduan["home_district"]
    form = ReportForm(region=home, district=str(district.pk))
    offered = {pk for _group, options in form.fields["village"].widget.choices[1:] for pk, _name in options}
    assert aduan["home_village"].pk in offered
    assert offered == set(district.villages.values_list("pk", flat=True))
    names = [d.name for d in form.fields["district"].queryset]
    assert names == sorted(names) and set(names) == set(
        District.objects.filter(region=home).values_list("name", flat=True)
    )
    page = client.get(url("report_new"), {"district": district.pk})
    assert page.status_code == 200 and page.context["form"].initial["district"] == district.pk


def test_a_desa_outside_the_chosen_kecamatan_is_a_form_error(aduan, client):
    from kotacerdas.regions.models import Village

    other = Village.objects.filter(region=aduan["home"]).exclude(district=aduan["home_district"]).first()
    assert other is not None
    response = client.post(url("report_new"), form_data(aduan, district=aduan["home_district"].pk, village=other.pk))
    assert response.status_code == 400
    assert "kecamatan" in str(response.context["form"].errors["village"])


def test_a_submission_shown_again_offers_the_whole_desa_list(aduan, client):
    """A submission loads only the desa it names; shown again with an error, the form has the whole list."""
    from kotacerdas.regions.models import Village

    district = aduan["home_district"]
    response = client.post(url("report_new"), form_data(aduan, district=district.pk, description=""))
    assert response.status_code == 400
    form = response.context["form"]
    offered = {pk for _group, options in form.fields["village"].widget.choices[1:] for pk, _name in options}
    assert offered == set(district.villages.values_list("pk", flat=True))
    mapped = {pk for rows in form.village_map.values() for pk, _name in rows}
    assert mapped == set(Village.objects.filter(region=aduan["home"]).values_list("pk", flat=True))
    assert 'id="village-map"' in response.content.decode()
