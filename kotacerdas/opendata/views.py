"""The region's open data pages (catalogue, dataset page with preview and chart), the resource downloads and
the DCAT documents. Every page works without JavaScript; the tables scroll sideways on a phone."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.common.charts.bars import count_bars
from kotacerdas.common.exceptions import save_form
from kotacerdas.regions.access import require_perm, with_region

from . import builds, dcat, metadata, resources, selectors, services
from .datasets import frequency_label
from .forms import SettingsForm
from .rdf import SERIALISERS


def _package(region, key: str):
    package = selectors.package_for(region=region, key=key)
    if package is None:
        raise Http404
    return package


@login_required
@with_region
def settings_page(request, *, region):
    """The region admin's licence, custodian and small-count threshold; saved through the audited service."""
    require_perm(request, "opendata.manage_settings", region)
    form = SettingsForm(request.POST or None, instance=services.settings_of(region=region), region=region)
    status = 200
    if request.method == "POST":
        if save_form(request, form, partial(services.open_data_settings_update, region=region, actor=request.user)):
            return redirect("opendata:settings", region_slug=region.slug)
        status = 400
    return render(request, "opendata/settings.html", {"region": region, "form": form}, status=status)


@with_region
def catalogue(request, *, region):
    packages = selectors.region_packages(region=region)
    counts = selectors.download_counts(region=region)
    rows = [(p, sum(counts.get(p.key, {}).values())) for p in packages]
    return render(request, "opendata/catalogue.html", {"region": region, "rows": rows, "settings_of": packages[0]})


@with_region
def dataset(request, *, region, dataset):
    package = _package(region, dataset)
    names, preview, more = resources.preview(package, region)
    chart = resources.chart_rows(package, region)
    counts = selectors.download_counts(region=region).get(package.key, {})
    base = request.build_absolute_uri("/")
    context = {
        "region": region,
        "package": package,
        "notes": metadata.notes(package),
        "frequency": frequency_label(package.dataset.frequency),
        "columns": metadata_columns(package),
        "names": names,
        "preview": preview,
        "more": more,
        "chart": count_bars([(label, value, "") for label, value in chart], title=_("At a glance")) if chart else "",
        "resources": [(r, counts.get(r["format"].lower(), 0)) for r in metadata.resources(base, package)],
        "downloads": sum(counts.values()),
    }
    return render(request, "opendata/dataset.html", context)


def metadata_columns(package) -> list[dict]:
    return resources.dictionary(package)


@with_region
def resource(request, *, region, dataset, fmt):
    if fmt not in resources.FORMATS:
        raise Http404
    package = _package(region, dataset)
    services.count_download(region=region, dataset=package.key, fmt=fmt)
    filename = f"{package.name}.{fmt}"
    if fmt == "csv":  # streamed from the file in blocks, never held whole
        response = FileResponse(builds.resource_file(region=region, key=package.key, fmt=fmt))
        response["Content-Type"] = resources.FORMATS[fmt]
    else:
        with builds.open_resource(region=region, key=package.key, fmt=fmt) as fh:
            response = HttpResponse(fh.read(), content_type=resources.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _rdf(graph, fmt: str) -> HttpResponse:
    if fmt not in SERIALISERS:
        raise Http404
    write, content_type = SERIALISERS[fmt]
    response = HttpResponse(write(graph), content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@with_region
def dataset_dcat(request, *, region, dataset, fmt):
    package = _package(region, dataset)
    return _rdf(dcat.dataset(request.build_absolute_uri("/"), package), fmt)


@with_region
def region_dcat(request, *, region, fmt):
    base = request.build_absolute_uri("/")
    uri = base.rstrip("/") + reverse("opendata:catalogue", kwargs={"region_slug": region.slug})
    graph = dcat.catalogue(
        base, selectors.region_packages(region=region), uri=uri, title=f"{region.get_kind_display()} {region.name}"
    )
    return _rdf(graph, fmt)


def site_dcat(request, fmt):
    base = request.build_absolute_uri("/")
    graph = dcat.catalogue(base, selectors.all_packages(), uri=base.rstrip("/") + "/catalog", title="Kota Cerdas")
    return _rdf(graph, fmt)
