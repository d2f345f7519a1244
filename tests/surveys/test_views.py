"""Survey pages: answering once, bad input, permissions per role and region, results visibility,
query counts."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from kotacerdas.audit.models import AuditEvent
from kotacerdas.surveys import services
from kotacerdas.surveys.elements import ELEMENT_KEYS
from kotacerdas.surveys.models import Survey, SurveyResponse
from tests.roles import ALL_USERS

BASE = "/r/luwu-utara"
MANAGERS = {"region_admin", "tim_pelaksana"}
INTERNAL = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "evaluator"}


def _today():
    return timezone.localdate()


@pytest.fixture
def open_skm(world):
    return services.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="skm",
        title="SKM Mal Pelayanan Publik",
        opens_on=_today() - datetime.timedelta(days=5),
        closes_on=_today() + datetime.timedelta(days=30),
    )


@pytest.fixture
def other_survey(world):
    return services.survey_create(
        actor=world["users"]["other_admin"],
        region=world["other"],
        kind="skm",
        title="SKM Maros",
        opens_on=_today() - datetime.timedelta(days=5),
        closes_on=_today() + datetime.timedelta(days=30),
    )


def _answers(value=3, **extra):
    data = {key: str(value) for key in ELEMENT_KEYS}
    data.update({"suggestion": "", "website": ""})
    data.update(extra)
    return data


def test_anonymous_answers_once_per_browser(world, client, open_skm):
    url = f"{BASE}/survei/{open_skm.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url, _answers(gender="f", age_group="30_39")).status_code == 302
    r = client.post(url, _answers(4))
    assert r.status_code == 400
    assert SurveyResponse.objects.count() == 1
    assert client.get(url).context["answered"]
    response = SurveyResponse.objects.get()
    assert response.u1 == 3 and response.gender == "f" and len(response.respondent_key) == 64


def test_logged_in_user_answers_once_across_sessions(world, client_for, open_skm):
    url = f"{BASE}/survei/{open_skm.pk}/"
    assert client_for(world["users"]["citizen"]).post(url, _answers()).status_code == 302
    assert client_for(world["users"]["citizen"]).post(url, _answers()).status_code == 400
    assert SurveyResponse.objects.count() == 1


def test_bad_answers_are_refused_with_field_errors(world, client, open_skm):
    url = f"{BASE}/survei/{open_skm.pk}/"
    r = client.post(url, _answers(u3="7", u9="", gender="x", suggestion="s" * 2001))
    assert r.status_code == 400
    assert {"u3", "u9", "gender", "suggestion"} <= set(r.context["form"].errors)
    r = client.post(url, _answers(website="http://spam"))
    assert r.status_code == 400
    assert SurveyResponse.objects.count() == 0


def test_closed_survey_refuses_answers(world, client, open_skm):
    services.survey_close(actor=world["users"]["region_admin"], survey=open_skm)
    r = client.post(f"{BASE}/survei/{open_skm.pk}/", _answers())
    assert r.status_code == 400 and SurveyResponse.objects.count() == 0
    assert AuditEvent.objects.filter(action="survey.close").exists()


def test_answer_flood_is_limited_per_ip(world, client, open_skm):
    url = f"{BASE}/survei/{open_skm.pk}/"
    for _i in range(30):
        client.cookies.clear()
        assert client.post(url, _answers()).status_code == 302
    client.cookies.clear()
    assert client.post(url, _answers()).status_code == 429
    assert SurveyResponse.objects.count() == 30


@pytest.mark.parametrize("who", ALL_USERS)
def test_results_of_open_survey_by_role(world, client_for, open_skm, who):
    client = client_for(world["users"][who])
    r = client.get(f"{BASE}/survei/{open_skm.pk}/hasil/")
    if who in INTERNAL:
        assert r.status_code == 200
    else:
        assert r.status_code == (404 if who == "anonymous" else 403)


@pytest.mark.parametrize("who", ALL_USERS)
def test_results_public_once_closed_or_marked(world, client_for, open_skm, who):
    services.survey_update(actor=world["users"]["region_admin"], survey=open_skm, results_public=True)
    assert client_for(world["users"][who]).get(f"{BASE}/survei/{open_skm.pk}/hasil/").status_code == 200


@pytest.mark.parametrize("who", ALL_USERS)
def test_staff_pages_by_role(world, client_for, open_skm, who):
    client = client_for(world["users"][who])
    allowed = who in MANAGERS
    expected = 200 if allowed else (302 if who == "anonymous" else 403)
    assert client.get(f"{BASE}/staf/survei/").status_code == expected
    assert client.get(f"{BASE}/staf/survei/baru/").status_code == expected
    assert client.get(f"{BASE}/staf/survei/{open_skm.pk}/ubah/").status_code == expected
    r = client.post(f"{BASE}/staf/survei/{open_skm.pk}/tutup/")
    open_skm.refresh_from_db()
    assert (open_skm.closed_at is not None) == allowed
    assert r.status_code == (302 if allowed else expected)


def test_other_region_survey_is_404(world, client_for, other_survey):
    client = client_for(world["users"]["region_admin"])
    for url in (
        f"/survei/{other_survey.pk}/",
        f"/survei/{other_survey.pk}/hasil/",
        f"/staf/survei/{other_survey.pk}/ubah/",
    ):
        assert client.get(BASE + url).status_code == 404
    assert client.post(f"{BASE}/staf/survei/{other_survey.pk}/tutup/").status_code == 404


def test_staff_create_validates(world, client_for):
    client = client_for(world["users"]["tim_pelaksana"])
    data = {
        "kind": "impact",
        "title": "Dampak",
        "opens_on": "2024-02-01",
        "closes_on": "2024-01-01",
        "programme": "",
    }
    r = client.post(f"{BASE}/staf/survei/baru/", data)
    assert r.status_code == 400
    assert {"programme", "closes_on"} <= set(r.context["form"].errors)
    data.update(closes_on="2024-12-31", programme=world["home_programme"].pk)
    assert client.post(f"{BASE}/staf/survei/baru/", data).status_code == 302
    survey = Survey.objects.get()
    assert survey.kind == "impact" and survey.programme == world["home_programme"]
    assert AuditEvent.objects.filter(action="survey.create").exists()
    other = {**data, "programme": world["other_programme"].pk}
    assert client.post(f"{BASE}/staf/survei/baru/", other).status_code == 400


def test_not_yet_open_survey_is_hidden_from_public(world, client_for):
    survey = services.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="skm",
        title="Nanti",
        opens_on=_today() + datetime.timedelta(days=10),
        closes_on=_today() + datetime.timedelta(days=40),
    )
    assert client_for(None).get(f"{BASE}/survei/{survey.pk}/").status_code == 404
    assert "Nanti" not in client_for(None).get(f"{BASE}/survei/").content.decode()


def _fill(survey, n, start=0):
    for i in range(start, start + n):
        services.response_submit(survey=survey, answers=dict.fromkeys(ELEMENT_KEYS, 1 + i % 4), session_key=f"q{i}")


@pytest.mark.parametrize("who", ["anonymous", "region_admin"])
def test_results_and_list_query_counts(world, client_for, open_skm, django_assert_max_num_queries, who):
    services.survey_update(actor=world["users"]["region_admin"], survey=open_skm, results_public=True)
    client = client_for(world["users"][who])
    _fill(open_skm, 3)
    for url in (f"{BASE}/survei/{open_skm.pk}/hasil/", f"{BASE}/survei/"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200
    _fill(open_skm, 60, start=3)
    from django.core.cache import cache

    cache.clear()
    for url in (f"{BASE}/survei/{open_skm.pk}/hasil/", f"{BASE}/survei/"):
        with django_assert_max_num_queries(10):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", ALL_USERS)
def test_everyone_may_answer_an_open_survey(world, client_for, open_skm, who):
    client = client_for(world["users"][who])
    assert client.get(f"{BASE}/survei/").status_code == 200
    assert client.post(f"{BASE}/survei/{open_skm.pk}/", _answers()).status_code == 302
    assert SurveyResponse.objects.filter(survey=open_skm).count() == 1


@pytest.mark.parametrize("who", ALL_USERS)
def test_csv_export_by_role(world, client_for, open_skm, who):
    _fill(open_skm, 3)
    r = client_for(world["users"][who]).get(f"{BASE}/staf/survei/{open_skm.pk}/unduh.csv")
    if who in MANAGERS:
        assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
        lines = b"".join(r.streaming_content).decode().splitlines()
        assert lines[0].startswith("created_at,u1,u2") and len(lines) == 4
        assert "respondent_key" not in lines[0]
    else:
        assert r.status_code == (302 if who == "anonymous" else 403)


def test_csv_export_other_region_404(world, client_for, other_survey):
    assert (
        client_for(world["users"]["region_admin"]).get(f"{BASE}/staf/survei/{other_survey.pk}/unduh.csv").status_code
        == 404
    )


def test_csv_export_neutralises_formulas(world, client_for, client, open_skm):
    """An anonymous answer starting with '=' must not become a live formula in the staff's spreadsheet."""
    payload = '=HYPERLINK("http://evil.example","klik")'
    assert client.post(f"{BASE}/survei/{open_skm.pk}/", _answers(suggestion=payload)).status_code == 302
    r = client_for(world["users"]["region_admin"]).get(f"{BASE}/staf/survei/{open_skm.pk}/unduh.csv")
    rows = list(csv.reader(io.StringIO(b"".join(r.streaming_content).decode())))
    assert rows[1][-1] == "'" + payload
    assert rows[1][1] == "3"  # numbers stay numbers
