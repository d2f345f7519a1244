"""The installable web app (docs/offline.md): the service worker at /sw.js (root scope), the offline page it
shows for a page that is not stored, and each region's manifest and icons. Progressive enhancement: every page
works without them."""

import io
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from PIL import Image, ImageDraw, ImageFont

from kotacerdas.common.cache import public_page
from kotacerdas.regions.access import with_region

# Bump when the service worker's caches change shape: the new worker drops the app shell of the old one.
OFFLINE_VERSION = "1"
THEME_COLOUR = "#0b7a75"
ICON_SIZES = (192, 512)
# The app shell: stored when the service worker installs, so the offline page and its look never need the network.
SHELL_STATIC = ("css/kc.css", "vendor/htmx.min.js", "js/pwa.js", "js/offline-drafts.js")
_WORKBOX = ("vendor/workbox/workbox-sw.js", "vendor/idb-keyval.js", "js/offline-sw.js")
_TITLE_WORDS = {"kabupaten", "kota", "kab.", "provinsi"}


@require_GET
def service_worker(request):
    """The service worker, served from the root so that it may control every page (scope "/")."""
    config = {
        "version": OFFLINE_VERSION,
        "offline": reverse("portal:offline"),
        "logout": reverse("accounts:logout"),
        "login": reverse("accounts:login"),
        "static": static(""),
        "workbox": static("vendor/workbox/").rstrip("/"),
        "shell": [reverse("portal:offline"), *(static(path) for path in SHELL_STATIC)],
    }
    scripts = ", ".join(json.dumps(static(path)) for path in _WORKBOX)
    body = (
        "/* Kota Cerdas service worker: docs/offline.md */\n"
        f"self.KC = {json.dumps(config)};\nimportScripts({scripts});\n"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def offline_page(request):
    """What the service worker shows for a page it has not stored: in Indonesian, whatever the language, since
    it is stored once for everyone; nothing personal, no cookies."""
    with translation.override("id"):
        response = render(request, "portal/offline.html", {})
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
@with_region
def manifest(request, *, region):
    """The region's web app manifest, in Bahasa Indonesia."""
    with translation.override("id"):
        description = _("The smart city programme of %(region)s: plans, progress and citizen reports.") % {
            "region": region.display_name
        }
    home = reverse("region:home", kwargs={"region_slug": region.slug})
    icons = [
        {
            "src": reverse("region:icon", kwargs={"region_slug": region.slug, "size": size}),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any maskable",
        }
        for size in ICON_SIZES
    ]
    body = {
        "id": home,
        "name": f"{region.display_name} · Kota Cerdas",
        "short_name": region.name[:12],
        "description": description,
        "lang": "id",
        "dir": "ltr",
        "start_url": home,
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def initials(name: str) -> str:
    """ "Kabupaten Luwu Utara" → "LU": the first letters of the name's words, without the kind of region."""
    words = [w for w in name.split() if w.lower() not in _TITLE_WORDS] or name.split() or ["K"]
    return "".join(w[0] for w in words[:2]).upper()


@require_GET
@public_page
@with_region
def icon(request, *, region, size):
    """A square PNG icon: the region's initials on the theme colour, drawn with Pillow (no stored binaries)."""
    if size not in ICON_SIZES:
        return HttpResponse(status=404)
    image = Image.new("RGB", (size, size), THEME_COLOUR)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=size * 0.38)
    draw.text((size / 2, size / 2), initials(region.display_name), fill="#ffffff", font=font, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    response = HttpResponse(out.getvalue(), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
