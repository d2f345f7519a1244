"""The catalogue and its datasets as DCAT (DCAT-AP): the same packages as the CKAN API, the distributions
pointing at the same resource URLs (metadata.resource_url)."""

from django.urls import reverse

from . import metadata
from .rdf import Graph, Lit, Node
from .selectors import Org, Package

FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
THEME = "http://publications.europa.eu/resource/authority/data-theme/"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
THEMES = {
    "governance": "GOVE",
    "branding": "ECON",
    "economy": "ECON",
    "living": "REGI",
    "society": "SOCI",
    "environment": "ENVI",
}
FREQUENCIES = {"ANNUAL": "ANNUAL", "QUARTERLY": "QUARTERLY", "MONTHLY": "MONTHLY", "IRREG": "IRREG", "CONT": "CONT"}


def _dt(value) -> Lit | None:
    return Lit(value.isoformat(), datatype="xsd:dateTime") if value else None


def _org_node(base: str, org: Org, g: Graph) -> Node:
    node = Node(base.rstrip("/") + reverse("region:home", kwargs={"region_slug": org.slug}))
    g.add(node, "rdf:type", Node("http://xmlns.com/foaf/0.1/Organization"))
    g.add(node, "foaf:name", Lit(f"{org.kind} {org.name}"))
    g.add(node, "dct:identifier", Lit(org.code))
    return node


def _spatial(base: str, org: Org, g: Graph) -> Node:
    node = Node(base.rstrip("/") + reverse("region:home", kwargs={"region_slug": org.slug}) + f"#wilayah-{org.code}")
    g.add(node, "rdf:type", Node("http://purl.org/dc/terms/Location"))
    g.add(node, "skos:prefLabel", Lit(f"{org.kind} {org.name}"))
    g.add(node, "dct:identifier", Lit(org.code))
    return node


def add_dataset(g: Graph, base: str, package: Package, n: int = 0) -> Node:
    d = package.dataset
    node = Node(metadata.page_url(base, package))
    g.add(node, "rdf:type", Node("http://www.w3.org/ns/dcat#Dataset"))
    g.add(node, "dct:identifier", Lit(package.name))
    for lang, text in metadata.both(d.title).items():
        g.add(node, "dct:title", Lit(text, lang=lang))
    for lang, text in metadata.notes(package).items():
        g.add(node, "dct:description", Lit(text, lang=lang))
    g.add(node, "dct:publisher", _org_node(base, package.org, g))
    creator = Node(f"_:producer{n}")
    g.add(creator, "rdf:type", Node("http://xmlns.com/foaf/0.1/Organization"))
    g.add(creator, "foaf:name", Lit(package.producer))
    g.add(node, "dct:creator", creator)
    contact = Node(f"_:custodian{n}")
    g.add(contact, "rdf:type", Node("http://www.w3.org/2006/vcard/ns#Organization"))
    g.add(contact, "vcard:fn", Lit(package.custodian))
    g.add(node, "dcat:contactPoint", contact)
    g.add(node, "dct:license", Node(package.licence_url))
    g.add(node, "dct:accrualPeriodicity", Node(FREQUENCY + FREQUENCIES[d.frequency]))
    g.add(node, "dct:issued", _dt(package.org.created))
    g.add(node, "dct:modified", _dt(package.modified or package.org.created))
    g.add(node, "dct:language", Node(LANGUAGE + "IND"))
    g.add(node, "dct:spatial", _spatial(base, package.org, g))
    if package.temporal:
        period = Node(f"_:period{n}")
        g.add(period, "rdf:type", Node("http://purl.org/dc/terms/PeriodOfTime"))
        g.add(period, "dcat:startDate", Lit(f"{package.temporal[0]}-01-01", datatype="xsd:date"))
        g.add(period, "dcat:endDate", Lit(f"{package.temporal[1]}-12-31", datatype="xsd:date"))
        g.add(node, "dct:temporal", period)
    for tag in d.tags:
        g.add(node, "dcat:keyword", Lit(tag))
    for key in d.groups:
        g.add(node, "dcat:theme", Node(THEME + THEMES[key]))
    g.add(node, "dcat:landingPage", Node(metadata.page_url(base, package)))
    for res in metadata.resources(base, package):
        dist = Node(metadata.page_url(base, package) + "#" + res["format"].lower())
        g.add(dist, "rdf:type", Node("http://www.w3.org/ns/dcat#Distribution"))
        g.add(dist, "dct:title", Lit(res["name"]))
        g.add(dist, "dcat:accessURL", Node(res["url"]))
        g.add(dist, "dcat:downloadURL", Node(res["url"]))
        g.add(dist, "dcat:mediaType", Node("https://www.iana.org/assignments/media-types/" + res["mimetype"]))
        g.add(dist, "dct:format", Node(FILE_TYPE + res["format"].replace("RSS", "RSS")))
        g.add(dist, "dct:license", Node(package.licence_url))
        g.add(dist, "dct:modified", _dt(package.modified or package.org.created))
        g.add(node, "dcat:distribution", dist)
    return node


def catalogue(base: str, packages: list[Package], *, uri: str, title: str) -> Graph:
    g = Graph()
    cat = Node(uri)
    g.add(cat, "rdf:type", Node("http://www.w3.org/ns/dcat#Catalog"))
    g.add(cat, "dct:title", Lit(title))
    g.add(cat, "dct:description", Lit("Open data of the smart city programmes (Kota Cerdas)"))
    g.add(cat, "foaf:homepage", Node(base))
    g.add(cat, "dct:language", Node(LANGUAGE + "IND"))
    publisher = Node(f"{base.rstrip('/')}/#kota-cerdas")
    g.add(publisher, "rdf:type", Node("http://xmlns.com/foaf/0.1/Organization"))
    g.add(publisher, "foaf:name", Lit(title))
    g.add(cat, "dct:publisher", publisher)
    modified = max((p.modified or p.org.created for p in packages), default=None)
    g.add(cat, "dct:modified", _dt(modified))
    for n, p in enumerate(packages):
        g.add(cat, "dcat:dataset", add_dataset(g, base, p, n))
    return g


def dataset(base: str, package: Package) -> Graph:
    g = Graph()
    add_dataset(g, base, package)
    return g
