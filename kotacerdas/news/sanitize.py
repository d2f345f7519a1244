"""The allow-list HTML sanitizer for article bodies (nh3, the Python binding of the Rust `ammonia` crate).

Everything not listed is dropped: scripts, styles, event handlers (`onerror=`), `javascript:` and `data:`
links, iframes and forms. Links get rel="noopener noreferrer nofollow".
"""

import re

import nh3
from django.utils.html import escape

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol", "li", "h2", "h3", "h4", "blockquote",
    "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "pre", "sub",
    "sup", "small",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
_HAS_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def clean_html(html: str) -> str:
    """Sanitised HTML. Plain text (no tags at all) becomes paragraphs, one per blank-line-separated block."""
    html = (html or "").replace("\r\n", "\n").strip()
    if html and not _HAS_TAG.search(html):
        blocks = [b.strip() for b in re.split(r"\n\s*\n", html) if b.strip()]
        html = "".join("<p>" + escape(b).replace("\n", "<br>") + "</p>" for b in blocks)
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of sanitised HTML, for summaries and feed descriptions."""
    text = nh3.clean(html or "", tags=set(), attributes={})
    return re.sub(r"\s+", " ", text).strip()
