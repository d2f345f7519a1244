"""The staff home shows a region's pages only to those who may open them: every link it shows answers."""

import pytest
from django.urls import reverse

from kotacerdas.portal.views import STAFF_LINKS
from tests.roles import ALL_USERS


def _links(html: str) -> list[str]:
    import re

    card = html.split('data-testid="region-card-luwu-utara"', 1)
    if len(card) < 2:
        return []
    body = card[1].split("</li>", 1)[0]
    return re.findall(r'href="([^"]+)"', body)


@pytest.mark.parametrize("who", [w for w in ALL_USERS if w != "anonymous"])
def test_every_link_on_the_staff_home_opens(world, client_for, who):
    client = client_for(world["users"][who])
    links = _links(client.get(reverse("portal:staff_home")).content.decode())
    if who in ("other_admin", "other_officer"):
        assert links == []  # their card is Maros'
        return
    assert links, "a member of the region sees at least the public page"
    for url in links:
        assert client.get(url, follow=True).status_code == 200, url


def test_partners_and_citizens_see_no_monitoring_links(world, client_for):
    for who in ("partner", "citizen"):
        html = client_for(world["users"][who]).get(reverse("portal:staff_home")).content.decode()
        assert 'data-testid="monitoring-link"' not in html
        assert 'data-testid="public-link"' in html
    admin = client_for(world["users"]["region_admin"]).get(reverse("portal:staff_home")).content.decode()
    for *_, testid in STAFF_LINKS:
        assert f'data-testid="{testid}"' in admin, testid


def test_a_partner_not_yet_linked_to_an_organisation_is_told_so(world, client_for):
    client = client_for(world["users"]["partner"])
    html = client.get(reverse("portal:staff_home")).content.decode()
    assert 'data-testid="my-organisation-link"' in html
    page = client.get(reverse("collaboration:my_organisation", kwargs={"region_slug": "luwu-utara"}))
    assert page.status_code == 200 and 'data-testid="no-organisation"' in page.content.decode()
