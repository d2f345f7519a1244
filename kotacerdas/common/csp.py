"""The Content-Security-Policy of every page (docs/security.md, docs/decisions/0006-content-security-policy.md).

Plain Python without Django imports: settings build the site-wide policy from it, config/urls.py relaxes it for
the API documentation pages only.
"""

from urllib.parse import urlsplit

from csp.constants import NONE, SELF

# What Leaflet's tile URL templates put in a host name: "{s}" is a subdomain (a, b, c), "{r}" never reaches it.
_HOST_PLACEHOLDERS = ("{s}",)


def tile_source(url: str) -> str | None:
    """The CSP source ("https://tile.openstreetmap.org") that allows the map tiles of MAP_TILE_URL, or None when
    there are no tiles or they come from this site ("/tiles/{z}/{x}/{y}.png", which 'self' already covers).
    A "{s}" subdomain placeholder becomes a "*." wildcard."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc
    for placeholder in _HOST_PLACEHOLDERS:
        host = host.replace(placeholder + ".", "*.").replace(placeholder, "*")
    return f"{parts.scheme}://{host}"


def site_directives(*, tile_url: str) -> dict[str, list[str]]:
    """The policy of every page: scripts and styles only from our own files (no inline code, no eval),
    images also from data: (Leaflet, charts), blob: (a photo being resized before upload) and the tile host."""
    images = [SELF, "data:", "blob:"]
    tiles = tile_source(tile_url)
    if tiles:
        images.append(tiles)
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": images,
        "font-src": [SELF],
        "connect-src": [SELF],
        # The service worker (/sw.js, imports only our own files) and the region's manifest (docs/offline.md).
        "worker-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }


# Swagger UI (/api/docs/) is a third-party React app: it sets inline styles and shows data: icons. Its start-up
# script is served as a file (SpectacularSwaggerSplitView), so scripts stay 'self' only.
SWAGGER_UI_UPDATE = {"style-src": ["'unsafe-inline'"]}
# Redoc (/api/redoc/) writes <style> elements (styled-components), parses the schema in a blob: worker, its page
# links Google's fonts and its footer shows Redoc's logo from their CDN (fonts and logo may fail to load offline:
# the docs still work, in system fonts).
REDOC_UPDATE = {
    "img-src": ["https://cdn.redoc.ly"],
    "style-src": ["'unsafe-inline'", "https://fonts.googleapis.com"],
    "font-src": ["https://fonts.gstatic.com"],
    "worker-src": [SELF, "blob:"],
}
