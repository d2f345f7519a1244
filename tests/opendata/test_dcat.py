"""DCAT in JSON-LD, Turtle and RDF/XML, parsed with rdflib: the same graph in each format, every dataset with
its distributions pointing at the resource URLs the CKAN API lists."""

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from kotacerdas.opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db
FORMATS = {"jsonld": "json-ld", "ttl": "turtle", "rdf": "xml"}
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


def parse(client, url, fmt) -> Graph:
    r = client.get(url)
    assert r.status_code == 200, url
    return Graph().parse(data=r.content, format=FORMATS[fmt])


@pytest.mark.parametrize("fmt", FORMATS)
def test_site_catalogue_parses_in_every_format(world, client, fmt):
    g = parse(client, f"/catalog.{fmt}", fmt)
    catalogues = list(g.subjects(RDF.type, DCAT.Catalog))
    assert len(catalogues) == 1
    datasets = set(g.objects(catalogues[0], DCAT.dataset))
    assert len(datasets) == 2 * len(DATASETS)
    assert set(g.subjects(RDF.type, DCAT.Dataset)) == datasets


def test_the_three_formats_give_the_same_graph(world, client):
    from rdflib.compare import isomorphic

    graphs = [parse(client, f"/r/luwu-utara/data/catalog.{fmt}", fmt) for fmt in FORMATS]
    assert len(graphs[0]) > 100
    assert isomorphic(graphs[0], graphs[1]) and isomorphic(graphs[1], graphs[2])


@pytest.mark.parametrize("fmt", FORMATS)
def test_dataset_distributions_are_the_ckan_resources(world, client, fmt):
    g = parse(client, f"/r/luwu-utara/data/masterplan-targets/dataset.{fmt}", fmt)
    (dataset,) = g.subjects(RDF.type, DCAT.Dataset)
    titles = {(t.language, str(t)) for t in g.objects(dataset, DCTERMS.title)}
    assert ("en", "Smart city masterplan: indicators and yearly targets") in titles
    assert {lang for lang, _t in titles} == {"id", "en"}
    assert (dataset, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in g
    assert (dataset, DCTERMS.identifier, Literal("luwu-utara-masterplan-targets")) in g
    spatial = g.value(dataset, DCTERMS.spatial)
    assert g.value(spatial, DCTERMS.identifier) == Literal("73.22")
    contact = g.value(dataset, DCAT.contactPoint)
    assert g.value(contact, VCARD.fn) is not None
    downloads = {str(g.value(d, DCAT.downloadURL)) for d in g.objects(dataset, DCAT.distribution)}
    shown = client.get("/api/3/action/package_show", {"id": "luwu-utara-masterplan-targets"}).json()["result"]
    assert downloads == {r["url"] for r in shown["resources"]}
    for url in downloads:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_unknown_format_or_dataset_is_404(world, client):
    assert client.get("/catalog.pdf").status_code == 404
    assert client.get("/r/luwu-utara/data/catalog.csv").status_code == 404
    assert client.get("/r/luwu-utara/data/nothing/dataset.ttl").status_code == 404
