from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from kotacerdas.common.csp import REDOC_UPDATE, SWAGGER_UI_UPDATE
from kotacerdas.portal import views as portal_views
from kotacerdas.portal.language import switch_language

admin.site.site_header = _("Kota Cerdas back office")
admin.site.site_title = _("Kota Cerdas")

region_patterns = [
    path("", include("kotacerdas.portal.region_urls")),
    # Early: a citizen's report (the busiest pages at a peak) is matched before the other apps' patterns are tried
    # (their "aduan/" and "staf/aduan/" prefixes are the app's own).
    path("", include("kotacerdas.participation.urls")),
    path("", include("kotacerdas.masterplan.urls")),
    path("", include("kotacerdas.regions.audit_urls")),
    path("", include("kotacerdas.accounts.region_urls")),
    path("", include("kotacerdas.monitoring.urls")),
    path("", include("kotacerdas.collaboration.urls")),
    path("", include("kotacerdas.planning.urls")),
    path("", include("kotacerdas.planio.urls")),
    path("", include("kotacerdas.ideas.urls")),
    path("", include("kotacerdas.surveys.urls")),
    path("", include("kotacerdas.evaluation.urls")),
    path("", include("kotacerdas.innovation.urls")),
    path("", include("kotacerdas.literacy.urls")),
    path("", include("kotacerdas.news.urls")),
    path("", include("kotacerdas.opendata.urls")),
]

urlpatterns = [
    path("", include("kotacerdas.national.urls")),
    path("", include("kotacerdas.portal.urls")),
    path("r/<slug:region_slug>/", include(region_patterns)),
    path("akun/", include("kotacerdas.accounts.urls")),
    path("evaluasi/", include("kotacerdas.evaluation.national_urls")),
    path("open311/v2/", include("kotacerdas.participation.open311_urls")),
    path("", include("kotacerdas.opendata.site_urls")),
    path("", include("kotacerdas.opendata.ckan_urls")),
    path("bahasa/<str:code>/", switch_language, name="switch_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("kotacerdas.masterplan.api_urls")),
    path("api/v1/", include("kotacerdas.monitoring.api_urls")),
    path("api/v1/", include("kotacerdas.collaboration.api_urls")),
    path("api/v1/", include("kotacerdas.planning.api_urls")),
    path("api/v1/", include("kotacerdas.planio.api_urls")),
    path("api/v1/", include("kotacerdas.participation.api_urls")),
    path("api/v1/", include("kotacerdas.ideas.api_urls")),
    path("api/v1/", include("kotacerdas.surveys.api_urls")),
    path("api/v1/", include("kotacerdas.evaluation.api_urls")),
    path("api/v1/", include("kotacerdas.innovation.api_urls")),
    path("api/v1/", include("kotacerdas.literacy.api_urls")),
    path("api/v1/", include("kotacerdas.news.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The API docs are third-party apps with inline styles: each relaxes the site's policy for itself only.
    path(
        "api/docs/",
        csp_update(SWAGGER_UI_UPDATE)(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
    path("api/redoc/", csp_update(REDOC_UPDATE)(SpectacularRedocView.as_view(url_name="schema")), name="api-redoc"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("readyz", portal_views.readyz, name="readyz"),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "kotacerdas.portal.errors.not_found"
handler403 = "kotacerdas.portal.errors.forbidden"
handler500 = "kotacerdas.portal.errors.server_error"
