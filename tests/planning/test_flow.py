"""Done-when of issue #3: an officer takes a draft masterplan from round I to adopted through the pages only,
then edits a programme with a reason and sees the revision; two stale saves are refused with what changed."""

from django.utils import translation

from kotacerdas.audit.models import AuditEvent
from kotacerdas.masterplan.models import Masterplan, MasterplanVersion, Programme
from kotacerdas.planning.models import ReadinessItem, Round


def _programme_form(programme, **overrides):
    data = {
        "code": programme.code,
        "title": programme.title,
        "dimension": programme.dimension_id,
        "owner_agency": programme.owner_agency_id,
        "horizon": programme.horizon,
        "start_year": programme.start_year,
        "end_year": programme.end_year,
        "budget_estimate": str(programme.budget_estimate),
        "funding_source": programme.funding_source,
        "is_quick_win": "on" if programme.is_quick_win else "",
        "quick_win_year": programme.quick_win_year or "",
        "version": programme.version,
    }
    data.update(overrides)
    return data


def test_draft_to_adopted_through_the_pages(world, client_for):
    client = client_for(world["users"]["other_admin"])
    client.cookies["django_language"] = "en"
    base = "/r/maros/rencana/"
    plan = world["other_plan"]
    Programme.objects.filter(masterplan=plan).update(is_quick_win=False, quick_win_year=None)
    assert client.post(base + "mulai/").status_code == 302
    # Round I: score every item of every pillar, SWOT.
    for pillar in ("struktur", "infrastruktur", "suprastruktur"):
        items = ReadinessItem.objects.filter(masterplan=plan, pillar=pillar)
        data = {}
        for i, item in enumerate(items):
            data |= {f"score_{item.pk}": str(i % 5), f"evidence_{item.pk}": "Bukti", f"version_{item.pk}": "1"}
        assert client.post(f"{base}kesiapan/{pillar}/", data).status_code == 302
        swot = {"form": "swot", "strengths": "Komitmen bupati", "gap_summary": "SDM TIK kurang", "version": "1"}
        assert client.post(f"{base}kesiapan/{pillar}/", swot).status_code == 302
    assert not ReadinessItem.objects.filter(masterplan=plan, score__isnull=True).exists()
    page = client.get(base + "kesiapan/").content.decode()
    assert 'data-testid="readiness-chart-struktur"' in page and "Komitmen bupati" in page
    # Round II: vision, a strategy, an existing programme from the RPJMD.
    vision = {"vision": "Maros cerdas", "missions": "Satu\nDua", "objectives": "Tujuan", "version": plan.version}
    assert client.post(base + "visi/", vision).status_code == 302
    dims = world["other_dims"]
    assert client.post(base + "strategi/", {"dimension": dims["governance"].pk, "text": "SPBE"}).status_code == 302
    response = client.post(
        base + "program/baru/",
        {
            **_programme_form(world["other_programme"], code="GOV-02", title="Mal pelayanan publik"),
            "source": "rpjmd",
            "source_document": "RPJMD Maros 2021–2026",
            "source_reference": "Bab IV hlm. 12",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    new = Programme.objects.get(masterplan=plan, code="GOV-02")
    assert new.origin.source_reference == "Bab IV hlm. 12"
    # Round III: a milestone; the roadmap shows it.
    assert (
        client.post(f"{base}program/{new.pk}/", {"form": "milestone", "year": 2023, "title": "Gedung"}).status_code
        == 302
    )
    assert "Gedung" in client.get(base + "peta-jalan/").content.decode()
    # Round IV: select a quick win with a step.
    qw = {"programme": new.pk, "selected": "on", "quick_win_year": "2023", "version": new.version}
    assert client.post(base + "quick-win/", qw).status_code == 302
    step = {"form": "step", "description": "Sosialisasi", "responsible": "DPMPTSP"}
    assert client.post(f"{base}program/{new.pk}/", step).status_code == 302
    # Adoption is refused while rounds are open.
    adopt = {"decree_number": "Perbup Maros No. 3 Tahun 2023", "adopted_on": "2023-01-10"}
    refused = client.post(base + "adopsi/", adopt)
    assert refused.status_code == 400 and "Rounds not complete yet" in refused.content.decode()
    # Mark each round complete: date, then every checklist item, then complete.
    for rnd in Round.objects.filter(masterplan=plan):
        url = f"{base}bimtek/{rnd.number}/"
        assert client.post(url, {"held_on": f"2022-0{rnd.number + 1}-15", "version": rnd.version}).status_code == 302
        client.post(url + "peserta/", {"name": "Andi", "organisation": "Bappeda", "present": "on"})
        for item in rnd.checklist.all():
            assert client.post(f"{url}daftar/{item.pk}/", {"done": "1"}).status_code == 302
        assert client.post(url + "selesai/").status_code == 302
    assert Round.objects.filter(masterplan=plan, completed_at__isnull=False).count() == 4
    workspace = client.get(base).content.decode()
    assert 'data-testid="ready-to-adopt"' in workspace and 'data-testid="round-4-complete"' in workspace
    assert client.post(base + "adopsi/", adopt).status_code == 302
    plan.refresh_from_db()
    assert plan.status == Masterplan.Status.ADOPTED and plan.adopted_on.isoformat() == "2023-01-10"
    # After adoption: an edit needs a reason and becomes revision 1, compared with the adopted version.
    edit_url = f"/r/maros/staf/program/{new.pk}/ubah/"
    new.refresh_from_db()
    no_reason = client.post(edit_url, _programme_form(new, title="Mal pelayanan publik terpadu"))
    assert no_reason.status_code == 400 and "reason" in no_reason.context["form"].errors
    ok = client.post(edit_url, _programme_form(new, title="Mal pelayanan publik terpadu", reason="Nama resmi"))
    assert ok.status_code == 302
    assert MasterplanVersion.objects.filter(masterplan=plan, number=1, reason="Nama resmi").exists()
    diff = client.get(base + "revisi/1/").content.decode()
    assert "Mal pelayanan publik terpadu" in diff and "Nama resmi" in diff
    assert 'data-testid="diff-changed-GOV-02"' in diff


def test_second_stale_save_is_refused_with_what_changed(world, client_for):
    programme = world["home_programme"]
    url = f"/r/luwu-utara/staf/program/{programme.pk}/ubah/"
    tp = client_for(world["users"]["tim_pelaksana"])
    first = _programme_form(programme, title="Judul dari TP", reason="r")
    assert tp.post(url, first).status_code == 302
    officer = client_for(world["users"]["agency_officer"])
    officer.cookies["django_language"] = "en"
    stale = _programme_form(programme, title="Judul dari petugas", budget_estimate="7000000", reason="r")
    for _ in range(2):
        response = officer.post(url, stale)
        assert response.status_code == 409
        html = response.content.decode()
        assert "This record was changed by tim_pelaksana" in html
        assert 'data-testid="edit-conflict"' in html
        assert "Judul dari petugas" in html and "Judul dari TP" in html
    programme.refresh_from_db()
    assert programme.title == "Judul dari TP" and programme.version == 2
    assert AuditEvent.objects.filter(action="programme.update").count() == 1
    # The refused form now carries the current version: saving it again replaces the values deliberately.
    assert response.context["form"].data["version"] == "2"
    assert officer.post(url, {**stale, "version": 2}).status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Judul dari petugas"


def test_stale_swot_save_shows_both_values(planned, client_for):
    url = "/r/luwu-utara/rencana/kesiapan/struktur/"
    admin = client_for(planned["users"]["region_admin"])
    assert admin.post(url, {"form": "swot", "strengths": "Versi admin", "version": 1}).status_code == 302
    tp = client_for(planned["users"]["tim_pelaksana"])
    response = tp.post(url, {"form": "swot", "strengths": "Versi TP", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Versi admin" in html and "Versi TP" in html


def test_bad_input_is_a_form_error_not_a_500(planned, client_for):
    client = client_for(planned["users"]["region_admin"])
    client.cookies["django_language"] = "en"
    base = "/r/luwu-utara/rencana/"
    item = ReadinessItem.objects.filter(masterplan=planned["home_plan"], pillar="struktur").first()
    cases = [
        ("kesiapan/struktur/", {f"score_{item.pk}": "9", f"version_{item.pk}": "1"}),
        ("kesiapan/struktur/", {f"score_{item.pk}": "x"}),
        ("bimtek/1/", {"held_on": "31/31/2022"}),
        ("bimtek/1/", {"held_on": "2022-05-02", "held_until": "2022-05-01", "version": 1}),
        ("bimtek/1/peserta/", {"name": ""}),
        ("strategi/", {"dimension": planned["other_dims"]["governance"].pk, "text": "x"}),
        ("strategi/", {"text": ""}),
        ("program/baru/", {"code": "", "source": "rpjmd"}),
        (f"program/{planned['home_programme'].pk}/", {"form": "milestone", "year": "abc", "title": "x"}),
        (f"program/{planned['home_programme'].pk}/", {"form": "milestone", "year": "1999", "title": "x"}),
        (f"program/{planned['home_programme'].pk}/", {"form": "origin", "source": "rpjmd"}),
        ("quick-win/", {"programme": planned["home_programme"].pk, "selected": "on", "quick_win_year": "2030"}),
        ("kesiapan/struktur/pertanyaan/", {"action": "add", "question": ""}),
        ("visi/", {"vision": "x"}),  # adopted: a reason is required
    ]
    before = AuditEvent.objects.count()
    with translation.override("en"):
        for page, data in cases:
            response = client.post(base + page, data)
            assert response.status_code == 400, (page, data, response.status_code)
    assert AuditEvent.objects.count() == before
    assert client.post(base + "quick-win/", {"programme": 999999}).status_code == 404


def test_region_admin_edits_the_questionnaire(planned, client_for):
    url = "/r/luwu-utara/rencana/kesiapan/suprastruktur/pertanyaan/"
    admin = client_for(planned["users"]["region_admin"])
    plan = planned["home_plan"]
    assert admin.post(url, {"action": "add", "question": "Ada perda inovasi daerah"}).status_code == 302
    item = ReadinessItem.objects.get(masterplan=plan, question="Ada perda inovasi daerah")
    assert item.order == 5 and item.pillar == "suprastruktur"
    update = {"action": "update", "item": item.pk, "question": "Ada perda inovasi", "version": 1}
    assert admin.post(url, update).status_code == 302
    # A second save from the same stale page is refused and changes nothing.
    stale = admin.post(url, {**update, "question": "Versi lama"})
    assert stale.status_code == 409
    item.refresh_from_db()
    assert item.question == "Ada perda inovasi" and item.version == 2
    assert admin.post(url, {"action": "delete", "item": item.pk}).status_code == 302
    assert not ReadinessItem.objects.filter(pk=item.pk).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"planning.readiness.add", "planning.readiness.update", "planning.readiness.delete"} <= actions
    # An item of another pillar cannot be changed through this pillar's page.
    other = ReadinessItem.objects.filter(masterplan=plan, pillar="struktur").first()
    assert admin.post(url, {"action": "delete", "item": other.pk}).status_code == 404


def test_removing_a_programme_after_adoption_needs_a_reason(planned, client_for):
    from tests.factories import ProgrammeFactory

    extra = ProgrammeFactory(masterplan=planned["home_plan"], dimension=planned["home_dims"]["living"], code="LIV-03")
    url = f"/r/luwu-utara/rencana/program/{extra.pk}/"
    officer = client_for(planned["users"]["agency_officer"])
    assert officer.post(url, {"form": "delete", "reason": "x"}).status_code == 403
    admin = client_for(planned["users"]["region_admin"])
    assert admin.post(url, {"form": "delete", "version": 1}).status_code == 302
    assert Programme.objects.filter(pk=extra.pk).exists()  # refused: no reason
    assert admin.post(url, {"form": "delete", "version": 1, "reason": "Digabung ke LIV-01"}).status_code == 302
    assert not Programme.objects.filter(pk=extra.pk).exists()
    revision = MasterplanVersion.objects.get(masterplan=planned["home_plan"], number=1)
    assert revision.reason == "Digabung ke LIV-01"
    assert "LIV-03" in admin.get("/r/luwu-utara/rencana/revisi/1/").content.decode()
