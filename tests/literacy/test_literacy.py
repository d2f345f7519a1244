import datetime

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.literacy import services
from kotacerdas.literacy.models import Activity
from kotacerdas.regions.models import District
from tests.innovation.factories import activity, attendance, fake_image, pdf
from tests.roles import ALL_USERS

pytestmark = pytest.mark.django_db

MANAGERS = {"region_admin", "tim_pelaksana"}
EDITORS = MANAGERS | {"agency_officer"}  # the officer's agency organises the test activity
READERS = EDITORS | {"dewan", "evaluator"}


def test_attendance_must_add_up(world):
    with pytest.raises(ApplicationError) as exc:
        activity(world, **attendance(total=30, male=10, female=18))
    assert exc.value.message == "The attendance counts do not add up."
    assert "28" in exc.value.fields["male"][0] and "30" in exc.value.fields["male"][0]
    with pytest.raises(ApplicationError) as exc:
        activity(world, **attendance(total=30, male=12, female=18, students=20, teachers=5))
    assert "25" in exc.value.fields["civil_servants"][0]
    with pytest.raises(ApplicationError) as exc:
        activity(world, **{**attendance(), "with_disabilities": 31})
    assert "with_disabilities" in exc.value.fields
    assert not Activity.objects.exists()
    ok = activity(world, **attendance(total=30, male=12, female=18, students=20, teachers=10))
    assert ok.total == 30
    assert AuditEvent.objects.filter(action="literacy.activity_create").count() == 1


def test_links_stay_in_the_region(world):
    foreign_district = District.objects.create(region=world["other"], code="73.09.01", name="Mandai")
    with pytest.raises(ApplicationError) as exc:
        activity(world, district=foreign_district, organiser=world["other_agency"])
    assert {"district", "organiser"} <= set(exc.value.fields)


def test_officer_records_only_for_own_agency(world):
    from tests.factories import AgencyFactory

    officer = world["users"]["agency_officer"]
    other = AgencyFactory(region=world["home"], acronym="DISDIK")
    with pytest.raises(ApplicationError):
        services.activity_create(
            actor=officer,
            region=world["home"],
            title="x",
            kind="training",
            organiser=other,
            date=datetime.date(2024, 1, 1),
            **attendance(),
        )
    a = services.activity_create(
        actor=officer,
        region=world["home"],
        title="x",
        kind="training",
        organiser=world["home_agency"],
        date=datetime.date(2024, 1, 1),
        **attendance(),
    )
    services.activity_update(actor=officer, activity=a, title="Pelatihan y")
    with pytest.raises(ApplicationError):
        services.activity_update(actor=officer, activity=a, organiser=other)
    for who in ("dewan", "citizen", "other_admin"):
        with pytest.raises(ApplicationError):
            services.activity_update(actor=world["users"][who], activity=a, title="z")


def test_materials_checked_by_content(world):
    a = activity(world)
    admin = world["users"]["region_admin"]
    m = services.material_add(actor=admin, activity=a, title="Modul", file=pdf("modul.pdf"))
    assert m.content_type == "application/pdf"
    with pytest.raises(ApplicationError) as exc:
        services.material_add(actor=admin, activity=a, title="Palsu", file=fake_image("palsu.pdf"))
    assert "file" in exc.value.fields


def _check(response, who, allowed, name):
    if who in allowed:
        assert response.status_code == 200, (name, who, response.status_code)
    elif who == "anonymous":
        assert response.status_code == 302 and "/akun/" in response["Location"], (name, who)
    else:
        assert response.status_code == 403, (name, who, response.status_code)


@pytest.mark.parametrize("who", ALL_USERS)
def test_permission_table(world, client_for, who):
    a = activity(world)
    kw = {"region_slug": "luwu-utara"}
    client = client_for(world["users"][who])
    pages = {
        "list": (reverse("literacy:list", kwargs=kw), READERS),
        "create": (reverse("literacy:create", kwargs=kw), EDITORS),
        "locations": (reverse("literacy:locations", kwargs=kw), {"region_admin"}),
        "detail": (reverse("literacy:detail", kwargs={**kw, "pk": a.pk}), READERS),
        "edit": (reverse("literacy:edit", kwargs={**kw, "pk": a.pk}), EDITORS),
    }
    for name, (url, allowed) in pages.items():
        _check(client.get(url), who, allowed, name)
    for name in ("summary", "public_list"):
        assert client.get(reverse(f"literacy:{name}", kwargs=kw)).status_code == 200
    assert client.get(reverse("literacy:public_detail", kwargs={**kw, "pk": a.pk})).status_code == 200


def test_another_regions_activity_is_404(world, client_for):
    foreign = activity(world, region_key="other")
    client = client_for(world["users"]["region_admin"])
    for name in ("detail", "edit", "public_detail"):
        url = reverse(f"literacy:{name}", kwargs={"region_slug": "luwu-utara", "pk": foreign.pk})
        assert client.get(url).status_code == 404


def test_form_refuses_counts_that_do_not_add_up(world, client_for):
    client = client_for(world["users"]["region_admin"])
    district = District.objects.create(region=world["home"], code="73.22.03", name="Masamba")
    data = {
        "title": "Kelas Literasi Digital Masamba",
        "kind": "digital_literacy",
        "organiser": world["home_agency"].pk,
        "audience": "public",
        "district": district.pk,
        "date": "2024-02-03",
        **attendance(total=25, male=10, female=14),
    }
    url = reverse("literacy:create", kwargs={"region_slug": "luwu-utara"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors["male"]
    assert not Activity.objects.exists()
    response = client.post(url, {**data, **attendance(total=24, male=10, female=14)})
    assert response.status_code == 302
    assert Activity.objects.get().total == 24


def test_private_material_hidden_from_public(world, client_for):
    a = activity(world)
    admin = world["users"]["region_admin"]
    m = services.material_add(actor=admin, activity=a, title="Internal", file=pdf(), is_public=False)
    url = reverse("literacy:material_file", kwargs={"region_slug": "luwu-utara", "pk": a.pk, "material_pk": m.pk})
    assert client_for(None).get(url).status_code == 404
    assert client_for(world["users"]["other_admin"]).get(url).status_code == 404
    assert client_for(world["users"]["dewan"]).get(url).status_code == 200


def test_summary_totals_per_district_and_year_with_map(world, client_for):
    admin = world["users"]["region_admin"]
    masamba = District.objects.create(region=world["home"], code="73.22.03", name="Masamba")
    seko = District.objects.create(region=world["home"], code="73.22.07", name="Seko")
    services.district_location_set(actor=admin, district=masamba, latitude="-2.55", longitude="120.33")
    services.district_location_set(actor=admin, district=seko, latitude="-2.18", longitude="119.93")
    activity(world, district=masamba, date=datetime.date(2023, 3, 1))
    activity(world, district=masamba, date=datetime.date(2024, 3, 1), **attendance(total=10, male=5, female=5))
    activity(world, district=seko, date=datetime.date(2024, 6, 1), **attendance(total=7, male=3, female=4))
    response = client_for(None).get(reverse("literacy:summary", kwargs={"region_slug": "luwu-utara"}))
    data = response.context["data"]
    assert data["overall"]["total"] == 47 and data["overall"]["activities"] == 3
    assert [(r["year"], r["people"]) for r in data["by_year"]] == [(2023, 30), (2024, 17)]
    matrix = {d["name"]: dict(cells) for d, cells in data["matrix"]}
    assert matrix == {"Masamba": {2023: 30, 2024: 10}, "Seko": {2023: 0, 2024: 7}}
    body = response.content.decode()
    # The server-drawn map works without JavaScript; the script only upgrades it (data as JSON, not code).
    assert 'data-testid="district-map"' in body and "Masamba (40)" in body
    main = body.split("<main", 1)[1]
    assert main.count("<script") == main.count('<script id="literacy-map-') == 2
    assert 'type="application/json"' in main


def test_location_is_admin_only_and_validated(world):
    d = District.objects.create(region=world["home"], code="73.22.03", name="Masamba")
    with pytest.raises(ApplicationError):
        services.district_location_set(actor=world["users"]["tim_pelaksana"], district=d, latitude=1, longitude=1)
    with pytest.raises(ApplicationError):
        services.district_location_set(actor=world["users"]["region_admin"], district=d, latitude=95, longitude=1)


@pytest.mark.parametrize("n", [2, 15])
def test_query_counts_hold_as_data_grows(world, client_for, django_assert_max_num_queries, n):
    for i in range(n):
        activity(world, title=f"Kelas {i}", date=datetime.date(2022 + i % 3, 1, 1 + i))
    kw = {"region_slug": "luwu-utara"}
    anon = client_for(None)
    for name in ("summary", "public_list"):
        with django_assert_max_num_queries(10):
            assert anon.get(reverse(f"literacy:{name}", kwargs=kw)).status_code == 200
    client = client_for(world["users"]["region_admin"])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("literacy:list", kwargs=kw)).status_code == 200


@pytest.mark.parametrize("who", ALL_USERS)
def test_posts_refused_to_outsiders(world, client_for, who):
    a = activity(world)
    kw = {"region_slug": "luwu-utara", "pk": a.pk}
    client = client_for(world["users"][who])
    client.post(reverse("literacy:edit", kwargs=kw), {"title": "Diubah"})
    client.post(reverse("literacy:material_add", kwargs=kw), {"title": "Modul", "file": pdf()})
    district = a.district
    client.post(
        reverse("literacy:locations", kwargs={"region_slug": "luwu-utara"}),
        {"district": district.pk, "latitude": "-2.5", "longitude": "120.3"},
    )
    a.refresh_from_db()
    assert a.title == "Kelas Literasi Digital"  # the edit above is incomplete for everyone
    assert a.materials.exists() == (who in EDITORS)
    from kotacerdas.literacy.models import DistrictLocation

    assert DistrictLocation.objects.filter(district=district).exists() == (who == "region_admin")
