"""Privacy by construction: no resource of any dataset, and no CKAN or DCAT metadata, holds the demo's
personal data — reporters' names, e-mails and phones, partner contacts, signatories' e-mails, users' e-mails
and names, survey suggestions, innovation initiators' names."""

import io
import re

import pytest
from openpyxl import load_workbook

from kotacerdas.accounts.models import User
from kotacerdas.collaboration.models import PartnerContact, Signatory
from kotacerdas.demo.loader import load_demo
from kotacerdas.innovation.models import Innovation
from kotacerdas.opendata.datasets import DATASETS
from kotacerdas.participation.models import Report
from kotacerdas.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db


def personal_data() -> set[str]:
    values: set[str] = set()
    for name, email, phone in Report.objects.values_list("reporter_name", "reporter_email", "reporter_phone"):
        values |= {name, email, phone}
    for name, email, phone in PartnerContact.objects.values_list("name", "email", "phone"):
        values |= {name, email, phone}
    values |= set(Signatory.objects.values_list("email", flat=True))
    for email, first, last in User.objects.values_list("email", "first_name", "last_name"):
        values |= {email, f"{first} {last}".strip()}
    values |= set(SurveyResponse.objects.exclude(suggestion="").values_list("suggestion", flat=True))
    values |= set(
        Innovation.objects.exclude(initiator_type="agency")
        .exclude(initiator_name="")
        .values_list("initiator_name", flat=True)
    )
    # The national evaluators' demo account is named after the ministry's team, which the news names in public.
    values.discard("Tim Ahli Kemkominfo")
    return {v.strip() for v in values if v and len(v.strip()) >= 5}


def text_of(fmt: str, content: bytes) -> str:
    if fmt != "xlsx":
        return content.decode()
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)


def test_no_resource_holds_the_demos_personal_data(client):
    load_demo()
    private = personal_data()
    assert len(private) >= 15  # the demo has reporters, contacts, signatories and users
    assert any("@" in p for p in private)
    found = []
    documents = []
    for slug in ("luwu-utara", "maros"):
        for d in DATASETS:
            for fmt in ("csv", "xlsx", "json"):
                r = client.get(f"/r/{slug}/data/{d.key}/resource.{fmt}")
                assert r.status_code == 200
                content = b"".join(r.streaming_content) if r.streaming else r.content
                documents.append((f"{slug}/{d.key}.{fmt}", text_of(fmt, content)))
            documents.append((f"{slug}/{d.key} page", client.get(f"/r/{slug}/data/{d.key}/").content.decode()))
    documents.append(("catalog.ttl", client.get("/catalog.ttl").content.decode()))
    search = client.get("/api/3/action/package_search", {"rows": 1000})
    documents.append(("package_search", search.content.decode("unicode_escape")))
    for where, text in documents:
        for value in private:
            if value in text:
                found.append((where, value))
        # no e-mail address of anyone at all, whoever it belongs to
        emails = [e for e in re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text) if not e.endswith(".png")]
        found += [(where, e) for e in emails]
    assert found == []
