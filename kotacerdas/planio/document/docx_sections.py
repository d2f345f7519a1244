"""The DOCX's chapters, one function each (writer, data, heading); the PDF has the same in its templates."""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotacerdas.common.i18n import localized

from .charts import bar_png, gantt_chunks, gantt_png, readiness_rows
from .data import DocumentData
from .tables import (
    annex_headers,
    annex_rows,
    horizon_label,
    indicator_headers,
    indicator_rows,
    number_text,
    quality_rows,
)
from .tables import (
    financing as financing_rows,
)
from .texts import texts


def _date(value) -> str:
    """A date (or a local date and time's day) in the document's language: "3 Des 2026", "3 Dec 2026"."""
    return date_format(value, "DATE_FORMAT") if value else "–"


def _language() -> str:
    return get_language() or "id"


def cover(writer, data: DocumentData) -> None:
    from docx.shared import Pt, RGBColor

    doc, mp = writer.doc, data.masterplan
    run = doc.add_paragraph().add_run(mp.title)
    run.bold, run.font.size, run.font.color.rgb = True, Pt(26), RGBColor(0x0B, 0x6E, 0x4F)
    doc.add_paragraph(_("Smart city masterplan") + f" · {data.region.display_name}").runs[0].font.size = Pt(14)
    doc.add_paragraph(f"{mp.period_start_year}–{mp.period_end_year} · {mp.get_status_display()}")
    if mp.adoption_decree_number:
        doc.add_paragraph(_("Adopted by %(decree)s") % {"decree": mp.adoption_decree_number})
    version = _("Version %(version)s") % {"version": mp.version}
    rev = data.revision
    if rev:
        which = _("Revision %(n)s") % {"n": rev.number} if rev.number else _("Adopted version")
        version += f" · {which} · {_date(timezone.localtime(rev.created_at))}" + (
            f" · {rev.reason}" if rev.reason else ""
        )
    doc.add_paragraph(version)
    doc.add_paragraph(_("Generated on %(date)s") % {"date": _date(timezone.localtime(data.generated_at))})
    doc.add_heading(_("Revision history"), level=2)
    writer.table(
        [_("Revision"), _("Date"), _("By"), _("Reason")],
        [
            [v.number or _("Adopted"), _date(timezone.localtime(v.created_at)), v.actor_name, v.reason or v.summary]
            for v in data.context.versions
        ]
        or [["–", "", "", _("Not adopted yet: no revisions.")]],
        [2, 2.5, 4, 8.5],
    )
    writer.page_break()


def introduction(writer, data: DocumentData, chapter: str) -> None:
    doc, mp, t = writer.doc, data.masterplan, texts(data)
    writer.heading(chapter)
    doc.add_heading(_("Background"), level=2)
    doc.add_paragraph(t["background"])
    doc.add_heading(_("Legal basis"), level=2)
    for law in t["laws"]:
        doc.add_paragraph(law, style="List Number")
    if mp.adoption_decree_number:
        doc.add_paragraph(f"{mp.adoption_decree_number} ({_date(mp.adopted_on)})", style="List Number")
    doc.add_heading(_("Aims"), level=2)
    doc.add_paragraph(t["aims"])
    doc.add_heading(_("The Bimtek process"), level=2)
    writer.table(
        [_("Round"), _("Dates"), _("Venue"), _("Participants")],
        [
            [
                r.get_number_display(),
                _date(r.held_on) + (f" – {_date(r.held_until)}" if r.held_until else ""),
                r.venue or "–",
                len(r.participants.all()),
            ]
            for r in data.context.rounds
        ]
        or [[_("No Bimtek round recorded yet."), "", "", ""]],
        [7, 4, 4, 2],
    )
    for r in data.context.rounds:
        people = r.participants.all()
        if people:
            names = ", ".join(p.name + (f" ({p.organisation})" if p.organisation else "") for p in people)
            doc.add_paragraph(f"Bimtek {r.roman}: {names}")


def profile(writer, data: DocumentData, chapter: str) -> None:
    region, c = data.region, data.context
    writer.heading(chapter)
    writer.table(
        [_("Region"), str(region.display_name) + (f", {region.province}" if region.province else "")],
        [
            [_("Districts (kecamatan)"), c.districts],
            [_("Villages (desa/kelurahan)"), c.villages],
            [_("Programmes in the masterplan"), len(data.programmes)],
        ],
        [8, 9],
    )
    writer.doc.add_paragraph(
        data.masterplan.profile
        or _("The regional profile (area, population, districts, economy) has not been written yet.")
    )


def readiness(writer, data: DocumentData, chapter: str) -> None:
    """The readiness chart and table, then each pillar's questions and SWOT."""
    from docx.shared import Cm

    doc, table = writer.doc, writer.table
    writer.heading(chapter)
    doc.add_picture(io.BytesIO(bar_png(readiness_rows(data))), width=Cm(15))
    table(
        [_("Pillar"), _("Score (% of maximum)"), _("Questions scored")],
        [
            [
                p.label,
                "–" if p.score is None else number_text(p.score) + "%",
                f"{sum(1 for i in p.items if i.score is not None)}/{len(p.items)}",
            ]
            for p in data.pillars
        ],
        [7, 5, 5],
    )
    for p in data.pillars:
        doc.add_heading(p.label, level=2)
        if p.items:
            table(
                [_("Question"), _("Score (0–4)"), _("Evidence")],
                [[localized(i, "question"), "–" if i.score is None else i.score, i.evidence] for i in p.items],
                [9, 2.5, 5.5],
            )
        if p.analysis:
            swot = p.analysis.swot()
            keys = ("strengths", "weaknesses", "opportunities", "threats")
            table(
                [_("Strengths"), _("Weaknesses"), _("Opportunities"), _("Threats")],
                [["\n".join(swot[k]) for k in keys]],
                [4.25] * 4,
            )
            if p.analysis.gap_summary:
                doc.add_paragraph(_("Gap summary") + ": " + p.analysis.gap_summary)


def vision(writer, data: DocumentData, chapter: str) -> None:
    doc, mp, region = writer.doc, data.masterplan, data.region
    writer.heading(chapter)
    doc.add_heading(_("Vision"), level=2)
    doc.add_paragraph(localized(mp, "vision") or "–")
    if data.slogan:
        doc.add_paragraph(_("What %(slogan)s stands for") % {"slogan": region.slogan}).runs[0].bold = True
        english = _language().startswith("en")
        for word, word_en in data.slogan:
            doc.add_paragraph(
                f"{word[:1]} – {word}" + (f" ({word_en})" if english and word_en else ""), style="List Bullet"
            )
    doc.add_heading(_("Missions"), level=2)
    for mission in mp.mission_list(language=_language()):
        doc.add_paragraph(mission, style="List Number")
    doc.add_heading(_("Objectives"), level=2)
    for objective in mp.objective_list(language=_language()):
        doc.add_paragraph(objective, style="List Bullet")


def programmes(writer, data: DocumentData, chapter: str) -> None:
    """Per dimension: its description, strategies (with their element) and programmes."""
    doc = writer.doc
    writer.heading(chapter)
    for block in data.dimensions:
        doc.add_heading(localized(block.dimension, "name"), level=2)
        if block.dimension.description:
            doc.add_paragraph(localized(block.dimension, "description"))
        for s in block.strategies:
            element = f" ({localized(s.element, 'name')})" if s.element_id else ""
            doc.add_paragraph(localized(s, "text") + element, style="List Bullet")
        if block.programmes:
            writer.table(
                [_("Code"), _("Programme"), _("Agencies"), _("Horizon and years"), _("Budget (Rp)")],
                [
                    [
                        p.code,
                        localized(p, "title")
                        + (f" · {localized(p.element, 'name')}" if p.element_id else "")
                        + (f"\n{localized(p, 'description')}" if p.description else ""),
                        p.owner_agency.acronym + "\n" + ", ".join(a.acronym for a in p.supporting_agencies.all()),
                        f"{horizon_label(p)}\n{p.start_year}–{p.end_year}",
                        number_text(p.budget_estimate),
                    ]
                    for p in block.programmes
                ],
                [2, 7.5, 2.8, 2.5, 2.2],
            )


def quick_wins(writer, data: DocumentData, chapter: str) -> None:
    doc = writer.doc
    writer.heading(chapter)
    if not data.quick_wins:
        doc.add_paragraph(_("No quick wins selected yet."))
    for p in data.quick_wins:
        doc.add_heading(f"{p.code} {localized(p, 'title')} ({p.quick_win_year})", level=2)
        steps = list(p.quick_win_steps.all())
        if steps:
            writer.table(
                [_("Step"), _("Responsible"), _("Due")],
                [[s.description, s.responsible, _date(s.due_on) if s.due_on else ""] for s in steps],
                [10, 4.5, 2.5],
            )


def roadmap(writer, data: DocumentData, chapter: str) -> None:
    """A Gantt chart per dimension (in chunks that fit a page) and its programmes' names and milestones."""
    from docx.shared import Cm

    doc = writer.doc
    writer.heading(chapter)
    doc.add_paragraph(
        _("One bar per programme over the masterplan's years; quick wins in amber; a circle marks a milestone.")
    )
    for block, chunk in gantt_chunks(data):
        doc.add_paragraph(localized(block.dimension, "name")).runs[0].bold = True
        doc.add_picture(io.BytesIO(gantt_png(block, chunk, data.years)), width=Cm(17))
        writer.table(
            [_("Code"), _("Programme"), _("Years"), _("Milestones")],
            [
                [
                    p.code,
                    localized(p, "title"),
                    f"{p.start_year}–{p.end_year}",
                    "; ".join(f"{m.year}: {localized(m, 'title')}" for m in p.milestones.all()),
                ]
                for p in chunk
            ],
            [2, 7, 2.2, 5.8],
        )


def financing(writer, data: DocumentData, chapter: str) -> None:
    doc, rows = writer.doc, financing_rows(data)
    writer.heading(chapter)
    doc.add_paragraph(texts(data)["financing"])
    total = [_("Total"), rows["total"]]
    for title, header, key in (
        (_("Budget per dimension"), _("Dimension"), "dimensions"),
        (_("Budget per year"), _("Year"), "years"),
        (_("Budget per funding source"), _("Funding source"), "sources"),
    ):
        doc.add_heading(title, level=2)
        writer.table([header, _("Budget (Rp)")], [list(r) for r in rows[key]] + [total], [11, 6])


def implementation(writer, data: DocumentData, chapter: str) -> None:
    """The bodies and their members, the reporting periods, then indicators and targets on landscape pages."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = writer.doc
    writer.heading(chapter)
    doc.add_heading(_("Implementing bodies"), level=2)
    if not data.context.bodies:
        doc.add_paragraph(_("The Tim Pelaksana and the Dewan Kota Cerdas have not been recorded yet."))
    for body in data.context.bodies:
        doc.add_heading(f"{body.get_kind_display()} · {body.decree_number}", level=3)
        writer.table(
            [_("Name"), _("Role in the body"), _("Agency or partner")],
            [
                [m.name, m.role, m.agency.acronym if m.agency else (m.partner.name if m.partner else "")]
                for m in body.members.all()
            ],
            [7, 4.5, 5.5],
        )
    doc.add_heading(_("Reporting periods"), level=2)
    doc.add_paragraph(texts(data)["reporting"])
    landscape = doc.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    landscape.left_margin = landscape.right_margin = Cm(1.5)
    doc.add_heading(_("Indicators and targets"), level=2)
    years = len(data.years)
    year_w = min(1.6, 14.0 / max(1, years))
    writer.table(
        indicator_headers(data), indicator_rows(data), [2, 26.7 - 6.5 - year_w * years, 2.2, 2.3] + [year_w] * years
    )


def closing(writer, data: DocumentData, chapter: str) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    portrait = writer.doc.add_section()
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = Cm(21.0), Cm(29.7)
    portrait.left_margin = portrait.right_margin = Cm(2)
    writer.heading(chapter)
    writer.doc.add_paragraph(texts(data)["closing"])


def adoption(writer, data: DocumentData, chapter: str) -> None:
    doc, mp, region = writer.doc, data.masterplan, data.region
    writer.page_break()
    writer.heading(chapter)
    writer.table(
        ["", ""],
        [
            [_("Adopted by decree"), mp.adoption_decree_number or "–"],
            [_("Adopted on"), _date(mp.adopted_on)],
            [_("Period"), f"{mp.period_start_year}–{mp.period_end_year}"],
        ],
        [6, 11],
    )
    from docx.shared import Cm

    head = _("Mayor of") if region.kind == "kota" else _("Regent of")
    for line in (
        f"{_('Adopted in')} ____________, {_date(mp.adopted_on) if mp.adopted_on else '____________'}",
        f"{head} {region.name},",
        "\n\n\n",
        "(______________________________)",
    ):
        doc.add_paragraph(line).paragraph_format.left_indent = Cm(9)


def quality(writer, data: DocumentData, chapter: str) -> None:
    """The quality check of the planning workspace (planning.selectors.quality), as an annex."""
    writer.page_break()
    writer.heading(chapter)
    writer.table([_("Component"), _("Score"), _("What to fix")], quality_rows(data), [3.5, 2, 11.5])


def annex(writer, data: DocumentData, chapter: str) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    landscape = writer.doc.add_section()
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    landscape.left_margin = landscape.right_margin = Cm(1.5)
    writer.heading(chapter)
    writer.table(annex_headers(), annex_rows(data), [2.2, 7.3, 3, 2.5, 3.6, 2.4, 1.9, 2.8, 1.0 + 1.0])
