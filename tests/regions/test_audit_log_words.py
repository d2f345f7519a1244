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
