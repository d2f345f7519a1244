"""Issue 16 item 9: on the citizen report form the desa list follows the chosen kecamatan without a reload
where JavaScript runs (the server does the same on a reload; tests/participation/test_views.py)."""

import pytest
from playwright.sync_api import expect

from kotacerdas.regions.models import District, Village

pytestmark = pytest.mark.browser
SLUG = "luwu-utara"


def _offered(page) -> list[str]:
    return page.locator("#id_village option").evaluate_all("(os) => os.map((o) => o.value).filter(Boolean)")


def test_the_desa_list_follows_the_kecamatan_without_a_reload(live_server, demo, open_phone):
    masamba = District.objects.get(region=demo, name="Masamba")
    sabbang = District.objects.get(region=demo, name="Sabbang")
    in_masamba = sorted(str(pk) for pk in Village.objects.filter(district=masamba).values_list("pk", flat=True))
    in_sabbang = sorted(str(pk) for pk in Village.objects.filter(district=sabbang).values_list("pk", flat=True))
    everywhere = Village.objects.filter(region=demo).count()
    phone = open_phone()
    errors: list[str] = []
    phone.on("pageerror", lambda e: errors.append(str(e)))
    phone.goto(f"{live_server.url}/r/{SLUG}/aduan/baru/")
    phone.evaluate("() => { window.kcNoReload = true; }")
    assert len(_offered(phone)) == everywhere
    phone.locator("#id_district").select_option(str(masamba.pk))
    assert sorted(_offered(phone)) == in_masamba
    expect(phone.locator("#id_village optgroup")).to_have_attribute("label", "Masamba")
    phone.locator("#id_village").select_option(in_masamba[0])
    # Another kecamatan: its desa only, and the desa of Masamba is no longer chosen.
    phone.locator("#id_district").select_option(str(sabbang.pk))
    assert sorted(_offered(phone)) == in_sabbang
    expect(phone.locator("#id_village")).to_have_value("")
    # No kecamatan: every desa again, grouped by kecamatan in name order.
    phone.locator("#id_district").select_option("")
    assert len(_offered(phone)) == everywhere
    labels = phone.locator("#id_village optgroup").evaluate_all("(gs) => gs.map((g) => g.label)")
    with_desa = District.objects.filter(region=demo, villages__isnull=False).distinct().order_by("name")
    assert labels == [d.name for d in with_desa]
    assert phone.evaluate("() => window.kcNoReload === true"), "the page was reloaded"
    assert not errors, errors
