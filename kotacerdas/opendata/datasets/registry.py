"""Datasets of the registry-like parts: innovations, literacy, partners and contributions, news."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kotacerdas.collaboration import selectors as collaboration
from kotacerdas.innovation import selectors as innovation
from kotacerdas.literacy import selectors as literacy
from kotacerdas.news import selectors as news

from .base import Column, Dataset

CRITERIA = ("renews", "benefits", "no_burden", "authority", "replicable")
GROUP_FIELDS = ("civil_servants", "students", "teachers", "msme_owners", "village_officials", "general_public")


def innovation_rows(region, ctx):
    for i in innovation.innovation_list(region=region, public_only=True).iterator(chunk_size=1000):
        yield (
            i.pk,
            i.title,
            i.title_en,
            i.initiator_type,
            i.form,
            i.agency.acronym if i.agency_id else "",
            i.dimension.key if i.dimension_id else "",
            i.programme.code if i.programme_id else "",
            i.stage,
            i.proposed_on,
            i.trial_on,
            i.applied_on,
            *(getattr(i, c) for c in CRITERIA),
        )


def literacy_rows(region, ctx):
    for a in literacy.activity_list(region=region).order_by("date", "pk").iterator(chunk_size=1000):
        yield (
            a.pk,
            a.date,
            a.title,
            a.kind,
            a.audience,
            a.organiser.acronym if a.organiser_id else "",
            a.partner.name if a.partner_id else "",
            a.district.code if a.district_id else "",
            a.district.name if a.district_id else "",
            a.total,
            a.male,
            a.female,
            *(getattr(a, f) for f in GROUP_FIELDS),
            a.with_disabilities,
        )


PEOPLE_FIELDS = ("total", "male", "female", *GROUP_FIELDS)


def attendance_rows(region, ctx):
    """Attendance per year × kecamatan. A row whose total is below the threshold has every count of people
    suppressed (as report counts by village); `with_disabilities` (health data, a specific kind of personal
    data under UU PDP) is suppressed on its own when it is below the threshold but not zero."""
    threshold = ctx["threshold"]
    for r in literacy.attendance_by_district_year(region=region).iterator(chunk_size=2000):
        people = [r[f] or 0 for f in PEOPLE_FIELDS]
        disabled = r["with_disabilities"] or 0
        small = people[0] < threshold
        if small:
            people, disabled = [None] * len(people), None
        elif 0 < disabled < threshold:
            disabled = None
        yield (
            r["year"],
            r["district__code"] or "",
            r["district__name"] or "",
            r["activities"],
            *people,
            disabled,
            small or disabled is None,
        )


def partner_rows(region, ctx):
    for p in sorted(collaboration.partners_public(region=region), key=lambda p: p.name):
        yield (
            p.pk,
            p.name,
            p.acronym,
            p.category,
            p.subkind,
            p.website,
            "; ".join(sorted(prog.code for prog in p.programmes.all())),
        )


def contribution_rows(region, ctx):
    for c in collaboration.contributions_public(region=region).iterator(chunk_size=1000):
        yield (c.year, c.partner.name, c.partner.category, c.programme.code, c.kind, c.description, c.amount, c.status)


def news_rows(region, ctx):
    for a in news.published(region=region).iterator(chunk_size=500):
        yield (
            a.published_at,
            a.slug,
            a.title,
            a.title_en,
            a.summary,
            a.source_name,
            "; ".join(sorted(t.slug for t in a.tags.all())),
        )


ATTENDANCE_NOTE = _(
    "A kecamatan's counts of people in a year are suppressed (left empty, `suppressed` true) when fewer than "
    "%(threshold)s people attended, and the count of participants with disabilities when it is below "
    "%(threshold)s but not zero, so that no participant can be singled out; the region sets the threshold."
)

DATASETS = (
    Dataset(
        key="innovations",
        sources=("innovation", "masterplan"),
        title=_("Regional innovations"),
        notes=_(
            "Regional innovations on trial or applied: initiator type, form, agency, dimension, programme, "
            "stage with its dates, and which of the five criteria of PP 38/2017 they meet."
        ),
        columns=(
            Column("id", "integer", _("Innovation identifier")),
            Column("title", "string", _("Name of the innovation")),
            Column("title_en", "string", _("Name (English), when given")),
            Column("initiator_type", "string", _("Initiator type")),
            Column("form", "string", _("Form of the innovation")),
            Column("agency", "string", _("Agency, short name")),
            Column("dimension", "string", _("Smart city dimension key")),
            Column("programme_code", "string", _("Programme code in the masterplan")),
            Column("stage", "string", _("Stage: trial or applied")),
            Column("proposed_on", "date", _("Proposed on")),
            Column("trial_on", "date", _("Trial started on")),
            Column("applied_on", "date", _("Applied since")),
            *(Column(c, "boolean", format_lazy(_("Meets the PP 38/2017 criterion: {}"), c)) for c in CRITERIA),
        ),
        rows=innovation_rows,
        modified=innovation.innovations_modified_by_region,
        groups=("governance",),
        tags=("innovation", "smart-city"),
        frequency="IRREG",
        producer_hint="Bappelitbangda",
        chart=("stage", None),
    ),
    Dataset(
        key="literacy-activities",
        sources=("literacy", "collaboration"),
        title=_("Literacy and capacity-building activities with attendance"),
        notes=_("Each activity with its date, kind, organiser, kecamatan and attendance by gender and group."),
        columns=(
            Column("id", "integer", _("Activity identifier")),
            Column("date", "date", _("Date")),
            Column("title", "string", _("Title")),
            Column("kind", "string", _("Kind of activity")),
            Column("audience", "string", _("Audience")),
            Column("organiser", "string", _("Organising agency, short name")),
            Column("partner", "string", _("Partner organisation")),
            Column("kecamatan_code", "string", _("Kecamatan code (Kemendagri)")),
            Column("kecamatan", "string", _("Kecamatan")),
            Column("total", "integer", _("Participants (total)"), "people"),
            Column("male", "integer", _("Male participants"), "people"),
            Column("female", "integer", _("Female participants"), "people"),
            *(Column(f, "integer", format_lazy(_("Participants in the group: {}"), f), "people") for f in GROUP_FIELDS),
            Column("with_disabilities", "integer", _("Participants with disabilities"), "people"),
        ),
        rows=literacy_rows,
        modified=literacy.activities_modified_by_region,
        groups=("society",),
        tags=("literacy", "capacity-building"),
        frequency="MONTHLY",
        producer_hint="Diskominfo",
        chart=("kecamatan", "total"),
    ),
    Dataset(
        key="literacy-attendance",
        sources=("literacy",),
        title=_("Literacy and capacity building: attendance totals by kecamatan and year"),
        notes=_(
            "How many activities were held and how many people attended them each year in each kecamatan, by "
            "gender and group (activities without a kecamatan have an empty one)."
        ),
        notes_extra=lambda ctx: ATTENDANCE_NOTE % {"threshold": ctx["threshold"]},
        columns=(
            Column("year", "integer", _("Year")),
            Column("kecamatan_code", "string", _("Kecamatan code (Kemendagri); empty when not given")),
            Column("kecamatan", "string", _("Kecamatan")),
            Column("activities", "integer", _("Activities held")),
            Column("total", "integer", _("Participants (total); empty when suppressed"), "people"),
            Column("male", "integer", _("Male participants"), "people"),
            Column("female", "integer", _("Female participants"), "people"),
            *(Column(f, "integer", format_lazy(_("Participants in the group: {}"), f), "people") for f in GROUP_FIELDS),
            Column(
                "with_disabilities", "integer", _("Participants with disabilities; empty when suppressed"), "people"
            ),
            Column("suppressed", "boolean", _("A count of the row is below the threshold and not published")),
        ),
        rows=attendance_rows,
        modified=literacy.activities_modified_by_region,
        groups=("society",),
        tags=("literacy", "capacity-building", "kecamatan"),
        frequency="MONTHLY",
        producer_hint="Diskominfo",
        chart=("kecamatan", "activities"),
    ),
    Dataset(
        key="partners",
        sources=("collaboration", "masterplan"),
        title=_("Pentahelix partners"),
        notes=_("Partners who agreed to be listed, with their pentahelix category and programmes. No contacts."),
        columns=(
            Column("id", "integer", _("Partner identifier")),
            Column("name", "string", _("Organisation")),
            Column("acronym", "string", _("Short name")),
            Column("category", "string", _("Pentahelix category")),
            Column("subkind", "string", _("Sub-kind")),
            Column("website", "string", _("Website")),
            Column("programmes", "string", _("Programme codes, separated by ;")),
        ),
        rows=partner_rows,
        modified=collaboration.partners_modified_by_region,
        groups=("economy", "society"),
        tags=("partners", "pentahelix"),
        frequency="IRREG",
        producer_hint="Bappelitbangda",
        chart=("category", None),
    ),
    Dataset(
        key="partner-contributions",
        sources=("collaboration", "masterplan"),
        title=_("Partner contributions to programmes"),
        notes=_("What listed partners pledged or realised for each programme: kind, description, amount, year."),
        columns=(
            Column("year", "integer", _("Year")),
            Column("partner", "string", _("Organisation")),
            Column("category", "string", _("Pentahelix category")),
            Column("programme_code", "string", _("Programme code in the masterplan")),
            Column("kind", "string", _("Kind of contribution")),
            Column("description", "string", _("Description")),
            Column("amount", "number", _("Amount"), "IDR"),
            Column("status", "string", _("pledged or realised")),
        ),
        rows=contribution_rows,
        modified=collaboration.partners_modified_by_region,
        groups=("economy",),
        tags=("partners", "contributions", "budget"),
        frequency="IRREG",
        producer_hint="Bappelitbangda",
        chart=("category", "amount"),
    ),
    Dataset(
        key="news",
        sources=("news",),
        title=_("Smart city news"),
        notes=_("The published news of the smart city programme; also as an RSS feed."),
        columns=(
            Column("published_at", "datetime", _("Published at")),
            Column("slug", "string", _("Address of the article on the site")),
            Column("title", "string", _("Title")),
            Column("title_en", "string", _("Title (English), when given")),
            Column("summary", "string", _("Summary")),
            Column("source", "string", _("Source")),
            Column("tags", "string", _("Tags, separated by ;")),
        ),
        rows=news_rows,
        modified=news.news_modified_by_region,
        groups=("branding",),
        tags=("news", "feed"),
        frequency="CONT",
        producer_hint="Diskominfo",
        feed="news:rss",
    ),
)
