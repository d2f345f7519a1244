"""Nothing in a template needs 'unsafe-inline': no inline script or event handler, no javascript: URL, no hx-on,
no inline style, also none in a form widget's attrs (docs/security.md). Templates rendered into PDFs
(*_pdf*.html and the parts under templates/planio/document/, which only document_pdf.html includes) never
reach a browser."""

import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path for folder in [ROOT / "templates", *ROOT.glob("kotacerdas/*/templates")] for path in folder.rglob("*.html")
)
BROWSER_TEMPLATES = [
    path for path in TEMPLATES if "_pdf" not in path.name and "templates/planio/document/" not in path.as_posix()
]
# Python that writes HTML for pages: the SVG charts, and form widgets with their attrs.
HTML_WRITERS = sorted([*ROOT.glob("kotacerdas/*/templatetags/*.py"), *ROOT.glob("kotacerdas/*/forms.py")])

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_SCRIPT = re.compile(r"""\btype\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]*?\son[a-z]+\s*=", re.IGNORECASE)
FORBIDDEN = {
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "hx-on attribute (needs unsafe-eval)": re.compile(r"\b(hx|data-hx)-on", re.IGNORECASE),
    "htmx js: values or trigger filter (need eval)": re.compile(
        r"""hx-(vals|vars)\s*=\s*['"]\s*js:|hx-trigger="[^"]*\[""", re.I
    ),
    "inline style attribute": re.compile(r"<[^>]*?\sstyle\s*=", re.IGNORECASE),
    "<style> element": re.compile(r"<style\b", re.IGNORECASE),
    "style or on* in a widget's attrs": re.compile(r"""["'](style|on[a-z]+)["']\s*:"""),
}


COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


def _problems(text: str) -> list[str]:
    text = COMMENT.sub("", text)
    found = [
        f"inline <script{attrs}>"
        for attrs in SCRIPT_TAG.findall(text)
        if not re.search(r"\bsrc\s*=", attrs) and not DATA_SCRIPT.search(attrs)
    ]
    found += [f"event handler {m.group(0)[-40:]!r}" for m in EVENT_HANDLER.finditer(text)]
    found += [label for label, pattern in FORBIDDEN.items() if pattern.search(text)]
    return found


def test_there_are_templates_to_check():
    assert len(BROWSER_TEMPLATES) > 100 and HTML_WRITERS


@pytest.mark.parametrize("path", BROWSER_TEMPLATES + HTML_WRITERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_inline_that_the_policy_refuses(path):
    assert _problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        "<SCRIPT type='module'>x()</SCRIPT>",
        '<button onclick="go()">',
        '<body\n  onload="go()">',
        '<a href="javascript:go()">',
        '<div hx-on:click="go()">',
        '<div hx-vals="js:{a: go()}">',
        "<input hx-trigger=\"keyup[key=='Enter']\">",
        '<span style="width: 5%">',
        "<style>p { color: red }</style>",
        'forms.Select(attrs={"style": "max-width:100%"})',
        "forms.TextInput(attrs={'onchange': 'go()'})",
    ],
)
def test_the_check_finds_what_the_policy_refuses(snippet):
    assert _problems(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/x.js" defer></script>',
        '<script id="map-config" type="application/json">{"a": 1}</script>',
        '<input name="phone" placeholder="0812">',
        '<p class="one">Only one</p>',
        "{# no <script>alert(1)</script> in a comment either #}<p>ok</p>",
    ],
)
def test_the_check_lets_files_and_data_blocks_through(snippet):
    assert _problems(snippet) == []
