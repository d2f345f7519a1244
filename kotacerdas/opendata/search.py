"""package_search over the catalogue, in memory: the whole national catalogue is a few thousand packages.

The parameters follow CKAN's (Solr's) syntax as far as a harvester uses it: free-text `q` (every term must
match; `field:value` terms filter), `fq` clauses `field:value` or `field:"a value"` joined by spaces or AND,
`sort` as `field asc|desc[, ...]`, `rows` (capped at ROWS_MAX), `start`, `facet.field` as a JSON list."""

import datetime
import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from django.utils import translation

from .datasets import BY_KEY
from .selectors import Package

ROWS_DEFAULT = 10
ROWS_MAX = 1000
FACET_LIMIT_DEFAULT = 50
FIELDS = ("organization", "groups", "tags", "res_format", "license_id", "name")
RANGES = ("metadata_modified", "metadata_created")  # `field:[from TO to]`, ISO dates or times, `*` open
SORTS = ("score", "id", "name", "title", "metadata_modified", "metadata_created")
DEFAULT_SORT = "score desc, metadata_modified desc"
# field:"a value" | field:(a OR b) | field:[from TO to] | field:value, optionally after AND or a leading +
_CLAUSE = re.compile(r'\s*(?:AND\s+)?\+?([a-z_]+):(?:"([^"]*)"|\(([^()]*)\)|\[([^\[\]]*)\]|([^\s"()\[\]]+))\s*')


class Invalid(Exception):
    """A parameter CKAN would refuse: `field` names it (CKAN's Validation Error)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class Query:
    terms: list[str] = field(default_factory=list)
    filters: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (field, any of these values)
    ranges: list = field(default_factory=list)  # (field, from, to) as aware datetimes; None is open
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)
    rows: int = ROWS_DEFAULT
    start: int = 0
    facets: list[str] = field(default_factory=list)
    facet_limit: int = FACET_LIMIT_DEFAULT


def _int(params: dict, name: str, default: int) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise Invalid(name, "Invalid integer") from None
    if value < 0:
        raise Invalid(name, "Must be a natural number")
    return value


def _clauses(text: str, name: str, q: "Query") -> None:
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _CLAUSE.match(text, pos)
        if not m:
            raise Invalid(name, f"Cannot parse {name}: use field:value with field one of {', '.join(FIELDS)}")
        fname, quoted, alternatives, span, plain = m.groups()
        if span is not None:
            bounds = span.split(" TO ")
            if fname not in RANGES or len(bounds) != 2:
                raise Invalid(name, f"A range is field:[from TO to] with field one of {', '.join(RANGES)}")
            q.ranges.append((fname, _when(bounds[0], name), _when(bounds[1], name)))
        elif fname not in FIELDS:
            raise Invalid(name, f"Cannot parse {name}: use field:value with field one of {', '.join(FIELDS)}")
        elif alternatives is not None:
            values = tuple(v.strip('"') for v in alternatives.split() if v != "OR")
            if not values:
                raise Invalid(name, f"Empty alternatives in {name}")
            q.filters.append((fname, values))
        else:
            q.filters.append((fname, (quoted if quoted is not None else plain,)))
        pos = m.end()


def parse(params: dict) -> Query:
    q = Query()
    text = str(params.get("q") or "").strip()
    if text and text != "*:*":
        for token in text.split():
            head, sep, value = token.partition(":")
            if sep and head in FIELDS and value:
                q.filters.append((head, (value.strip('"'),)))
            else:
                q.terms.append(token.lower())
    fq = params.get("fq") or ""
    if not isinstance(fq, str):
        raise Invalid("fq", "Must be a string")
    _clauses(fq, "fq", q)
    for part in str(params.get("sort") or DEFAULT_SORT).split(","):
        bits = part.split()
        if len(bits) != 2 or bits[0] not in SORTS or bits[1].lower() not in ("asc", "desc"):
            raise Invalid("sort", f"Invalid sort: use one of {', '.join(SORTS)} followed by asc or desc")
        q.sort.append((bits[0], bits[1].lower() == "desc"))
    q.rows = min(_int(params, "rows", ROWS_DEFAULT), ROWS_MAX)
    q.start = _int(params, "start", 0)
    q.facet_limit = _int(params, "facet.limit", FACET_LIMIT_DEFAULT)
    facets = params.get("facet.field") or []
    if isinstance(facets, str):
        try:
            facets = json.loads(facets)
        except ValueError:
            raise Invalid("facet.field", "Must be a JSON list of field names") from None
    if not isinstance(facets, list) or any(f not in FIELDS for f in facets):
        raise Invalid("facet.field", f"Must be a list of field names among {', '.join(FIELDS)}")
    q.facets = facets
    return q


@cache
def _dataset_text(key: str) -> str:
    d = BY_KEY[key]
    parts = [d.key, *d.tags, *d.groups]
    for lang in ("id", "en"):
        with translation.override(lang):
            parts += [str(d.title), str(d.notes)]
    return " ".join(parts).lower()


@lru_cache(maxsize=4096)
def _org_text(org) -> str:
    return f"{org.slug} {org.name} {org.code}".lower()


def values(package: Package, name: str) -> tuple | list:
    if name == "organization":
        return (package.org.slug,)
    if name == "groups":
        return package.dataset.groups
    if name == "tags":
        return package.dataset.tags
    if name == "res_format":
        return package.formats
    if name == "license_id":
        return (package.licence,)
    return (package.name,)


def _matches(package: Package, q: Query) -> bool:
    for name, wanted in q.filters:
        have = {v.lower() for v in values(package, name)}
        if not any(w.lower() in have for w in wanted):
            return False
    for name, low, high in q.ranges:
        when = _sort_value((0, package), name)
        if (low is not None and when < low) or (high is not None and when > high):
            return False
    return True


def _scorer(packages: list[Package], terms: list[str]):
    """score(package) → the number of term occurrences, or None when a term is missing. A package's text is
    its dataset's plus its organisation's, so terms are counted once per dataset and once per region."""
    if not terms:
        return lambda p: 1
    by_dataset = {k: [_dataset_text(k).count(t) for t in terms] for k in BY_KEY}
    alone = {k: (sum(c) if all(c) else None) for k, c in by_dataset.items()}
    # Few regions' names hold a search term: only theirs are combined with the dataset's counts.
    by_org: dict[str, list[int]] = {}
    for p in packages:
        slug = p.org.slug
        if slug not in by_org:
            by_org[slug] = [_org_text(p.org).count(t) for t in terms]
    named = {slug: c for slug, c in by_org.items() if any(c)}

    def score(p: Package) -> int | None:
        org_counts = named.get(p.org.slug)
        if org_counts is None:
            return alone[p.key]
        both = [a + b for a, b in zip(by_dataset[p.key], org_counts, strict=True)]
        return sum(both) if all(both) else None

    return score


def run(packages: list[Package], q: Query) -> tuple[int, list[Package], dict[str, dict[str, int]]]:
    """(count, the page of packages, facet counts over every match)."""
    scored = []
    filtered = bool(q.filters or q.ranges)
    score_of = _scorer(packages, q.terms)
    for p in packages:
        if filtered and not _matches(p, q):
            continue
        score = score_of(p)
        if score is not None:
            scored.append((score, p))
    for name, descending in reversed(q.sort):
        if name == "score" and not q.terms:
            continue  # every package scores 1: the sort would keep the order it has
        scored.sort(key=_SORT_KEYS.get(name) or (lambda sp, name=name: _sort_value(sp, name)), reverse=descending)
    facets: dict[str, dict[str, int]] = {}
    for name in q.facets:
        counts: dict[str, int] = {}
        for _s, p in scored:
            for v in values(p, name):
                counts[v] = counts.get(v, 0) + 1
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: q.facet_limit]
        facets[name] = dict(top)
    page = [p for _s, p in scored[q.start : q.start + q.rows]]
    return len(scored), page, facets


_SORT_KEYS = {
    "score": lambda sp: sp[0],
    "metadata_modified": lambda sp: sp[1].modified or sp[1].org.created,
    "name": lambda sp: sp[1].org.slug + "-" + sp[1].key,
    "id": lambda sp: sp[1].org.slug + "-" + sp[1].key,
}


def _sort_value(sp, name: str):
    score, p = sp
    if name == "score":
        return score
    if name in ("name", "id"):
        return p.name
    if name == "title":
        return str(p.dataset.title).lower() + p.name
    if name == "metadata_modified":
        return p.modified or p.org.created
    return p.org.created


def _when(text: str, name: str) -> datetime.datetime | None:
    """A range bound: `*` (open), or an ISO date or time, UTC unless it says otherwise."""
    text = text.strip()
    if text == "*":
        return None
    try:
        when = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(name, f"Not a date or time: {text}") from None
    return when if when.tzinfo else when.replace(tzinfo=datetime.UTC)
