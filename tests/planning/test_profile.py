"""The masterplan's regional profile (issue 17): edited with the vision by planners, audited, shown in the document."""

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Masterplan

ALL_USERS = ["region_admin", "tim_pelaksana", "dewan", "agency_officer", "other_admin", "evaluator", "anonymous"]
PLANNERS = {"region_admin", "tim_pelaksana"}


@pytest.mark.parametrize("who", ALL_USERS)
def test_profile_is_edited_by_planners_and_audited(planned, client_for, who):
    plan = planned["home_plan"]
    client = client_for(planned["users"][who])
    profile = "Luas 7.502 km²; 15 kecamatan; pertanian."
    data = {"vision": plan.vision, "profile": profile, "version": plan.version, "reason": "Profil daerah"}
    response = client.post("/r/luwu-utara/rencana/visi/", data)
    plan.refresh_from_db()
    if who in PLANNERS:
        assert response.status_code == 302
        assert plan.profile == "Luas 7.502 km²; 15 kecamatan; pertanian."
        event = AuditEvent.objects.get(action="masterplan.update", object_id=str(plan.pk))
        assert event.actor == planned["users"][who]
        assert event.before["profile"] == "" and event.after["profile"].startswith("Luas 7.502")
    else:
        assert response.status_code in (302, 403, 404)
        assert Masterplan.objects.get(pk=plan.pk).profile == ""
        assert not AuditEvent.objects.filter(action="masterplan.update").exists()
