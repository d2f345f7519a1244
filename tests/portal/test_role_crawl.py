"""Issue 16 item 4: no page shows a link its reader cannot open. Every demo role (and the national
evaluator) logs in, crawls the site from the staff home following same-site links (a few pages per URL
pattern, so the crawl is bounded), and every link found must not answer 403."""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve

from kotacerdas.demo.loader import load_demo
from tests.otp import force_login_verified

HREF = re.compile(r'<a\s[^>]*href="([^"]+)"')
# Not followed: the back office (Django's), the language switch (a redirect), files and exports (no links).
SKIP = re.compile(r"^/(admin|bahasa|static|media)/|\.(pdf|xlsx|docx|csv|json|xml|ics|rss|atom|png|jpg)$|/(rss|atom)/$")
PER_PATTERN = 3
PAGES = 400

ROLES = ["admin.lutra", "tp.lutra", "dewan.lutra", "opd.dlh", "mitra.lutra", "warga.lutra", "timahli"]


@pytest.fixture
def demo(db):
    load_demo()


def _links(html: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        url = urldefrag(unescape(raw))[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/"):
            continue
        found.append(url)
    return found


def _pattern(path: str) -> str:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return path


def crawl(client, start: str = "/staf/") -> dict[str, list[str]]:
    """{url answering 403: [pages linking to it]} for a bounded breadth-first crawl from `start`."""
    queue, seen, per_pattern, forbidden = deque([(start, "")]), {start}, Counter(), {}
    fetched = 0
    while queue and fetched < PAGES:
        url, referrer = queue.popleft()
        response = client.get(url)
        fetched += 1
        if response.status_code == 403:
            forbidden.setdefault(url, []).append(referrer)
            continue
        if response.status_code in (301, 302) and response["Location"].startswith("/"):
            target = response["Location"]  # e.g. "My organisation" → the partner's page: crawl it too
            if target not in seen and not target.startswith("/akun/masuk"):
                seen.add(target)
                queue.append((target, url))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in _links(response.content.decode()):
            if link in seen or SKIP.search(urlsplit(link).path):
                if link in forbidden:
                    forbidden[link].append(url)
                continue
            pattern = _pattern(link)
            per_pattern[pattern] += 1
            if per_pattern[pattern] > PER_PATTERN:
                continue
            seen.add(link)
            queue.append((link, url))
    return forbidden


@pytest.mark.parametrize("username", ROLES)
def test_no_link_answers_403(demo, client, username):
    force_login_verified(client, get_user_model().objects.get(username=username))
    forbidden = crawl(client)
    report = "\n".join(f"{url}  (linked from {', '.join(sorted(set(refs))[:3])})" for url, refs in forbidden.items())
    assert not forbidden, f"{username} sees {len(forbidden)} links that answer 403:\n{report}"
