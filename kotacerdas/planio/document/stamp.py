"""Has anything the document shows changed? `content_hash` exactly, `content_stamp` cheaply (in the request)."""

import hashlib
import json

from kotacerdas.collaboration.selectors import body_rows
from kotacerdas.masterplan.models import Dimension, Indicator, Masterplan, Programme, Target
from kotacerdas.planning.models import (
    Milestone,
    Participant,
    PillarAnalysis,
    QuickWinStep,
    ReadinessItem,
    Round,
    Strategy,
)
from kotacerdas.regions.models import District, Village

from .data import DocumentData, document_data

LAYOUT_VERSION = "2"  # bump when the document's layout changes, so stored files are rebuilt


def _canonical(data: DocumentData) -> list:
    mp = data.masterplan
    out: list = [
        [mp.pk, mp.title, mp.vision, mp.vision_en, mp.missions, mp.missions_en, mp.status, mp.period_start_year],
        [mp.period_end_year, mp.adoption_decree_number, str(mp.adopted_on), mp.region.name],
        [mp.objectives, mp.objectives_en, mp.profile, mp.region.slogan_expansion, mp.region.slogan_expansion_en],
        _canonical_context(data),
    ]
    for pillar in data.pillars:
        a = pillar.analysis
        out.append([pillar.key, [(i.question, i.question_en, i.score, i.evidence) for i in pillar.items]])
        if a:
            out.append([a.strengths, a.weaknesses, a.opportunities, a.threats, a.gap_summary])
    for block in data.dimensions:
        d = block.dimension
        out.append([d.pk, d.name, d.name_en, d.description, d.description_en, d.coordinator_id])
        out.append([(s.text, s.text_en, s.element_id) for s in block.strategies])
        for p in block.programmes:
            out.append(
                [
                    p.code,
                    p.title,
                    p.title_en,
                    p.description,
                    p.description_en,
                    p.element.name if p.element_id else "",
                    p.owner_agency.acronym,
                    p.owner_agency.name,
                    sorted(a.acronym for a in p.supporting_agencies.all()),
                    p.horizon,
                    p.start_year,
                    p.end_year,
                    str(p.budget_estimate),
                    p.funding_source,
                    p.is_quick_win,
                    p.quick_win_year,
                    str(p.weight),
                    [
                        (
                            i.name,
                            i.name_en,
                            i.unit,
                            i.unit_en,
                            str(i.baseline_value),
                            i.baseline_year,
                            i.direction,
                            str(i.weight),
                            *((t.year, str(t.value)) for t in i.targets.all()),
                        )
                        for i in p.indicators.all()
                    ],
                    [(m.year, m.title, m.title_en) for m in p.milestones.all()],
                    [(s.description, s.responsible, str(s.due_on)) for s in p.quick_win_steps.all()],
                ]
            )
    return out


def _canonical_context(data: DocumentData) -> list:
    c = data.context
    return [
        [(r.number, str(r.held_on), str(r.held_until), r.venue, len(r.participants.all())) for r in c.rounds],
        [(b.kind, b.decree_number, str(b.term_starts), [(m.name, m.role) for m in b.members.all()]) for b in c.bodies],
        [(v.number, v.kind, v.reason, str(v.created_at)) for v in c.versions],
        [c.districts, c.villages],
    ]


def content_hash(*, masterplan: Masterplan, kind: str, language: str, data: DocumentData | None = None) -> str:
    """The hash of what a file of `kind` would show: equal hashes, equal files (bar the generation date)."""
    data = data or document_data(masterplan=masterplan)
    payload = json.dumps([LAYOUT_VERSION, kind, language, _canonical(data)], default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def content_stamp(*, masterplan: Masterplan, kind: str, language: str) -> str:
    """A cheap key for "has anything the file shows changed?", computed in the request: for each kind of
    row the file reads, its count and latest change (and the sum of programme versions, and which agencies
    support which programme), in 20 aggregate queries whatever the size. Services save through the ORM, so
    every change moves `updated_at` or a count; `content_hash` is the exact (and slower) alternative."""
    from django.db.models import Count, Max, Sum

    from kotacerdas.masterplan.models import Element, MasterplanVersion
    from kotacerdas.regions.models import Agency, Region

    def stamp(qs, *extra) -> list:
        row = qs.aggregate(n=Count("pk"), at=Max("updated_at"), **{f"x{i}": e for i, e in enumerate(extra)})
        return [str(v) for _k, v in sorted(row.items())]

    mp = Masterplan.objects.get(pk=masterplan.pk)
    region = masterplan.region_id
    through = Programme.supporting_agencies.through
    parts = [
        LAYOUT_VERSION,
        kind,
        language,
        [mp.pk, str(mp.updated_at), mp.version, mp.status],
        stamp(Region.objects.filter(pk=region)),
        stamp(Dimension.objects.filter(region_id=region)),
        stamp(Element.objects.filter(region_id=region)),
        stamp(Agency.objects.filter(region_id=region)),
        stamp(Programme.objects.filter(masterplan=mp), Sum("version")),
        list(
            through.objects.filter(programme__masterplan=mp)
            .aggregate(n=Count("pk"), a=Sum("agency_id"), p=Sum("programme_id"))
            .values()
        ),
        stamp(Indicator.objects.filter(programme__masterplan=mp)),
        stamp(Target.objects.filter(indicator__programme__masterplan=mp), Sum("year")),
        stamp(ReadinessItem.objects.filter(masterplan=mp)),
        stamp(PillarAnalysis.objects.filter(masterplan=mp)),
        stamp(Strategy.objects.filter(masterplan=mp)),
        stamp(Milestone.objects.filter(programme__masterplan=mp)),
        stamp(QuickWinStep.objects.filter(programme__masterplan=mp)),
        list(MasterplanVersion.objects.filter(masterplan=mp).aggregate(n=Count("pk"), at=Max("created_at")).values()),
        stamp(Round.objects.filter(masterplan=mp)),
        stamp(Participant.objects.filter(round__masterplan=mp)),
        *(stamp(rows) for rows in body_rows(region_id=region)),
        stamp(District.objects.filter(region_id=region)),
        stamp(Village.objects.filter(region_id=region)),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()
