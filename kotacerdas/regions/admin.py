from django import forms
from django.contrib import admin

from kotacerdas.audit.admin import AuditedAdmin
from kotacerdas.common.uploads import reencode_image

from .models import Agency, District, Membership, Region, Village


class RegionAdminForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = [
            "code",
            "kind",
            "name",
            "slug",
            "province",
            "logo",
            "slogan",
            "slogan_expansion",
            "slogan_expansion_en",
            "is_active",
            "is_demo",
        ]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and not getattr(logo, "_committed", False):
            return reencode_image(logo, max_bytes=2 * 1024 * 1024, max_side=800)
        return logo


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    form = RegionAdminForm
    list_display = ("code", "display_name", "slug", "province", "is_active", "is_demo")
    search_fields = ("code", "name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ("code", "name", "region")
    list_filter = ("region",)
    search_fields = ("code", "name")


@admin.register(Village)
class VillageAdmin(AuditedAdmin):
    list_display = ("code", "name", "kind", "district", "region")
    list_filter = ("region", "kind")
    search_fields = ("code", "name")
    list_select_related = ("district", "region")
    raw_id_fields = ("district",)


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    list_display = ("acronym", "name", "kind", "region")
    list_filter = ("region", "kind")
    search_fields = ("acronym", "name")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "role", "region", "agency")
    list_filter = ("region", "role")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user", "region", "agency")
    raw_id_fields = ("user",)
