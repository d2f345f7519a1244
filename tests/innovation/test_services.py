import datetime

import pytest

from kotacerdas.audit.models import AuditEvent
from kotacerdas.common.exceptions import ApplicationError
from kotacerdas.innovation import services
from kotacerdas.innovation.models import Innovation, InnovationEvidence

from .factories import advance_to, fake_image, innovation, pdf, png

pytestmark = pytest.mark.django_db


def test_create_sets_dimension_from_programme_and_audits(world):
    innov = innovation(world)
    assert innov.stage == "proposal"
    assert innov.dimension == world["home_programme"].dimension
    assert AuditEvent.objects.filter(action="innovation.create", object_id=str(innov.pk)).exists()


def test_officer_registers_only_for_own_agency(world):
    from tests.factories import AgencyFactory

    officer = world["users"]["agency_officer"]
    mine = innovation(world, actor=officer)
    assert mine.agency == world["home_agency"]
    other_agency = AgencyFactory(region=world["home"], acronym="DINKES")
    with pytest.raises(ApplicationError) as exc:
        innovation(world, actor=officer, title="Bukan milik saya", agency=other_agency)
    assert "agency" in exc.value.fields


@pytest.mark.parametrize("who", ["dewan", "partner", "citizen", "other_admin", "evaluator"])
def test_others_cannot_register(world, who):
    with pytest.raises(ApplicationError):
        innovation(world, actor=world["users"][who])


def test_links_from_another_region_are_refused(world):
    with pytest.raises(ApplicationError) as exc:
        innovation(world, agency=world["other_agency"], programme=world["other_programme"])
    assert {"agency", "programme"} <= set(exc.value.fields)
    assert not Innovation.objects.exists()


def test_ticked_criterion_needs_its_justification(world):
    with pytest.raises(ApplicationError) as exc:
        innovation(world, renews_note="")
    assert "renews_note" in exc.value.fields


def test_stages_forward_one_at_a_time_with_evidence(world):
    admin = world["users"]["region_admin"]
    innov = innovation(world)
    with pytest.raises(ApplicationError) as exc:
        services.innovation_advance(
            actor=admin,
            innovation=innov,
            to_stage="applied",
            on=datetime.date(2023, 3, 1),
            evidence={"kind": "document", "file": pdf()},
        )
    assert "one stage at a time" in exc.value.message
    assert "Decided" in exc.value.message and "Applied" in exc.value.message
    # no evidence: refused, nothing changed
    with pytest.raises(ApplicationError) as exc:
        services.innovation_advance(actor=admin, innovation=innov, to_stage="decided", on=datetime.date(2023, 3, 1))
    assert "file" in exc.value.fields
    innov.refresh_from_db()
    assert innov.stage == "proposal" and innov.decided_on is None
    innov = advance_to(innov, "applied", actor=admin)
    assert innov.stage == "applied"
    assert innov.applied_on == datetime.date(2024, 1, 5)
    assert set(innov.evidence.values_list("stage", flat=True)) == {"decided", "trial", "applied"}
    assert AuditEvent.objects.filter(action="innovation.advance").count() == 3
    with pytest.raises(ApplicationError, match="no further stage"):
        services.innovation_advance(actor=admin, innovation=innov, to_stage="applied", on=datetime.date(2024, 2, 1))


def test_backwards_is_refused(world):
    admin = world["users"]["region_admin"]
    innov = advance_to(innovation(world), "trial", actor=admin)
    with pytest.raises(ApplicationError, match="one stage at a time"):
        services.innovation_advance(actor=admin, innovation=innov, to_stage="proposal", on=datetime.date(2024, 1, 1))


def test_stage_date_cannot_precede_previous_stage(world):
    admin = world["users"]["region_admin"]
    innov = innovation(world)
    with pytest.raises(ApplicationError) as exc:
        services.innovation_advance(
            actor=admin,
            innovation=innov,
            to_stage="decided",
            on=datetime.date(2022, 1, 1),
            evidence={"kind": "document", "file": pdf()},
        )
    assert "on" in exc.value.fields
    assert not InnovationEvidence.objects.exists()  # nothing saved half-way


def test_evidence_uploaded_beforehand_allows_the_step(world):
    admin = world["users"]["region_admin"]
    innov = innovation(world)
    services.evidence_add(
        actor=admin, innovation=innov, stage="decided", kind="link", url="https://jdih.example.go.id/sk"
    )
    innov = services.innovation_advance(actor=admin, innovation=innov, to_stage="decided", on=datetime.date(2023, 2, 1))
    assert innov.stage == "decided"
    # evidence for a stage two steps ahead is refused
    with pytest.raises(ApplicationError) as exc:
        services.evidence_add(actor=admin, innovation=innov, stage="applied", kind="link", url="https://x.example")
    assert "stage" in exc.value.fields


def test_photo_evidence_is_reencoded_and_fake_images_refused(world):
    admin = world["users"]["region_admin"]
    innov = innovation(world)
    ev = services.evidence_add(actor=admin, innovation=innov, stage="proposal", kind="photo", file=png())
    assert ev.content_type == "image/png" and ev.size > 0
    with pytest.raises(ApplicationError) as exc:
        services.evidence_add(actor=admin, innovation=innov, stage="proposal", kind="photo", file=fake_image())
    assert "file" in exc.value.fields
    with pytest.raises(ApplicationError):
        services.evidence_add(
            actor=admin, innovation=innov, stage="proposal", kind="document", file=fake_image("x.pdf")
        )


def test_last_evidence_of_a_reached_stage_cannot_be_removed(world):
    admin = world["users"]["region_admin"]
    innov = advance_to(innovation(world), "decided", actor=admin)
    only = innov.evidence.get()
    with pytest.raises(ApplicationError, match="only evidence"):
        services.evidence_remove(actor=admin, evidence=only)


def test_replication_by_name_or_region(world):
    admin = world["users"]["region_admin"]
    innov = innovation(world)
    services.replication_add(actor=admin, innovation=innov, region_name="Kabupaten Luwu Timur", year=2024)
    services.replication_add(actor=admin, innovation=innov, other_region=world["other"], year=2024)
    with pytest.raises(ApplicationError) as exc:
        services.replication_add(actor=admin, innovation=innov, year=2024)
    assert exc.value.fields
    with pytest.raises(ApplicationError):
        services.replication_add(actor=admin, innovation=innov, other_region=world["home"], year=2024)
    assert innov.replications.count() == 2


def test_update_audits_before_and_after(world):
    admin = world["users"]["region_admin"]
    innov = innovation(world)
    services.innovation_update(actor=admin, innovation=innov, title="Lapor Sampah 2.0")
    event = AuditEvent.objects.get(action="innovation.update")
    assert event.before["title"] == "Lapor Sampah" and event.after["title"] == "Lapor Sampah 2.0"
    with pytest.raises(ApplicationError):
        services.innovation_update(actor=world["users"]["other_admin"], innovation=innov, title="x")
