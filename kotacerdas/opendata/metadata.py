"""A package's metadata in CKAN's shapes (package, resource, organisation, group) for the Action API.

URLs are absolute: `base` is the scheme and host the client used (request.build_absolute_uri("/"))."""

from functools import cache

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kotacerdas.masterplan.models import Dimension

from .datasets import BY_KEY, frequency_label
from .selectors import Org, Package

LANGUAGES = ("id", "en")
GROUPS = list(Dimension.Key.choices)  # the six smart city dimensions are CKAN's groups


def iso(value) -> str | None:
    return value.isoformat() if value else None


def both(lazy) -> dict:
    out = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            out[lang] = str(lazy)
    return out


@cache
def _texts(key: str, attr: str) -> dict:
    """A dataset's title or notes in both languages (static: translated once per process)."""
    return both(getattr(BY_KEY[key], attr))


@cache
def _path(name: str) -> str:
    """The URL pattern's path with placeholders, reversed once (reverse() per package is the API's hot spot)."""
    kwargs = {"region_slug": "SLUG0", "dataset": "DATASET0", "fmt": "FMT0"}
    if name != "opendata:resource" and name != "opendata:dataset_dcat":
        kwargs.pop("fmt")
    return reverse(name, kwargs=kwargs)


def _url(base: str, name: str, package: Package, fmt: str = "") -> str:
    path = _path(name).replace("SLUG0", package.org.slug).replace("DATASET0", package.key).replace("FMT0", fmt)
    return base.rstrip("/") + path


def notes(package: Package) -> dict:
    texts = dict(_texts(package.key, "notes"))
    if package.dataset.notes_extra:
        for lang in LANGUAGES:
            with translation.override(lang):
                texts[lang] += " " + str(package.dataset.notes_extra(package.context))
    return texts


def resource_url(base: str, package: Package, fmt: str) -> str:
    if fmt == "rss":
        path = reverse(package.dataset.feed, kwargs={"region_slug": package.org.slug})
        return base.rstrip("/") + path
    return _url(base, "opendata:resource", package, fmt)


def page_url(base: str, package: Package) -> str:
    return _url(base, "opendata:dataset", package)


MIMETYPES = {
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "JSON": "application/json",
    "RSS": "application/rss+xml",
}


def resources(base: str, package: Package) -> list[dict]:
    out = []
    for position, fmt in enumerate(package.formats):
        out.append(
            {
                "id": f"{package.name}-{fmt.lower()}",
                "package_id": package.name,
                "name": f"{package.name}.{fmt.lower()}",
                "description": _("Feed of the news") if fmt == "RSS" else _("The data as %(fmt)s") % {"fmt": fmt},
                "format": fmt,
                "mimetype": MIMETYPES[fmt],
                "url": resource_url(base, package, fmt.lower()),
                "position": position,
                "state": "active",
                "created": iso(package.org.created),
                "last_modified": iso(package.modified),
                "url_type": None,
            }
        )
    return out


def organization(base: str, org: Org, package_count: int | None = None) -> dict:
    out = {
        "id": org.slug,
        "name": org.slug,
        "title": f"{org.kind} {org.name}",
        "display_name": f"{org.kind} {org.name}",
        "description": org.province,
        "image_url": "",
        "created": iso(org.created),
        "is_organization": True,
        "type": "organization",
        "state": "active",
        "approval_status": "approved",
        "extras": [{"key": "kemendagri_code", "value": org.code}],
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out


def group(key: str, label, package_count: int | None = None) -> dict:
    out = {
        "id": key,
        "name": key,
        "title": str(label),
        "display_name": str(label),
        "description": "",
        "image_url": "",
        "is_organization": False,
        "type": "group",
        "state": "active",
        "approval_status": "approved",
    }
    if package_count is not None:
        out["package_count"] = package_count
    return out


def package(base: str, package: Package) -> dict:
    d = package.dataset
    titles, texts = _texts(d.key, "title"), notes(package)
    lang = translation.get_language() or "id"
    lang = lang if lang in LANGUAGES else "id"
    labels = dict(GROUPS)
    temporal = package.temporal or (None, None)
    extras = {
        "title_en": titles["en"],
        "notes_en": texts["en"],
        "language": "id",
        "frequency": d.frequency,
        "frequency_label": frequency_label(d.frequency),
        "producer": package.producer,
        "custodian": package.custodian,
        "spatial_code": package.org.code,
        "spatial_label": f"{package.org.kind} {package.org.name}",
        "temporal_start": str(temporal[0] or ""),
        "temporal_end": str(temporal[1] or ""),
        "dcat_url": _url(base, "opendata:dataset_dcat", package, "ttl"),
    }
    res = resources(base, package)
    return {
        "id": package.name,
        "name": package.name,
        "title": titles[lang],
        "notes": texts[lang],
        "title_translated": titles,
        "notes_translated": texts,
        "url": page_url(base, package),
        "author": package.producer,
        "maintainer": package.custodian,
        "license_id": package.licence,
        "license_title": package.licence_title,
        "license_url": package.licence_url,
        "isopen": True,
        "private": False,
        "state": "active",
        "type": "dataset",
        "version": None,
        "metadata_created": iso(package.org.created),
        "metadata_modified": iso(package.modified or package.org.created),
        "owner_org": package.org.slug,
        "organization": organization(base, package.org),
        "groups": [group(k, labels[k]) for k in d.groups],
        "tags": [{"id": t, "name": t, "display_name": t, "state": "active"} for t in d.tags],
        "num_tags": len(d.tags),
        "resources": res,
        "num_resources": len(res),
        "extras": [{"key": k, "value": v} for k, v in extras.items()],
    }
