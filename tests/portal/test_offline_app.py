"""The installable app's server side (docs/offline.md): the service worker at the root with root scope, the
offline page in Indonesian, the region's manifest and icons, and staff pages marked private per account."""

import io
import json

from PIL import Image

from kotacerdas.common.middleware import account_tag
from kotacerdas.portal.offline import initials


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(world, client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/" and response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    # Workbox, idb-keyval and our worker come from this site's static files, never a CDN.
    assert 'importScripts("/static/vendor/workbox/workbox-sw.js", "/static/vendor/idb-keyval.js"' in body
    assert "googleapis" not in body and "cdn" not in body.lower()
    config = json.loads(body.split("self.KC = ", 1)[1].split(";\n", 1)[0])
    assert config["offline"] == "/luring/" and config["logout"] == "/akun/keluar/"
    assert "/luring/" in config["shell"] and "/static/css/kc.css" in config["shell"]


def test_the_policy_lets_the_worker_and_the_manifest_load_from_this_site_only(world, client):
    policy = client.get("/r/luwu-utara/")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy


def test_the_offline_page_is_indonesian_and_personal_data_free(world, client_for):
    client = client_for(world["users"]["agency_officer"])
    client.cookies["django_language"] = "en"
    response = client.get("/luring/")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="id">' in html
    assert "Tidak ada koneksi" in html
    assert world["users"]["agency_officer"].username not in html and "csrfmiddlewaretoken" not in html


def test_the_manifest_names_the_region_in_indonesian(world, client):
    response = client.get("/r/luwu-utara/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["lang"] == "id" and manifest["scope"] == "/" and manifest["display"] == "standalone"
    assert manifest["start_url"] == "/r/luwu-utara/" and "Luwu Utara" in manifest["name"]
    assert manifest["description"].startswith("Program kota cerdas")
    assert [i["sizes"] for i in manifest["icons"]] == ["192x192", "512x512"]
    assert client.get("/r/tidak-ada/manifest.webmanifest").status_code == 404


def test_icons_are_drawn_at_the_size_asked(world, client):
    for size in (192, 512):
        response = client.get(f"/r/luwu-utara/ikon-{size}.png")
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(response.content)).size == (size, size)
        assert len(response.content) < 20_000
    assert client.get("/r/luwu-utara/ikon-100.png").status_code == 404


def test_initials_leave_out_the_kind_of_region():
    assert initials("Kabupaten Luwu Utara") == "LU"
    assert initials("Kota Palopo") == "P"
    assert initials("") == "K"


def test_region_pages_link_the_manifest_and_the_app_script(world, client):
    html = client.get("/r/luwu-utara/").content.decode()
    assert '<link rel="manifest" href="/r/luwu-utara/manifest.webmanifest">' in html
    assert 'src="/static/js/pwa.js" defer data-sw="/sw.js"' in html
    assert 'data-t-pending="Menunggu dikirim"' in html and 'data-t-send="Kirim sekarang"' in html


def test_staff_pages_are_private_and_named_by_account(world, client_for):
    officer = world["users"]["agency_officer"]
    response = client_for(officer).get("/r/luwu-utara/monev/program-saya/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert response["X-KC-Account"] == account_tag(officer) and str(officer.pk) != response["X-KC-Account"]
    assert account_tag(officer) != account_tag(world["users"]["region_admin"])


def test_public_pages_for_anonymous_visitors_name_no_account(world, client):
    response = client.get("/r/luwu-utara/")
    assert "X-KC-Account" not in response and "private" not in response.get("Cache-Control", "")
