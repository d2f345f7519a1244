"""The rows the permission sweep (tests/test_permission_sweep.py) opens: one of each kind in the home region,
written through the services on top of `build_world`, so every URL pattern has a real object to point at."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kotacerdas.accounts.policy import requires_second_factor
from kotacerdas.accounts.services import api_token_create
from kotacerdas.collaboration import services as collaboration
from kotacerdas.evaluation import services as evaluation
from kotacerdas.ideas import services as ideas
from kotacerdas.innovation import services as innovation
from kotacerdas.literacy import services as literacy
from kotacerdas.masterplan import services as masterplan_services
from kotacerdas.monitoring import exports
from kotacerdas.monitoring import services as monitoring
from kotacerdas.news import services as news
from kotacerdas.participation import services as participation
from kotacerdas.participation.models import ReportCategory
from kotacerdas.planio import services as planio
from kotacerdas.planio.models import PlanJob
from kotacerdas.planning import services as planning
from kotacerdas.regions.models import Membership
from kotacerdas.surveys import services as surveys
from tests.conftest import build_world
from tests.factories import DistrictFactory, UserFactory
from tests.innovation.factories import activity, advance_to
from tests.innovation.factories import innovation as make_innovation
from tests.monitoring.factories import ReportingPeriodFactory
from tests.otp import confirmed_device

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ALWAYS_OPEN = {"opens_on": datetime.date(2000, 1, 1), "closes_on": datetime.date(2999, 12, 31)}


def pdf(name="bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png(name="foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 80)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def build_sweep_world() -> dict:
    """`build_world` plus a superuser and, in the home region, one row of every kind a URL takes an id of."""
    w = build_world()
    w["users"]["superuser"] = UserFactory(username="superuser", is_superuser=True, is_staff=True)
    for user in w["users"].values():
        if user is not None and (requires_second_factor(user) or user.is_staff):
            confirmed_device(user)  # made once here, not in every test that signs them in
    w["membership"] = Membership.objects.get(region=w["home"], user=w["users"]["citizen"])
    officer = w["users"]["agency_officer"]
    w["api_token"] = api_token_create(user=officer, name="sweep", actor=officer)[0]
    w["invitation_token"] = _invitation(w)
    for part in (_monitoring, _collaboration, _planning, _participation, _ideas_and_surveys, _evaluation, _registry):
        w.update(part(w))
    return w


def _invitation(w) -> str:
    """A pending invitation of a region's first admin (national.services.region_start makes them)."""
    import datetime
    import hashlib

    from django.utils import timezone

    from kotacerdas.national.models import AdminInvitation

    token = "sweep-invitation-token"
    AdminInvitation.objects.create(
        region=w["home"],
        email="baru@example.org",
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        expires_at=timezone.now() + datetime.timedelta(days=7),
        created_by=w["users"]["superuser"],
    )
    return token


def _monitoring(w) -> dict:
    officer, admin = w["users"]["agency_officer"], w["users"]["region_admin"]
    period = ReportingPeriodFactory(region=w["home"], year=2024, number=1)
    report = monitoring.progress_report_start(actor=officer, programme=w["home_programme"], period=period)
    indicator = w["home_programme"].indicators.get()
    monitoring.progress_report_save(actor=officer, report=report, values={indicator.pk: "20"})
    evidence = monitoring.evidence_add(actor=officer, report=report, kind="document", file=pdf())
    report = monitoring.progress_report_submit(actor=officer, report=report)
    export = exports.export_job_request(actor=admin, period=period, kind="xlsx")
    exports.export_job_run(job_id=export.pk)
    return {"period": period, "report": report, "evidence": evidence, "export": export}


def _collaboration(w) -> dict:
    home, admin = w["home"], w["users"]["region_admin"]
    partner = collaboration.partner_create(
        actor=admin, region=home, name="Universitas Contoh", category="academia", public_consent=True
    )
    contact = collaboration.partner_contact_add(actor=admin, partner=partner, name="Kontak", position="Rektor")
    commitment = collaboration.commitment_create(
        actor=admin,
        region=home,
        title="Komitmen Bersama",
        text="Kami berkomitmen.",
        event_date=datetime.date(2022, 9, 22),
        event_place="Masamba",
    )
    signatory = collaboration.signatory_add(
        actor=admin, commitment=commitment, name="Rektor", position="Rektor", partner=partner, email="r@example.org"
    )
    collaboration.commitment_set_published(actor=admin, commitment=commitment, published=True)
    _link, token = collaboration.signing_link_create(actor=admin, signatory=signatory)
    agreement = collaboration.agreement_create(
        actor=admin,
        region=home,
        partners=[partner],
        number="MoU-1",
        title="MoU",
        signed_on=datetime.date(2023, 1, 2),
        starts_on=datetime.date(2023, 1, 2),
        ends_on=datetime.date(2999, 1, 1),
        document=pdf("mou.pdf"),
    )
    contribution = collaboration.contribution_create(
        actor=admin,
        partner=partner,
        programme=w["home_programme"],
        kind="expertise",
        description="Ahli",
        year=2024,
        evidence_file=pdf("kontribusi.pdf"),
    )
    body = collaboration.body_create(
        actor=admin, region=home, kind="dewan", decree_number="SK 1", term_starts=datetime.date(2023, 1, 1)
    )
    member = collaboration.body_member_add(
        actor=admin, body=body, name="Ketua", role="chair", starts_on=datetime.date(2023, 1, 1)
    )
    return {
        "partner": partner,
        "contact": contact,
        "commitment": commitment,
        "signatory": signatory,
        "token": token,
        "agreement": agreement,
        "contribution": contribution,
        "body": body,
        "member": member,
    }


def _planning(w) -> dict:
    admin, plan = w["users"]["region_admin"], w["home_plan"]
    rounds = planning.planning_start(masterplan=plan, actor=admin)
    first = rounds[0]
    participant = planning.participant_add(round=first, actor=admin, name="Peserta")
    strategy = planning.strategy_create(
        masterplan=plan, actor=admin, dimension=w["home_dims"]["governance"], text="Layanan satu pintu"
    )
    masterplan_services.masterplan_version_adopted_ensure(masterplan=plan, actor=admin)
    revision = masterplan_services.masterplan_revision_record(masterplan=plan, actor=admin, reason="Nama resmi")
    build = planio.job_request_build(actor=admin, masterplan=plan, kind=PlanJob.Kind.EXPORT)
    planio.job_run(job_id=build.pk)
    return {
        "round": first,
        "participant": participant,
        "checklist_item": first.checklist.first(),
        "strategy": strategy,
        "revision": revision,
        "plan_job": build,
    }


def _participation(w) -> dict:
    home, admin = w["home"], w["users"]["region_admin"]
    category = ReportCategory.objects.create(
        region=home, code="jalan", name="Jalan rusak", kind=ReportCategory.Kind.FIELD_CHECK, agency=w["home_agency"]
    )
    district = DistrictFactory(region=home, name="Masamba")
    report = participation.report_submit(
        region=home, actor=None, category=category, description="Jalan berlubang di depan pasar", district=district
    ).report
    key, _raw = participation.api_key_create(region=home, actor=admin, name="Aplikasi")
    return {"category": category, "district": district, "citizen_report": report, "api_key": key}


def _ideas_and_surveys(w) -> dict:
    citizen, admin = w["users"]["citizen"], w["users"]["region_admin"]
    idea = ideas.idea_create(
        actor=citizen,
        region=w["home"],
        title="Layanan KTP keliling desa",
        description="Mobil layanan adminduk datang ke desa terpencil setiap bulan.",
        dimension=w["home_dims"]["governance"],
    )
    comment = ideas.comment_create(actor=citizen, idea=idea, body="Setuju sekali dengan gagasan ini.")
    survey = surveys.survey_create(actor=admin, region=w["home"], kind="skm", title="SKM", **ALWAYS_OPEN)
    return {"idea": idea, "comment": comment, "survey": survey}


def _evaluation(w) -> dict:
    evaluator = w["users"]["evaluator"]
    framework = evaluation.framework_create(actor=evaluator, year=2024)
    round_ = evaluation.round_create(actor=evaluator, region=w["home"], framework=framework, assessors=[evaluator])
    item = framework.items.order_by("pk").first()
    evidence = evaluation.evidence_attach(
        actor=w["users"]["region_admin"], round_=round_, item_id=item.pk, file=pdf("bukti-evaluasi.pdf")
    )
    return {"framework": framework, "ev_round": round_, "ev_item": item, "ev_evidence": evidence}


def _registry(w) -> dict:
    """Innovation, literacy and news."""
    admin = w["users"]["region_admin"]
    innov = advance_to(make_innovation(w), "trial", actor=admin)  # on trial: public
    innov_evidence = innovation.evidence_add(
        actor=admin, innovation=innov, stage="trial", kind="document", file=pdf(), caption="Internal", is_public=False
    )
    replication = innovation.replication_add(actor=admin, innovation=innov, region_name="Luwu Timur", year=2024)
    act = activity(w)
    material = literacy.material_add(actor=admin, activity=act, title="Modul", file=pdf("modul.pdf"))
    article = news.article_create(actor=admin, region=w["home"], title="Berita Pertama", body="<p>Isi</p>")
    article = news.article_publish(actor=admin, article=article)
    news.article_image_add(actor=admin, article=article, image=png(), alt="Foto")
    return {
        "innovation": innov,
        "innovation_evidence": innov_evidence,
        "replication": replication,
        "activity": act,
        "material": material,
        "article": article,
    }
