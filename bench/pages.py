"""What `make bench` measures and at which data sizes. Plain Python: run.py imports it without Django."""

from dataclasses import dataclass

REGION = "luwu-utara"
STAFF_USERNAME = "admin.lutra"  # region admin of Luwu Utara in the demo (kotacerdas.demo.data.USERS)

# Headers every bench request carries, in-process and over HTTP. X-Forwarded-Proto is what the TLS proxy in
# front of production sends (SECURE_PROXY_SSL_HEADER), so the app sees the request as HTTPS as it would there.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "id", "User-Agent": "kotacerdas-bench"}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    public: bool  # an anonymous visitor sees it (target 2x the trivial view); otherwise the staff user (10x)
    baseline: bool = False

    @property
    def target_ratio(self) -> float | None:
        if self.baseline:
            return None
        return 2.0 if self.public else 10.0


BASELINE = Page("healthz (trivial view)", "/healthz", public=True, baseline=True)
PAGES = [
    BASELINE,
    Page("region home", f"/r/{REGION}/", public=True),
    Page("dimension page", f"/r/{REGION}/dimensi/governance/", public=True),
    Page("programme page", f"/r/{REGION}/program/GOV-01/", public=True),
    Page("API programme list", f"/api/v1/regions/{REGION}/programmes/", public=True),
    Page("staff workspace", f"/r/{REGION}/staf/", public=False),
]

# Generated on top of the demo. Every programme spans the masterplan's 11 years, one target per year.
SCALES = {
    "small": {"regions": 5, "programmes": 60, "indicators": 3, "targets": 11},
    "regency": {"regions": 20, "programmes": 300, "indicators": 3, "targets": 11},
}
DEMO_SCALE = "demo only: 2 regions, 30 programmes in Luwu Utara, 1-3 indicators"


def describe(scale: str) -> str:
    if scale == "demo":
        return DEMO_SCALE
    s = SCALES[scale]
    return (
        f"{s['regions']} regions, {s['programmes']} programmes/region, "
        f"{s['indicators']} indicators, {s['targets']} targets"
    )
