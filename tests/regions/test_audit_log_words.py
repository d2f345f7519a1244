"""The audit log in words (issue #16): role names instead of codes, "field: value" lines instead of Python
dictionaries, in both languages."""

from kotacerdas.audit.services import record_event


def test_the_audit_log_shows_role_names_and_readable_values(world, client_for):
    home, admin = world["home"], world["users"]["region_admin"]
    membership = admin.memberships.filter(region=home).first()
    record_event(
        actor=admin,
        action="membership.change",
        obj=membership,
        before={"role": "agency_officer", "targets": {"2024": "10", "2025": "12"}, "is_quick_win": False},
        after={"role": "region_admin", "targets": {"2024": "11", "2025": "12"}, "is_quick_win": True},
    )
    client = client_for(admin)
    page = client.get("/r/luwu-utara/staf/audit/").content.decode()
    assert "agency_officer" not in page and "{'2024'" not in page and "{&#x27;2024" not in page
    assert "Petugas Perangkat Daerah" in page
    assert "2024: 10<br>2025: 12" in page and "2024: 11<br>2025: 12" in page
    assert ">tidak<" in page and ">ya<" in page
    client.get("/bahasa/en/")
    page = client.get("/r/luwu-utara/staf/audit/").content.decode()
    assert "Agency officer" in page and "Region admin (Diskominfo)" in page and ">no<" in page


def test_the_audit_log_names_fields_as_their_model_does_in_both_languages(world, client_for):
    programme, admin = world["home_programme"], world["users"]["region_admin"]
    record_event(
        actor=admin,
        action="programme.update",
        obj=programme,
        before={"title": "Lama", "owner_agency": 1, "not_a_field": "a"},
        after={"title": "Baru", "owner_agency": 2, "not_a_field": "b"},
    )
    client = client_for(admin)
    page = client.get("/r/luwu-utara/staf/audit/").content.decode()
    assert "<td>Judul</td>" in page and "<td>title</td>" not in page
    assert "<td>not_a_field</td>" in page  # no such field: the stored key
    client.get("/bahasa/en/")
    page = client.get("/r/luwu-utara/staf/audit/").content.decode()
    assert "<td>Title</td>" in page and "<td>Owner agency</td>" in page
