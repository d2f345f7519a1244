"""The masterplan quality check: a score per component and the list of what to fix, each with a link.

Modelled on plan-quality research (domain.md §9: fact base and participation score lowest in the movement's
plans). Each component is a list of checks; its score is the share of checks passed (%). Programme checks run
per programme, so 30 programmes missing a baseline weigh 30 checks. A fixed number of queries whatever the
size of the masterplan (tests/planning/test_quality.py).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.collaboration.models import Partner
from kotacerdas.masterplan.models import Indicator, Masterplan, Programme
from kotacerdas.masterplan.quality import contributed_checks
from kotacerdas.monitoring.models import ReportingPeriod
from kotacerdas.regions.models import Membership
from kotacerdas.regions.selectors import members_with_role

from ..models import Participant, Pillar, PillarAnalysis, ProgrammeOrigin, ReadinessItem, Round, Strategy

PENTAHELIX = [c for c, _label in Partner.Category.choices]
SHOWN_FIXES = 25  # per component; the count says how many more


@dataclass
class Fix:
    text: str
    url: str
    perm: str = ""  # the rule the page behind `url` checks on the region; the view drops the link for others


@dataclass
class Component:
    key: str
    name: str
    passed: int = 0
    total: int = 0
    fixes: list[Fix] = field(default_factory=list)

    def check(self, ok: bool, text: str, url: str, perm: str = "") -> None:
        self.total += 1
        if ok:
            self.passed += 1
        else:
            self.fixes.append(Fix(text, url, perm))

    @property
    def score(self) -> Decimal | None:
        return None if not self.total else Decimal(100 * self.passed / self.total).quantize(Decimal("1"))

    @property
    def shown_fixes(self) -> list[Fix]:
        return self.fixes[:SHOWN_FIXES]

    @property
    def more(self) -> int:
        return max(0, len(self.fixes) - SHOWN_FIXES)


def _programmes(masterplan: Masterplan) -> list[Programme]:
    return list(
        Programme.objects.filter(masterplan=masterplan)
        .select_related("origin")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")),
            "indicators__targets",
            "supporting_agencies",
        )
        .order_by("code")
    )


def _origin(programme: Programme) -> ProgrammeOrigin | None:
    try:
        return programme.origin
    except ProgrammeOrigin.DoesNotExist:
        return None


def _programme_checks(c: Component, p: Programme, url: str, served: set) -> None:
    indicators = list(p.indicators.all())
    years = set(range(p.start_year, p.end_year + 1))
    c.check(
        bool(indicators) and all(i.baseline_value is not None for i in indicators),
        _("%(code)s: give every indicator a baseline") % {"code": p.code},
        url,
    )
    c.check(
        bool(indicators) and all(years <= {t.year for t in i.targets.all()} for i in indicators),
        _("%(code)s: give it indicators with a target for every year of the programme") % {"code": p.code},
        url,
    )
    c.check(p.owner_agency_id is not None, _("%(code)s: name its owner agency") % {"code": p.code}, url)
    c.check(
        bool(p.budget_estimate) and bool(p.funding_source),
        _("%(code)s: add a budget estimate and its funding source") % {"code": p.code},
        url,
    )
    c.check(
        (p.dimension_id, p.element_id) in served or (p.dimension_id, None) in served,
        _("%(code)s: write a strategy of its dimension or element for it to serve") % {"code": p.code},
        url,
    )
    origin = _origin(p)
    c.check(
        origin is not None and (origin.source == ProgrammeOrigin.Source.NEW or bool(origin.source_document)),
        _("%(code)s: say where it comes from (RPJMD, Renstra) and name the source document") % {"code": p.code},
        url,
    )


def _fact_base(c: Component, masterplan: Masterplan, links: dict) -> None:
    scores = list(ReadinessItem.objects.filter(masterplan=masterplan).values_list("pillar", "score"))
    for pillar, label in Pillar.choices:
        mine = [s for p, s in scores if p == pillar]
        c.check(
            bool(mine) and all(s is not None for s in mine),
            _("Score every readiness question of %(pillar)s") % {"pillar": label},
            reverse("planning:readiness_pillar", kwargs={**links["slug"], "pillar": pillar}),
        )
    analyses = {a.pillar: a for a in PillarAnalysis.objects.filter(masterplan=masterplan)}
    for pillar, label in Pillar.choices:
        a = analyses.get(pillar)
        c.check(
            a is not None and all([a.strengths, a.weaknesses, a.opportunities, a.threats, a.gap_summary]),
            _("Write the SWOT and gap analysis of %(pillar)s") % {"pillar": label},
            reverse("planning:readiness_pillar", kwargs={**links["slug"], "pillar": pillar}),
        )
    c.check(bool(masterplan.profile.strip()), _("Write the regional profile"), links["vision"])


def _participation(c: Component, masterplan: Masterplan, links: dict) -> None:
    rounds = {r.number: r for r in Round.objects.filter(masterplan=masterplan)}
    people = list(
        Participant.objects.filter(round__masterplan=masterplan, present=True).values(
            "round_id", "agency_id", "organisation"
        )
    )
    present_rounds = {p["round_id"] for p in people}
    for number in (1, 2, 3, 4):
        r = rounds.get(number)
        url = reverse("planning:round", kwargs={**links["slug"], "number": number}) if r else links["workspace"]
        c.check(
            r is not None and r.pk in present_rounds,
            _("Bimtek %(n)s: record who attended") % {"n": {1: "I", 2: "II", 3: "III", 4: "IV"}[number]},
            url,
        )
    # An attendee counts for a side of the pentahelix when their organisation is a registered partner, by its
    # name or its short name (case and spaces ignored); an agency's staff count for government.
    partners = {}
    for name, acronym, category in Partner.objects.filter(region_id=masterplan.region_id).values_list(
        "name", "acronym", "category"
    ):
        for key in (name, acronym):
            if key.strip():
                partners[" ".join(key.lower().split())] = category
    present = {"government" for p in people if p["agency_id"]}
    present |= {partners[o] for p in people if (o := " ".join(p["organisation"].lower().split())) in partners}
    labels = dict(Partner.Category.choices)
    for category in PENTAHELIX:
        c.check(
            category in present,
            _("Bring the %(category)s side of the pentahelix to a Bimtek (attendance by organisation)")
            % {"category": labels[category]},
            links["partners"],
        )


def _coordination(c: Component, masterplan: Masterplan, programmes: list[Programme], links: dict) -> None:
    for p in programmes:
        c.check(
            bool(p.supporting_agencies.all()),
            _("%(code)s: name its supporting agencies") % {"code": p.code},
            links["programme"](p),
        )
    c.check(
        Partner.objects.filter(region_id=masterplan.region_id).exists(),
        _("Register the pentahelix partners"),
        links["partners"],
    )


def _monitoring(c: Component, masterplan: Masterplan, links: dict) -> None:
    c.check(
        ReportingPeriod.objects.filter(region_id=masterplan.region_id).exists(),
        _("Set up the reporting periods"),
        reverse("monitoring:periods", kwargs=links["slug"]),
        perm="monitoring.manage_periods",
    )
    c.check(
        bool(members_with_role(region_id=masterplan.region_id, role=Membership.Role.TIM_PELAKSANA)),
        _("Appoint Tim Pelaksana members to verify the reports"),
        reverse("region:workspace", kwargs=links["slug"]),
    )


def _consistency(c: Component, masterplan: Masterplan, programmes: list[Programme], links: dict) -> None:
    for p in programmes:
        outside = sorted(
            {t.year for i in p.indicators.all() for t in i.targets.all() if not p.start_year <= t.year <= p.end_year}
        )
        c.check(
            not outside,
            _("%(code)s: targets in %(years)s, outside the programme's years %(start)s–%(end)s")
            % {"code": p.code, "years": ", ".join(map(str, outside)), "start": p.start_year, "end": p.end_year},
            links["programme"](p),
        )
        if p.is_quick_win:
            c.check(
                p.quick_win_year is not None and p.start_year <= p.quick_win_year <= p.end_year,
                _("%(code)s: put its quick-win year within the programme's years") % {"code": p.code},
                links["programme"](p),
            )


def quality_check(*, masterplan: Masterplan) -> list[Component]:
    """The six components in order: programmes, fact base, participation, coordination, monitoring, consistency."""
    slug = {"region_slug": masterplan.region.slug}
    links = {
        "slug": slug,
        "workspace": reverse("planning:workspace", kwargs=slug),
        "vision": reverse("planning:vision", kwargs=slug),
        "partners": reverse("collaboration:partners", kwargs=slug),
        "programme": lambda p: reverse("planning:programme_plan", kwargs={**slug, "pk": p.pk}),
    }
    programmes = _programmes(masterplan)
    served = set(Strategy.objects.filter(masterplan=masterplan).values_list("dimension_id", "element_id"))
    components = [
        Component("programmes", _("Programmes")),
        Component("fact_base", _("Fact base")),
        Component("participation", _("Participation")),
        Component("coordination", _("Coordination")),
        Component("monitoring", _("Monitoring")),
        Component("consistency", _("Consistency")),
    ]
    by_key = {c.key: c for c in components}
    for p in programmes:
        _programme_checks(by_key["programmes"], p, links["programme"](p), served)
    _fact_base(by_key["fact_base"], masterplan, links)
    _participation(by_key["participation"], masterplan, links)
    _coordination(by_key["coordination"], masterplan, programmes, links)
    _monitoring(by_key["monitoring"], masterplan, links)
    _consistency(by_key["consistency"], masterplan, programmes, links)
    # What apps above planning check (citizen ideas, impact surveys), registered with masterplan.quality.
    for check in contributed_checks(masterplan=masterplan):
        by_key[check.component].check(check.ok, check.text, check.url, check.perm)
    return components
