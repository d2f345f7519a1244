"""Reads of collaboration, shaped for the pages that use them (a fixed number of queries each)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from kotacerdas.masterplan.models import Dimension, Programme
from kotacerdas.masterplan.selectors import masterplan_current_for_region, masterplan_public_for_region
from kotacerdas.regions.models import Region

from .models import (
    Agreement,
    Body,
    BodyMember,
    Commitment,
    Contribution,
    Partner,
    Signatory,
    Signature,
)

PUBLIC_CONTRIBUTION_STATUSES = (Contribution.Status.PLEDGED, Contribution.Status.REALISED)


# --- partners -------------------------------------------------------------------------------------------


def partner_list(*, region: Region, category: str = "") -> QuerySet[Partner]:
    qs = (
        Partner.objects.filter(region=region)
        .annotate(programme_count=Count("programmes", distinct=True))
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.only("pk", "code", "title", "region")))
    )
    if category:
        qs = qs.filter(category=category)
    return qs


def partners_public(*, region: Region) -> list[Partner]:
    """Consenting partners with the programmes of the public masterplan they take part in. No contacts."""
    masterplan = masterplan_public_for_region(region=region)
    programmes = Programme.objects.filter(masterplan=masterplan).only("pk", "code", "title", "title_en", "region")
    return list(
        Partner.objects.filter(region=region, public_consent=True)
        .only("pk", "name", "acronym", "category", "subkind", "description", "website", "region")
        .prefetch_related(Prefetch("programmes", queryset=programmes))
    )


def partner_detail(*, region: Region, pk: int) -> Partner:
    """Raises Partner.DoesNotExist for another region's partner."""
    return (
        Partner.objects.prefetch_related(
            "contacts__user",
            Prefetch("programmes", queryset=Programme.objects.select_related("dimension")),
            Prefetch("contributions", queryset=Contribution.objects.select_related("programme")),
            "agreements",
        )
        .filter(region=region)
        .get(pk=pk)
    )


# --- commitments ----------------------------------------------------------------------------------------


def commitment_list(*, region: Region, published_only: bool = False) -> QuerySet[Commitment]:
    qs = Commitment.objects.filter(region=region).annotate(signatory_count=Count("signatories", distinct=True))
    return qs.filter(is_published=True) if published_only else qs


def commitments_public(*, region: Region) -> list[Commitment]:
    """The published commitments (newest signing first), for the links on the partners page and the home."""
    return list(Commitment.objects.filter(region=region, is_published=True).only("pk", "title", "event_date"))


def commitment_detail(*, region: Region, pk: int, published_only: bool = False) -> Commitment:
    """A commitment with its signatories and every signature. Raises Commitment.DoesNotExist."""
    qs = Commitment.objects.filter(region=region).prefetch_related(
        Prefetch(
            "signatories",
            queryset=Signatory.objects.select_related("agency", "partner", "user").prefetch_related(
                Prefetch("signatures", queryset=Signature.objects.order_by("signed_at"))
            ),
        )
    )
    if published_only:
        qs = qs.filter(is_published=True)
    return qs.get(pk=pk)


@dataclass
class SignatoryRow:
    signatory: Signatory
    signatures: list  # [(Signature, is_valid)], oldest first
    valid: Signature | None  # the signature over the current text, if any

    @property
    def has_signed(self) -> bool:
        return self.valid is not None

    @property
    def has_invalid_only(self) -> bool:
        return self.valid is None and bool(self.signatures)


def commitment_verification(commitment: Commitment) -> list[SignatoryRow]:
    """Recompute the text's hash and compare every signature with it (uses the prefetched rows)."""
    current = commitment.text_hash
    rows = []
    for signatory in commitment.signatories.all():
        checked = [(s, s.text_hash == current) for s in signatory.signatures.all()]
        valid = next((s for s, ok in checked if ok), None)
        rows.append(SignatoryRow(signatory=signatory, signatures=checked, valid=valid))
    return rows


# --- agreements -----------------------------------------------------------------------------------------


def agreement_list(*, region: Region) -> QuerySet[Agreement]:
    return Agreement.objects.filter(region=region).prefetch_related("agencies", "partners", "programmes")


def agreement_detail(*, region: Region, pk: int) -> Agreement:
    return agreement_list(region=region).get(pk=pk)


# --- contributions and budgets --------------------------------------------------------------------------


def contributions_for_programme_public(*, programme: Programme) -> list[Contribution]:
    """What consenting partners pledged or realised for a programme: for its public page, without contacts."""
    return list(
        Contribution.objects.filter(
            programme=programme, partner__public_consent=True, status__in=PUBLIC_CONTRIBUTION_STATUSES
        )
        .select_related("partner")
        .only(
            "pk",
            "kind",
            "description",
            "amount",
            "year",
            "status",
            "partner__name",
            "partner__category",
            "partner__subkind",
            "programme_id",
        )
        .order_by("partner__name", "-year")
    )


@dataclass
class Budget:
    estimate: Decimal
    partner_realised: Decimal
    partner_pledged: Decimal

    @property
    def total(self) -> Decimal:
        return self.estimate + self.partner_realised + self.partner_pledged


def programme_budget(*, programme: Programme, contributions: list[Contribution] | None = None) -> Budget:
    """The programme's budget estimate next to partners' funding (realised and still pledged)."""
    if contributions is None:
        contributions = contributions_for_programme_public(programme=programme)
    funding = [c for c in contributions if c.kind == Contribution.Kind.FUNDING and c.amount]
    return Budget(
        estimate=programme.budget_estimate or Decimal(0),
        partner_realised=sum((c.amount for c in funding if c.status == Contribution.Status.REALISED), Decimal(0)),
        partner_pledged=sum((c.amount for c in funding if c.status == Contribution.Status.PLEDGED), Decimal(0)),
    )


def contribution_list(*, region: Region) -> QuerySet[Contribution]:
    return Contribution.objects.filter(region=region).select_related("partner", "programme")


# --- bodies ---------------------------------------------------------------------------------------------


def body_list(*, region: Region) -> QuerySet[Body]:
    return Body.objects.filter(region=region).prefetch_related(
        Prefetch("members", queryset=BodyMember.objects.select_related("agency", "partner", "user"))
    )


def bodies_in_office(*, region_id: int, today) -> list[Body]:
    """The region's bodies (Tim Pelaksana, Dewan) whose term runs on `today`, with their current members.
    Two queries."""
    current = Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    return list(
        Body.objects.filter(region_id=region_id)
        .filter(Q(term_ends__isnull=True) | Q(term_ends__gte=today))
        .prefetch_related(
            Prefetch("members", queryset=BodyMember.objects.filter(current).select_related("agency", "partner"))
        )
        .order_by("kind", "-term_starts")
    )


def body_rows(*, region_id: int) -> tuple[QuerySet[Body], QuerySet[BodyMember]]:
    """Every body and member row of the region (for a document's change stamp)."""
    return Body.objects.filter(region_id=region_id), BodyMember.objects.filter(region_id=region_id)


# --- dashboard ------------------------------------------------------------------------------------------


@dataclass
class Dashboard:
    partner_total: int = 0
    by_category: list = field(default_factory=list)  # [(value, label, count)]
    by_dimension: list = field(default_factory=list)  # [(Dimension, partner count)]
    programmes_without_partner: list = field(default_factory=list)
    network_programmes: list = field(default_factory=list)
    network_rows: list = field(default_factory=list)  # [(Partner, [bool per network programme])]
    contribution_totals: list = field(default_factory=list)  # [(kind label, status label, count, amount)]
    funding_realised: Decimal = Decimal(0)
    funding_pledged: Decimal = Decimal(0)
    expiring_agreements: list = field(default_factory=list)
    commitments: list = field(default_factory=list)


def dashboard(*, region: Region) -> Dashboard:
    """Everything the staff collaboration dashboard shows, in a fixed number of queries."""
    data = Dashboard()
    counts = dict(
        Partner.objects.filter(region=region)
        .values_list("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    data.by_category = [(value, label, counts.get(value, 0)) for value, label in Partner.Category.choices]
    data.partner_total = sum(counts.values())

    masterplan = masterplan_current_for_region(region=region)
    programmes = list(
        Programme.objects.filter(masterplan=masterplan)
        .select_related("dimension")
        .only("pk", "code", "title", "title_en", "region", "dimension__key", "dimension__name", "dimension__order")
    )
    links = list(
        Partner.programmes.through.objects.filter(programme__masterplan=masterplan).values_list(
            "partner_id", "programme_id"
        )
    )
    linked_programmes = {programme_id for _, programme_id in links}
    by_programme = {p.pk: p for p in programmes}
    per_dimension: dict[int, set] = defaultdict(set)
    for partner_id, programme_id in links:
        programme = by_programme.get(programme_id)
        if programme is not None:
            per_dimension[programme.dimension_id].add(partner_id)
    data.by_dimension = [(d, len(per_dimension.get(d.pk, ()))) for d in Dimension.objects.filter(region=region)]
    data.programmes_without_partner = [p for p in programmes if p.pk not in linked_programmes]

    data.network_programmes = [p for p in programmes if p.pk in linked_programmes]
    pairs = set(links)
    partners = list(Partner.objects.filter(region=region).only("pk", "name", "acronym", "category", "region"))
    data.network_rows = [
        (partner, [(partner.pk, p.pk) in pairs for p in data.network_programmes])
        for partner in partners
        if any(partner_id == partner.pk for partner_id, _ in links)
    ]

    kinds, statuses = dict(Contribution.Kind.choices), dict(Contribution.Status.choices)
    totals = (
        Contribution.objects.filter(region=region)
        .values("kind", "status")
        .annotate(n=Count("pk"), amount=Sum("amount"))
        .order_by("kind", "status")
    )
    for row in totals:
        data.contribution_totals.append((kinds[row["kind"]], statuses[row["status"]], row["n"], row["amount"]))
        if row["kind"] == Contribution.Kind.FUNDING:
            if row["status"] == Contribution.Status.REALISED:
                data.funding_realised += row["amount"] or 0
            elif row["status"] == Contribution.Status.PLEDGED:
                data.funding_pledged += row["amount"] or 0

    today = timezone.localdate()
    data.expiring_agreements = list(Agreement.objects.filter(region=region, ends_on__gte=today).order_by("ends_on")[:5])
    data.commitments = list(commitment_list(region=region)[:5])
    return data


def partner_choices(*, region: Region) -> QuerySet[Partner]:
    """The region's partners by name, for another app's form (a literacy activity's partner)."""
    return Partner.objects.filter(region=region).order_by("name")


def partner_signatures_until(*, region: Region, year: int) -> tuple[int, int]:
    """(partner signatories of joint commitments held up to `year`, how many of them signed up to `year`)."""
    expected = Signatory.objects.filter(
        region=region, partner__isnull=False, commitment__event_date__year__lte=year
    ).count()
    if not expected:
        return 0, 0
    signed = (
        Signature.objects.filter(region=region, signatory__partner__isnull=False, signed_at__year__lte=year)
        .values("signatory_id")
        .distinct()
        .count()
    )
    return expected, signed


# --- open data ------------------------------------------------------------------------------------------


def contributions_public(*, region: Region) -> QuerySet[Contribution]:
    """What consenting partners pledged or realised, for every programme: the open data catalogue (no contacts)."""
    return (
        Contribution.objects.filter(
            region=region, partner__public_consent=True, status__in=PUBLIC_CONTRIBUTION_STATUSES
        )
        .select_related("partner", "programme")
        .order_by("year", "partner__name", "programme__code", "pk")
    )


def partners_modified_by_region() -> dict:
    from django.db.models import Max

    rows = Partner.objects.values("region_id").annotate(m=Max("updated_at")).values_list("region_id", "m")
    out = dict(rows)
    for region_id, m in (
        Contribution.objects.values("region_id").annotate(m=Max("updated_at")).values_list("region_id", "m")
    ):
        out[region_id] = max(filter(None, [out.get(region_id), m]))
    return out


def agreements_expiring_count(*, region: Region, today) -> int:
    """Agreements in force that end within their own alert window (`alert_days_before`, at most a year) from
    `today`, as the expiry notification counts them."""
    rows = Agreement.objects.filter(
        region=region, ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=366)
    ).values_list("ends_on", "alert_days_before")
    return sum(1 for ends_on, days in rows if today >= ends_on - datetime.timedelta(days=days))
