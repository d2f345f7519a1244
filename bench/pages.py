"""What `make bench` measures and at which data sizes. Plain Python: run.py imports it without Django."""

from dataclasses import dataclass, replace

REGION = "luwu-utara"

# Demo users of Luwu Utara (kotacerdas.demo.data.USERS) the staff pages are measured as.
REGION_ADMIN = "admin.lutra"  # region admin
TIM_PELAKSANA = "tp.lutra"  # member of the Tim Pelaksana: the monitoring dashboard, verifier of the demo reports
AGENCY_OFFICER = "opd.dlh"  # officer of the DLH (environment agency): their programmes to report on
NATIONAL_EVALUATOR = "timahli"  # the demo's Tim Ahli: the evaluators' portfolio across every region
CITIZEN = "warga.lutra"  # a signed-in citizen: public pages from the shared cached body (issue 18, target 3)

# Headers every bench request carries, in-process and over HTTP. X-Forwarded-Proto is what the TLS proxy in
# front of production sends (SECURE_PROXY_SSL_HEADER), so the app sees the request as HTTPS as it would there.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Language": "id", "User-Agent": "kotacerdas-bench"}


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: str | None = None  # None: an anonymous visitor (a public page, target 2x); else who logs in (10x)
    baseline: bool = False
    target: float | None = None  # a ratio other than the visitor's default (2x public, 10x staff)
    cached: bool | None = None  # served from the page cache (public pages, unless said otherwise)

    @property
    def public(self) -> bool:
        return self.user is None

    @property
    def from_cache(self) -> bool:
        return self.public if self.cached is None else self.cached

    @property
    def visitor(self) -> str:
        return self.user or "anonymous"

    @property
    def target_ratio(self) -> float | None:
        if self.baseline:
            return None
        if self.target is not None:
            return self.target
        return 2.0 if self.public else 10.0


BASELINE = Page("healthz (trivial view)", "/healthz", baseline=True)
PAGES = [
    BASELINE,
    Page("national page", "/"),  # every region of the installation, from the roll-ups (docs/national.md)
    # The public monitoring summary (verified achievement) and the "from citizen voice to results" panel.
    Page("region home", f"/r/{REGION}/"),
    # Verified achievement, trend and share reported; the programmes' figures in the latest closed period.
    Page("dimension page", f"/r/{REGION}/dimensi/governance/"),
    # Verified progress (per indicator, trend of 12 periods, evidence counts) and the loop: the demo's idea
    # behind GOV-01, its partners, the evaluation items it feeds with their published scores.
    Page("programme page", f"/r/{REGION}/program/GOV-01/"),
    Page("API programme list", f"/api/v1/regions/{REGION}/programmes/"),
    Page("staff workspace", f"/r/{REGION}/staf/", user=REGION_ADMIN),
    Page("monev dashboard", f"/r/{REGION}/monev/", user=TIM_PELAKSANA),
    Page("monev my programmes", f"/r/{REGION}/monev/program-saya/", user=AGENCY_OFFICER),
    # Collaboration (pentahelix): the demo's Bimtek IV commitment.
    Page("public partners", f"/r/{REGION}/mitra/"),
    Page("commitment verification", f"/r/{REGION}/komitmen/{{commitment}}/verifikasi/"),
    Page("collaboration dashboard", f"/r/{REGION}/kolaborasi/", user=TIM_PELAKSANA),
    # Citizen reports (aduan), ideas, surveys, evaluation, innovation, literacy, news, Open311.
    Page("reports list", f"/r/{REGION}/aduan/"),
    Page("reports statistics", f"/r/{REGION}/aduan/statistik/"),
    Page("ideas list", f"/r/{REGION}/gagasan/"),
    Page("idea page", f"/r/{REGION}/gagasan/{{idea}}/"),
    Page("SKM survey results", f"/r/{REGION}/survei/{{survey}}/hasil/"),
    Page("evaluation results", f"/r/{REGION}/hasil-evaluasi/"),
    Page("innovations list", f"/r/{REGION}/inovasi/"),
    Page("literacy summary", f"/r/{REGION}/literasi/"),
    Page("news list", f"/r/{REGION}/berita/"),
    Page("article page", f"/r/{REGION}/berita/{{article}}/"),
    Page("news RSS feed", f"/r/{REGION}/berita/rss/"),
    Page("Open311 services", f"/open311/v2/services.json?jurisdiction_id={REGION}"),
    Page("Open311 requests", f"/open311/v2/requests.json?jurisdiction_id={REGION}"),
    Page("masterplan authoring", f"/r/{REGION}/rencana/", user=TIM_PELAKSANA),
    Page("masterplan roadmap", f"/r/{REGION}/rencana/peta-jalan/", user=TIM_PELAKSANA),
    Page("evaluation round 2023", f"/r/{REGION}/evaluasi/{{round}}/", user=REGION_ADMIN),
    Page("staff reports list", f"/r/{REGION}/staf/aduan/", user=REGION_ADMIN),
    Page("innovation overview", f"/r/{REGION}/inovasi/staf/ringkasan/", user=REGION_ADMIN),
    # Open data: CKAN's package_search over every region's catalogue, at the staff-page target (issue 19).
    Page(
        "CKAN package_search",
        '/api/3/action/package_search?q=masterplan&rows=10&facet.field=["organization","groups"]',
        target=10.0,
    ),
    # Issue 18, target 3: a signed-in visitor on public pages, within 3x: the cached body is shared with the
    # anonymous-equivalent page and only the personal header is rendered for the person.
    Page("reports list, signed in", f"/r/{REGION}/aduan/", user=CITIZEN, target=3.0, cached=True),
    Page("region home, signed in", f"/r/{REGION}/", user=CITIZEN, target=3.0, cached=True),
    Page("programme page, signed in", f"/r/{REGION}/program/GOV-01/", user=CITIZEN, target=3.0, cached=True),
    Page("region home, staff", f"/r/{REGION}/", user=TIM_PELAKSANA, target=3.0, cached=True),
    Page("what raises our score", f"/r/{REGION}/evaluasi/naikkan-skor/", user=TIM_PELAKSANA),
    Page("evaluators' portfolio", f"/evaluasi/portofolio/?wilayah={REGION}", user=NATIONAL_EVALUATOR),
]
USERS = sorted({p.user for p in PAGES if p.user})

# Ids in the paths above ({idea}, {round}, ...) differ between runs: `generate.py` looks the demo's rows up
# (`demo_ids`) and prints them with its counts; run.py passes them on to queries.py.
ID_KEYS = ("commitment", "idea", "survey", "article", "round")


def resolve(pages: list[Page], ids: dict) -> list[Page]:
    """The pages with the demo's ids filled into their paths."""
    return [replace(p, path=p.path.format(**ids)) for p in pages]


# Generated on top of the demo. Every generated programme spans 11 years of the masterplan, one target per
# year. In the measured region, `periods` quarterly reporting periods ending with the current quarter (open;
# the others closed), each with a verified report of every programme of the masterplan (see generate.py);
# and citizen reports (over three years), ideas, innovations, published articles and literacy activities.
SCALES = {
    "small": {
        "regions": 5,
        "programmes": 60,
        "indicators": 3,
        "targets": 11,
        "periods": 16,
        "reports": 500,
        "ideas": 300,
        "innovations": 100,
        "articles": 100,
        "activities": 100,
    },
    "regency": {
        "regions": 20,
        "programmes": 300,
        "indicators": 3,
        "targets": 11,
        "periods": 40,
        "reports": 5000,
        "ideas": 3000,
        "innovations": 1000,
        "articles": 1000,
        "activities": 1000,
    },
}
DEMO_SCALE = (
    "demo only: 2 regions, 30 programmes in Luwu Utara, 1-2 indicators, "
    "quarterly periods since 2023 with verified reports of ~88% of the programmes running"
)


def describe(scale: str) -> str:
    if scale == "demo":
        return DEMO_SCALE
    s = SCALES[scale]
    return (
        f"{s['regions']} regions, {s['programmes']} programmes/region, "
        f"{s['indicators']} indicators, {s['targets']} targets, "
        f"{s['periods']} periods × {s['programmes']} programmes × {s['indicators']} indicators of verified reports; "
        f"{s['reports']:,} citizen reports, {s['ideas']:,} ideas, {s['innovations']:,} innovations, "
        f"{s['articles']:,} articles, {s['activities']:,} literacy activities"
    )
