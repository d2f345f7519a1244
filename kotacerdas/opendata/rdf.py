"""A small RDF writer: triples serialised as Turtle, RDF/XML and (expanded) JSON-LD. Enough for DCAT; the
tests parse all three with rdflib (a test dependency only, so production needs nothing more)."""

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RDF_TYPE = NS["rdf"] + "type"


def term(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return NS[prefix] + local


@dataclass(frozen=True)
class Lit:
    value: str
    lang: str = ""
    datatype: str = ""


@dataclass(frozen=True)
class Node:
    """An IRI, or a blank node when it starts with `_:`."""

    id: str

    @property
    def blank(self) -> bool:
        return self.id.startswith("_:")


class Graph:
    def __init__(self):
        self.triples: list[tuple[Node, str, Node | Lit]] = []

    def add(self, s: Node, p: str, o) -> None:
        if o is None or o == "":
            return
        self.triples.append((s, term(p) if ":" in p and not p.startswith("http") else p, o))

    def subjects(self) -> dict[Node, list[tuple[str, Node | Lit]]]:
        out: dict = {}
        for s, p, o in self.triples:
            out.setdefault(s, []).append((p, o))
        return out


def _split(iri: str) -> tuple[str, str]:
    for prefix, ns in NS.items():
        if iri.startswith(ns):
            return prefix, iri[len(ns) :]
    raise ValueError(iri)


def _turtle_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _turtle_term(o) -> str:
    if isinstance(o, Node):
        return o.id if o.blank else f"<{o.id}>"
    text = _turtle_string(o.value)
    if o.lang:
        return f"{text}@{o.lang}"
    if o.datatype:
        return f"{text}^^<{term(o.datatype)}>"
    return text


def turtle(graph: Graph) -> str:
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in NS.items()] + [""]
    for s, pairs in graph.subjects().items():
        subject = _turtle_term(s)
        for p, o in pairs:
            prefix, local = _split(p)
            lines.append(f"{subject} {prefix}:{local} {_turtle_term(o)} .")
    return "\n".join(lines) + "\n"


def rdf_xml(graph: Graph) -> str:
    namespaces = " ".join(f"xmlns:{p}={quoteattr(ns)}" for p, ns in NS.items())
    out = ['<?xml version="1.0" encoding="utf-8"?>', f"<rdf:RDF {namespaces}>"]
    for s, pairs in graph.subjects().items():
        about = f"rdf:nodeID={quoteattr(s.id[2:])}" if s.blank else f"rdf:about={quoteattr(s.id)}"
        out.append(f"  <rdf:Description {about}>")
        for p, o in pairs:
            prefix, local = _split(p)
            tag = f"{prefix}:{local}"
            if isinstance(o, Node):
                ref = f"rdf:nodeID={quoteattr(o.id[2:])}" if o.blank else f"rdf:resource={quoteattr(o.id)}"
                out.append(f"    <{tag} {ref}/>")
            else:
                attr = f" xml:lang={quoteattr(o.lang)}" if o.lang else ""
                attr += f" rdf:datatype={quoteattr(term(o.datatype))}" if o.datatype else ""
                out.append(f"    <{tag}{attr}>{escape(o.value)}</{tag}>")
        out.append("  </rdf:Description>")
    out.append("</rdf:RDF>")
    return "\n".join(out) + "\n"


def json_ld(graph: Graph) -> str:
    nodes = []
    for s, pairs in graph.subjects().items():
        node: dict = {"@id": s.id}
        for p, o in pairs:
            if p == RDF_TYPE:
                node.setdefault("@type", []).append(o.id)
            elif isinstance(o, Node):
                node.setdefault(p, []).append({"@id": o.id})
            else:
                value = {"@value": o.value}
                if o.lang:
                    value["@language"] = o.lang
                elif o.datatype:
                    value["@type"] = term(o.datatype)
                node.setdefault(p, []).append(value)
        nodes.append(node)
    return json.dumps(nodes, ensure_ascii=False, indent=1)


SERIALISERS = {
    "jsonld": (json_ld, "application/ld+json"),
    "ttl": (turtle, "text/turtle; charset=utf-8"),
    "rdf": (rdf_xml, "application/rdf+xml"),
}
