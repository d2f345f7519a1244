"""CKAN's Action API, version 3, read-only, for the whole installation: regions are organisations and the
six smart city dimensions are groups (docs/opendata.md). Answers carry CKAN's envelope
(`help`, `success`, `result`); errors CKAN's shape: 404 "Not Found Error", 409 "Validation Error", 400 for
an unknown action or a body that is not JSON. Parameters come from the query string (GET) or a JSON or
form body (POST, as the `ckanapi` client sends them)."""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import metadata, search
from .selectors import CACHE_SECONDS, all_packages, catalogue

CKAN_VERSION = "2.10.4"  # the API generation we follow; clients switch on it


class NotFound(Exception):
    pass


def _envelope(request, name: str, status: int = 200, **body) -> JsonResponse:
    help_url = request.build_absolute_uri(reverse("ckan:action", kwargs={"name": "help_show"})) + f"?name={name}"
    return JsonResponse({"help": help_url, **body}, status=status, json_dumps_params={"ensure_ascii": False})


def _params(request) -> dict:
    if request.method == "GET":
        return {k: request.GET.get(k) for k in request.GET}
    if request.content_type == "application/json" or (request.body[:1] in (b"{", b"[")):
        data = json.loads(request.body or b"{}")  # ValueError → 400 by the caller
        if not isinstance(data, dict):
            raise ValueError
        return data
    return {k: request.POST.get(k) for k in request.POST}


def _base(request) -> str:
    return request.build_absolute_uri("/")


def _find(name_or_id) -> object:
    wanted = str(name_or_id or "")
    for p in all_packages():
        if p.name == wanted:
            return p
    raise NotFound


def _orgs() -> dict:
    orgs: dict = {}
    for p in all_packages():
        org, count = orgs.get(p.org.slug, (p.org, 0))
        orgs[p.org.slug] = (org, count + 1)
    return orgs


def status_show(request, params):
    return {
        "site_title": "Kota Cerdas",
        "site_url": _base(request).rstrip("/"),
        "site_description": "Open data of the smart city programmes (Gerakan Menuju 100 Smart City)",
        "ckan_version": CKAN_VERSION,
        "api_version": 3,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": [],
    }


def site_read(request, params):
    return True


def package_list(request, params):
    names = sorted(p.name for p in all_packages())
    limit, offset = search._int(params, "limit", len(names)), search._int(params, "offset", 0)
    return names[offset : offset + limit]


def current_package_list_with_resources(request, params):
    packages = sorted(all_packages(), key=lambda p: (p.modified or p.org.created).isoformat(), reverse=True)
    limit = min(search._int(params, "limit", search.ROWS_MAX), search.ROWS_MAX)
    offset = search._int(params, "offset", 0)
    return [metadata.package(_base(request), p) for p in packages[offset : offset + limit]]


def package_show(request, params):
    return metadata.package(_base(request), _find(params.get("id") or params.get("name_or_id")))


def resource_show(request, params):
    wanted = str(params.get("id") or "")
    for p in all_packages():
        if wanted.startswith(p.name + "-"):
            for res in metadata.resources(_base(request), p):
                if res["id"] == wanted:
                    return res
    raise NotFound


def package_search(request, params):
    """A harvester pages through the same searches again and again: each answer is kept beside the catalogue
    it was computed from (the catalogue's stamp changes whenever any region's data does)."""
    q = search.parse(params)
    base = _base(request)
    stamp, packages = catalogue()
    key = "kc:opendata:search:" + hashlib.sha256(f"{stamp}|{base}|{q!r}".encode()).hexdigest()[:40]
    answer = cache.get(key)
    if answer is None:
        answer = _search_answer(base, packages, q)
        cache.set(key, answer, CACHE_SECONDS)
    return answer


def _search_answer(base: str, packages, q: search.Query) -> dict:
    count, page, facets = search.run(packages, q)
    return {
        "count": count,
        "sort": ", ".join(f"{f} {'desc' if d else 'asc'}" for f, d in q.sort),
        "facets": facets,
        "search_facets": {
            name: {"title": name, "items": [{"name": k, "display_name": k, "count": n} for k, n in items.items()]}
            for name, items in facets.items()
        },
        "results": [metadata.package(base, p) for p in page],
    }


def _truthy(value) -> bool:
    return value is True or str(value).lower() in ("true", "1", "yes")


def organization_list(request, params):
    orgs = _orgs()
    if _truthy(params.get("all_fields")):
        return [metadata.organization(_base(request), org, n) for org, n in orgs.values()]
    return sorted(orgs)


def organization_show(request, params):
    org_count = _orgs().get(str(params.get("id") or ""))
    if org_count is None:
        raise NotFound
    org, count = org_count
    out = metadata.organization(_base(request), org, count)
    if _truthy(params.get("include_datasets", False)):
        out["packages"] = [metadata.package(_base(request), p) for p in all_packages() if p.org.slug == org.slug]
    return out


def _group_counts() -> dict[str, int]:
    counts = {k: 0 for k, _l in metadata.GROUPS}
    for p in all_packages():
        for g in p.dataset.groups:
            counts[g] += 1
    return counts


def group_list(request, params):
    if _truthy(params.get("all_fields")):
        counts = _group_counts()
        return [metadata.group(k, label, counts[k]) for k, label in metadata.GROUPS]
    return [k for k, _l in metadata.GROUPS]


def group_show(request, params):
    wanted = str(params.get("id") or "")
    labels = dict(metadata.GROUPS)
    if wanted not in labels:
        raise NotFound
    out = metadata.group(wanted, labels[wanted], _group_counts()[wanted])
    if _truthy(params.get("include_datasets", False)):
        out["packages"] = [metadata.package(_base(request), p) for p in all_packages() if wanted in p.dataset.groups]
    return out


def tag_list(request, params):
    tags = sorted({t for p in all_packages() for t in p.dataset.tags})
    text = str(params.get("query") or "").lower()
    return [t for t in tags if text in t]


def help_show(request, params):
    action = ACTIONS.get(str(params.get("name") or ""))
    if action is None:
        raise NotFound
    return (action.__doc__ or "").strip() or f"{params['name']}: see docs/opendata.md"


ACTIONS = {
    f.__name__: f
    for f in (
        status_show,
        site_read,
        package_list,
        current_package_list_with_resources,
        package_show,
        package_search,
        resource_show,
        organization_list,
        organization_show,
        group_list,
        group_show,
        tag_list,
        help_show,
    )
}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request, name: str):
    """One Action API call: find the action, read its parameters, answer in CKAN's envelope."""
    fn = ACTIONS.get(name)
    if fn is None:
        return _envelope(
            request, name, 400, success=False, error={"message": f"Bad request - Action name not known: {name}"}
        )
    try:
        params = _params(request)
        return _envelope(request, name, success=True, result=fn(request, params))
    except ValueError:
        return _envelope(request, name, 400, success=False, error={"message": "Bad request - JSON Error"})
    except NotFound:
        return _envelope(request, name, 404, success=False, error={"__type": "Not Found Error", "message": "Not found"})
    except search.Invalid as exc:
        error = {"__type": "Validation Error", exc.field: [exc.message]}
        return _envelope(request, name, 409, success=False, error=error)
