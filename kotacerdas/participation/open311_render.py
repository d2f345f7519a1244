"""Open311 answers in the spec's formats: JSON or XML bodies, the spec's error lists, and the view wrapper
that turns refusals (bad input, an unreadable body, a database outage) into them."""

import json
from xml.etree import ElementTree as ET

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt

from kotacerdas.common.middleware import has_nul
from kotacerdas.common.text import clean_data, strip_xml_illegal

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


def _xml_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return strip_xml_illegal(str(value))


def _xml_fill(parent, data: dict) -> None:
    for name, value in data.items():
        child = ET.SubElement(parent, name)
        if isinstance(value, list):
            item_name = {
                "attributes": "attribute",
                "values": "value",
                "endpoints": "endpoint",
                "formats": "format",
            }.get(name, "item")
            for item in value:
                node = ET.SubElement(child, item_name)
                if isinstance(item, dict):
                    _xml_fill(node, item)
                else:
                    node.text = _xml_value(item)
        else:
            child.text = _xml_value(value)


def render(data, fmt: str, *, root: str, item: str | None = None, status: int = 200) -> HttpResponse:
    """JSON as given; XML under `root` (a list becomes one `item` element per entry). Text XML 1.0 cannot
    carry is left out of both, also from rows stored before input was cleaned."""
    data = clean_data(data)
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False)
    else:
        top = ET.Element(root)
        if isinstance(data, list):
            for entry in data:
                _xml_fill(ET.SubElement(top, item), entry)
        else:
            _xml_fill(top, data)
        body = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(top, encoding="unicode")
    response = HttpResponse(body.encode("utf-8"), content_type=CONTENT_TYPES[fmt], status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render([{"code": status, "description": description}], fmt, root="errors", item="error", status=status)


def _unavailable(request, description: str, *, fmt: str, **kwargs) -> HttpResponse:
    """The answer `common.middleware.DatabaseOutageMiddleware` gives while the database is down."""
    return error(fmt, 503, description)


def open311_view(view):
    """Turn Open311Error (and refusals of our services) into the spec's error format; outages too."""

    def wrapper(request, *args, fmt: str, **kwargs):
        try:
            _refuse_unreadable(request)
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return error(fmt, exc.status, exc.description)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    wrapper.service_unavailable = _unavailable
    return wrapper


def _refuse_unreadable(request) -> None:
    """Input no view should see: a body Django cannot parse, or a NUL character (PostgreSQL cannot compare
    text holding one, so it would end as a database error)."""
    try:
        if has_nul(request):
            raise Open311Error(400, "the request contains a NUL (0x00) character")
    except RequestDataTooBig:
        raise Open311Error(413, "the request body is too large") from None
    except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
        raise Open311Error(400, "the request body could not be read as a form") from None


@csrf_exempt
def not_found(request, *, path: str, fmt: str | None = None):
    """Any other path under /open311/v2/, answered in the spec's error format (JSON unless it ends in .xml)."""
    return error(fmt or "json", 404, f"no such resource: {path[:80]}")
