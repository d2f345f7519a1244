"""Read API of ideas and surveys: public data only, another region's rows 404, hidden ideas 404."""

import datetime

from django.utils import timezone

from kotacerdas.ideas import services
from kotacerdas.surveys import services as survey_services
from kotacerdas.surveys.elements import ELEMENT_KEYS

API = "/api/v1/regions/luwu-utara"


def test_idea_list_and_detail(world, client_for, idea, other_idea):
    comment = services.comment_create(actor=world["users"]["dewan"], idea=idea, body="rahasia kasar")
    services.comment_hide(actor=world["users"]["region_admin"], comment=comment, reason="Kasar")
    client = client_for(None)
    data = client.get(f"{API}/ideas/?sort=supports").json()
    assert [row["id"] for row in data["results"]] == [idea.pk]
    # The person's name, else "Citizen" (Indonesian by default: "Warga") — never the login.
    assert data["results"][0]["author"] in (world["users"]["citizen"].get_full_name(), "Citizen", "Warga")
    assert "username" not in str(data)
    detail = client.get(f"{API}/ideas/{idea.pk}/").json()
    assert detail["comments"][0]["is_hidden"] and detail["comments"][0]["body"] == ""
    assert "rahasia" not in str(detail)
    assert client.get(f"{API}/ideas/{other_idea.pk}/").status_code == 404


def test_hidden_idea_is_404_except_for_moderators(world, client_for, idea):
    services.idea_hide(actor=world["users"]["region_admin"], idea=idea, reason="Di luar topik")
    assert client_for(None).get(f"{API}/ideas/{idea.pk}/").status_code == 404
    assert client_for(world["users"]["citizen"]).get(f"{API}/ideas/{idea.pk}/").status_code == 404
    assert client_for(world["users"]["tim_pelaksana"]).get(f"{API}/ideas/{idea.pk}/").status_code == 200


def test_survey_results_follow_the_page_rule(world, client_for):
    today = timezone.localdate()
    survey = survey_services.survey_create(
        actor=world["users"]["region_admin"],
        region=world["home"],
        kind="skm",
        title="SKM",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=9),
    )
    for i, rating in enumerate((4, 3)):
        survey_services.response_submit(survey=survey, answers=dict.fromkeys(ELEMENT_KEYS, rating), session_key=f"a{i}")
    assert client_for(None).get(f"{API}/surveys/").json()["results"][0]["respondents"] == 2
    assert client_for(None).get(f"{API}/surveys/{survey.pk}/results/").status_code == 404
    assert client_for(world["users"]["citizen"]).get(f"{API}/surveys/{survey.pk}/results/").status_code == 403
    survey_services.survey_close(actor=world["users"]["region_admin"], survey=survey)
    data = client_for(None).get(f"{API}/surveys/{survey.pk}/results/").json()
    assert data["ikm"] == "87.50" and data["grade"] == "B" and data["respondents"] == 2
    assert client_for(None).get(f"/api/v1/regions/maros/surveys/{survey.pk}/results/").status_code == 404
