"""Back office for support staff; the team works on the pages under /r/<slug>/rencana/."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin
from kotacerdas.masterplan.admin import VersionedAdmin

from .models import (
    ChecklistItem,
    Milestone,
    Participant,
    PillarAnalysis,
    ProgrammeOrigin,
    QuickWinStep,
    ReadinessItem,
    Round,
    Strategy,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ("name", "organisation", "agency", "present", "region")
    raw_id_fields = ("agency",)


@admin.register(Round)
class RoundAdmin(VersionedAdmin):
    list_display = ("masterplan", "number", "held_on", "venue", "completed_at", "region")
    list_filter = ("region", "number")
    inlines = [ParticipantInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(AuditedAdmin):
    list_display = ("round", "label", "done", "region")
    list_filter = ("region", "done")


@admin.register(ReadinessItem)
class ReadinessItemAdmin(VersionedAdmin):
    list_display = ("question", "pillar", "score", "masterplan", "region")
    list_filter = ("region", "pillar")


@admin.register(PillarAnalysis)
class PillarAnalysisAdmin(VersionedAdmin):
    list_display = ("masterplan", "pillar", "region")
    list_filter = ("region", "pillar")


@admin.register(Strategy)
class StrategyAdmin(VersionedAdmin):
    list_display = ("text", "dimension", "element", "masterplan", "region")
    list_filter = ("region", "dimension__key")


@admin.register(ProgrammeOrigin)
class ProgrammeOriginAdmin(VersionedAdmin):
    list_display = ("programme", "source", "source_document", "source_reference", "region")
    list_filter = ("region", "source")
    raw_id_fields = ("programme",)


@admin.register(Milestone)
class MilestoneAdmin(VersionedAdmin):
    list_display = ("programme", "year", "title", "region")
    list_filter = ("region",)
    raw_id_fields = ("programme",)


@admin.register(QuickWinStep)
class QuickWinStepAdmin(VersionedAdmin):
    list_display = ("programme", "order", "description", "due_on", "region")
    list_filter = ("region",)
    raw_id_fields = ("programme",)
