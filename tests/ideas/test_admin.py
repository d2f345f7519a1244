"""The back office lists ideas, comments, supports, flags, surveys and responses."""

from tests.factories import UserFactory
from tests.otp import force_login_verified


def test_admin_changelists(world, client, idea):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    force_login_verified(client, admin)
    for model in (
        "ideas/idea",
        "ideas/ideacomment",
        "ideas/ideasupport",
        "ideas/ideaflag",
        "surveys/survey",
        "surveys/surveyresponse",
    ):
        assert client.get(f"/admin/{model}/").status_code == 200, model
    assert client.get(f"/admin/ideas/idea/{idea.pk}/change/").status_code == 200
