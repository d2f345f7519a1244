"""Back office: partners, agreements and bodies are editable (audited); signatures and links are read-only,
so the back office cannot forge or reuse them and the text is edited through the service that audits it."""

from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin, ReadOnlyAdmin

from .models import Agreement, Body, BodyMember, Commitment, Contribution, Partner, Signature, SigningLink


@admin.register(Partner)
class PartnerAdmin(AuditedAdmin):
    list_display = ("name", "region", "category", "subkind", "public_consent")
    list_filter = ("region", "category", "public_consent")
    search_fields = ("name", "acronym")


@admin.register(Agreement)
class AgreementAdmin(AuditedAdmin):
    list_display = ("number", "region", "kind", "title", "starts_on", "ends_on")
    list_filter = ("region", "kind")


@admin.register(Contribution)
class ContributionAdmin(AuditedAdmin):
    list_display = ("partner", "programme", "kind", "amount", "year", "status")
    list_filter = ("region", "kind", "status")


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ("kind", "region", "decree_number", "term_starts", "term_ends")


@admin.register(BodyMember)
class BodyMemberAdmin(ReadOnlyAdmin):
    list_display = ("name", "role", "body", "starts_on", "ends_on")


@admin.register(Commitment)
class CommitmentAdmin(ReadOnlyAdmin):
    list_display = ("title", "region", "event_date", "is_published")


@admin.register(Signature)
class SignatureAdmin(ReadOnlyAdmin):
    list_display = ("signatory", "signed_at", "method", "text_hash")


@admin.register(SigningLink)
class SigningLinkAdmin(ReadOnlyAdmin):
    list_display = ("signatory", "expires_at", "used_at")
    exclude = ("token_hash",)
