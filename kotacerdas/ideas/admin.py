"""Back office: ideas and comments are viewable and correctable (audited); supports and flags read-only."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Idea, IdeaComment, IdeaFlag, IdeaSupport


@admin.register(Idea)
class IdeaAdmin(AuditedAdmin):
    list_display = ("title", "region", "dimension", "status", "support_count", "is_hidden", "created_at")
    list_filter = ("region", "status", "is_hidden")
    search_fields = ("title",)
    raw_id_fields = ("author", "programme", "dimension")
    readonly_fields = ("support_count", "comment_count", "flag_count")


@admin.register(IdeaComment)
class IdeaCommentAdmin(AuditedAdmin):
    list_display = ("idea", "author", "is_official", "is_hidden", "created_at")
    list_filter = ("region", "is_official", "is_hidden")
    raw_id_fields = ("idea", "parent", "author", "hidden_by")


@admin.register(IdeaSupport)
class IdeaSupportAdmin(ReadOnlyAdmin):
    list_display = ("idea", "user", "created_at")
    list_filter = ("region",)


@admin.register(IdeaFlag)
class IdeaFlagAdmin(ReadOnlyAdmin):
    list_display = ("idea", "comment", "user", "reason", "resolved", "created_at")
    list_filter = ("region", "resolved")
