"""Back office for news. Bodies saved here go through the same allow-list sanitizer as the pages."""

from django.contrib import admin
from django.db import models

from kotacerdas.audit.admin import AuditedAdmin

from .models import Article, ArticleImage, Tag
from .sanitize import clean_html


@admin.register(Article)
class ArticleAdmin(AuditedAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("title", "region", "status", "published_at")
    list_filter = ("region", "status")
    search_fields = ("title",)
    readonly_fields = ("cover", "author")

    def save_model(self, request, obj, form, change):
        obj.body = clean_html(obj.body)
        obj.body_en = clean_html(obj.body_en)
        super().save_model(request, obj, form, change)


@admin.register(Tag)
class TagAdmin(AuditedAdmin):
    list_display = ("name", "slug", "region")
    list_filter = ("region",)


@admin.register(ArticleImage)
class ArticleImageAdmin(AuditedAdmin):
    list_display = ("article", "alt", "created_at")
    readonly_fields = ("image", "uploaded_by")
