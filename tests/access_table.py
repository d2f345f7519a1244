"""Who may open each URL of the project: the expected-access table of tests/test_permission_sweep.py.

Every named URL pattern maps to a `Row`: its access class (who gets a page, everybody else gets 403/404 or,
when anonymous, a redirect to the login page) and, for a pattern with an id, which object of the sweep's
world (tests/sweep_objects.py) the id points at. All objects belong to the home region (Luwu Utara); the
visitors are the roles of tests/roles.py plus a superuser.
"""

from dataclasses import dataclass, field

# /admin/ is Django's back office: superusers only, every model there has its own tests (tests/*/test_admin.py,
# tests/audit/), and its object URLs take any model's id — sweeping it would test Django, not us.
EXCLUDED_NAMESPACES = {"admin"}

HOME_ROLES = {"region_admin", "tim_pelaksana", "dewan", "agency_officer", "partner", "citizen"}
HOME_STAFF = {"region_admin", "tim_pelaksana", "dewan", "agency_officer"}
EVERYONE = {*HOME_ROLES, "other_admin", "other_officer", "evaluator", "superuser", "anonymous"}
DENIED = {"login", 401, 403, 404}


@dataclass(frozen=True)
class Access:
    """An access class: `allowed` visitors get a 2xx/3xx (never a redirect to the login page); everyone else
    gets 403/404 (401 from the API), or the login page when anonymous. Nobody gets a 500."""

    name: str
    allowed: frozenset
    note: str = ""

    def allows(self, who: str) -> bool:
        return who in self.allowed


def _access(name: str, allowed: set, note: str = "") -> Access:
    return Access(name, frozenset(allowed), note)


PUBLIC = _access("PUBLIC", EVERYONE, "also a redirect for everyone (the index, the language switch)")
LOGGED_IN = _access("LOGGED_IN", EVERYONE - {"anonymous"}, "a person's own page, whichever region")
INTERNAL = _access("INTERNAL", HOME_STAFF | {"evaluator", "superuser"}, "regions.view_internal")
STAFF = _access("STAFF", HOME_STAFF | {"superuser"}, "the region's staff, not the national evaluators")
MEMBERS = _access("MEMBERS", HOME_ROLES | {"superuser"}, "any role in the region (citizens propose ideas)")
MEMBERS_AND_NATIONAL = _access("MEMBERS_AND_NATIONAL", HOME_ROLES | {"evaluator", "superuser"}, "own notifications")
WRITERS = _access("WRITERS", {"region_admin", "tim_pelaksana", "agency_officer", "superuser"}, "incl. officers")
REPORTERS = _access("REPORTERS", {"region_admin", "agency_officer", "superuser"}, "monitoring.write_report")
EDITORS = _access("EDITORS", {"region_admin", "tim_pelaksana", "superuser"}, "region admin, Tim Pelaksana")
REGION_ADMIN = _access("REGION_ADMIN", {"region_admin", "superuser"}, "regions.manage_region")
DEWAN = _access("DEWAN", {"dewan", "superuser"}, "monitoring.acknowledge_report")
NATIONAL = _access("NATIONAL", {"evaluator", "superuser"}, "the national evaluators (Tim Ahli)")
NATIONAL_ADMIN = _access("NATIONAL_ADMIN", {"superuser"}, "national.start_region: the national administrator")
TOKEN_OWNER = _access("TOKEN_OWNER", {"agency_officer"}, "the API token's owner only (sweep world: the officer's)")
NOBODY = _access("NOBODY", set(), "POST-only views on GET (405); a signature nobody here may give")


@dataclass(frozen=True)
class Row:
    """A URL's GET access class; for a write view, `post`: who may write (a POST with an empty body by anyone
    else must not succeed), and whether it refuses with a redirect and a message rather than 403."""

    access: Access
    post: Access | None = None
    refused_by_redirect: bool = False
    pk: str = ""  # the key of the sweep world's object that <pk> points at
    params: dict = field(default_factory=dict)  # other parameters: name → a literal or a function of the world
    query: str = ""  # appended to the path

    def kwargs(self, w: dict, names: list[str]) -> dict:
        values = {}
        for param in names:
            if param == "pk" and self.pk:
                values[param] = w[self.pk].pk
            elif param in self.params:
                value = self.params[param]
                values[param] = value(w) if callable(value) else value
            else:
                values[param] = DEFAULTS[param](w)
        return values


def _pk(key):
    return lambda w: w[key].pk


DEFAULTS = {
    "region_slug": lambda w: w["home"].slug,
    "key": lambda w: "governance",
    "code": lambda w: w["home_programme"].code,
    "number": lambda w: w["round"].number,
    "pillar": lambda w: "struktur",
    "token": lambda w: w["token"],
    "slug": lambda w: w["article"].slug,
    "fmt": lambda w: "json",
    "programme_pk": _pk("home_programme"),
    "period_pk": _pk("period"),
    "contact_pk": _pk("contact"),
    "signatory_pk": _pk("signatory"),
    "member_pk": _pk("member"),
    "comment_pk": _pk("comment"),
    "material_pk": _pk("material"),
    "replication_pk": _pk("replication"),
    "item_id": _pk("ev_item"),
    "item_pk": _pk("ev_item"),
    "membership_id": _pk("membership"),
}


ACCESS = {
    "national:home": Row(PUBLIC),
    "national:region_start": Row(NATIONAL_ADMIN, post=NATIONAL_ADMIN),
    "national:invitation": Row(PUBLIC, post=PUBLIC, params={"token": lambda w: w["invitation_token"]}),
    "portal:region_list": Row(PUBLIC),
    "portal:staff_home": Row(LOGGED_IN),
    "portal:service_worker": Row(PUBLIC),
    "portal:offline": Row(PUBLIC),
    "region:manifest": Row(PUBLIC),
    "region:icon": Row(PUBLIC, params={"size": 192}),
    "region:home": Row(PUBLIC),
    "region:dimension": Row(PUBLIC),
    "region:programme": Row(PUBLIC),
    "region:workspace": Row(INTERNAL),
    "region:account": Row(LOGGED_IN),
    "masterplan:programme_edit": Row(WRITERS, post=WRITERS, pk="home_programme"),
    "audit:region_log": Row(REGION_ADMIN),
    "monitoring:dashboard": Row(INTERNAL),
    "monitoring:my_programmes": Row(INTERNAL),
    "monitoring:periods": Row(REGION_ADMIN, post=REGION_ADMIN),
    "monitoring:settings": Row(REGION_ADMIN, post=REGION_ADMIN),
    "monitoring:verification_queue": Row(EDITORS),
    "monitoring:notifications": Row(MEMBERS_AND_NATIONAL, post=MEMBERS_AND_NATIONAL),
    "monitoring:report_start": Row(NOBODY, post=REPORTERS, refused_by_redirect=True),
    "monitoring:report": Row(INTERNAL, pk="report"),
    "monitoring:report_save": Row(NOBODY, post=REPORTERS, pk="report"),
    "monitoring:report_deliver": Row(NOBODY, post=REPORTERS, pk="report"),
    "monitoring:report_submit": Row(NOBODY, post=REPORTERS, refused_by_redirect=True, pk="report"),
    "monitoring:report_decide": Row(NOBODY, post=EDITORS, pk="report"),
    "monitoring:report_acknowledge": Row(NOBODY, post=DEWAN, refused_by_redirect=True, pk="report"),
    "monitoring:evidence_add": Row(NOBODY, post=REPORTERS, pk="report"),
    "monitoring:evidence_file": Row(INTERNAL, pk="report", params={"evidence_pk": _pk("evidence")}),
    "monitoring:evidence_remove": Row(
        NOBODY, post=REPORTERS, refused_by_redirect=True, pk="report", params={"evidence_pk": _pk("evidence")}
    ),
    "monitoring:exports": Row(INTERNAL, post=INTERNAL),
    "monitoring:export_job": Row(INTERNAL, pk="export"),
    "monitoring:export_retry": Row(NOBODY, post=INTERNAL, pk="export"),
    "monitoring:export_download": Row(INTERNAL, pk="export"),
    "collaboration:partners_public": Row(PUBLIC),
    "collaboration:commitment_public": Row(PUBLIC, pk="commitment"),
    "collaboration:commitment_verify": Row(PUBLIC, pk="commitment"),
    "collaboration:commitment_pdf": Row(PUBLIC, pk="commitment"),
    "collaboration:sign_link": Row(PUBLIC, post=PUBLIC),
    "collaboration:dashboard": Row(INTERNAL),
    "collaboration:my_organisation": Row(LOGGED_IN),
    "collaboration:partners": Row(INTERNAL),
    "collaboration:partner_create": Row(EDITORS, post=EDITORS),
    "collaboration:partner": Row(INTERNAL, pk="partner"),
    "collaboration:partner_edit": Row(EDITORS, post=EDITORS, pk="partner"),
    "collaboration:contact_add": Row(NOBODY, post=EDITORS, pk="partner"),
    "collaboration:contact_remove": Row(NOBODY, post=EDITORS, pk="partner"),
    "collaboration:commitments": Row(INTERNAL),
    "collaboration:commitment_create": Row(EDITORS, post=EDITORS),
    "collaboration:commitment": Row(INTERNAL, pk="commitment"),
    "collaboration:commitment_edit_text": Row(EDITORS, post=EDITORS, pk="commitment"),
    "collaboration:commitment_publish": Row(NOBODY, post=EDITORS, pk="commitment"),
    "collaboration:signatory_add": Row(NOBODY, post=EDITORS, pk="commitment"),
    "collaboration:commitment_sign": Row(NOBODY, post=NOBODY, refused_by_redirect=True, pk="commitment"),
    "collaboration:signing_link_send": Row(NOBODY, post=EDITORS, pk="commitment"),
    "collaboration:agreements": Row(INTERNAL),
    "collaboration:agreement_create": Row(EDITORS, post=EDITORS),
    "collaboration:agreement": Row(INTERNAL, post=EDITORS, pk="agreement"),
    "collaboration:agreement_document": Row(INTERNAL, pk="agreement"),
    "collaboration:contributions": Row(INTERNAL, post=EDITORS),
    "collaboration:contribution_status": Row(NOBODY, post=EDITORS, pk="contribution"),
    "collaboration:contribution_evidence": Row(INTERNAL, pk="contribution"),
    "collaboration:bodies": Row(INTERNAL, post=EDITORS),
    "collaboration:body": Row(INTERNAL, post=EDITORS, pk="body"),
    "collaboration:body_member_end": Row(NOBODY, post=EDITORS, pk="body"),
    "planning:workspace": Row(INTERNAL),
    "planning:start": Row(NOBODY, post=EDITORS),
    "planning:round": Row(INTERNAL, post=EDITORS),
    "planning:participant_add": Row(NOBODY, post=EDITORS),
    "planning:participant_delete": Row(NOBODY, post=EDITORS, pk="participant"),
    "planning:checklist_toggle": Row(NOBODY, post=EDITORS, pk="checklist_item"),
    "planning:round_complete": Row(NOBODY, post=EDITORS),
    "planning:readiness": Row(INTERNAL),
    "planning:readiness_pillar": Row(INTERNAL, post=EDITORS),
    "planning:readiness_questions": Row(REGION_ADMIN, post=REGION_ADMIN),
    "planning:vision": Row(INTERNAL, post=EDITORS),
    "planning:strategies": Row(INTERNAL, post=EDITORS),
    "planning:strategy_edit": Row(EDITORS, post=EDITORS, pk="strategy"),
    "planning:programmes": Row(INTERNAL),
    "planning:programme_new": Row(EDITORS, post=EDITORS),
    "planning:programme_plan": Row(INTERNAL, post=WRITERS, pk="home_programme"),
    "planning:roadmap": Row(INTERNAL),
    "planning:quick_wins": Row(INTERNAL, post=EDITORS),
    "planning:adopt": Row(INTERNAL, post=REGION_ADMIN),
    "planning:revisions": Row(INTERNAL),
    "planning:quality": Row(INTERNAL),
    "planning:revision_diff": Row(INTERNAL, params={"number": lambda w: w["revision"].number}),
    "planio:index": Row(STAFF),
    "planio:template": Row(STAFF),
    "planio:build": Row(NOBODY, post=STAFF),
    "planio:import": Row(NOBODY, post=EDITORS),
    "planio:job": Row(STAFF, pk="plan_job"),
    "planio:confirm": Row(NOBODY, post=EDITORS, pk="plan_job"),
    "planio:retry": Row(NOBODY, post=STAFF, pk="plan_job"),
    "planio:download": Row(STAFF, pk="plan_job"),
    "participation:reports": Row(PUBLIC),
    "participation:report_new": Row(PUBLIC, post=PUBLIC),
    "participation:similar": Row(PUBLIC),
    "participation:stats": Row(PUBLIC),
    "participation:track_form": Row(PUBLIC),
    "participation:track": Row(PUBLIC, params={"code": lambda w: w["citizen_report"].tracking_code}),
    "participation:report": Row(PUBLIC, pk="citizen_report"),
    "participation:staff_reports": Row(STAFF),
    "participation:staff_report": Row(STAFF, post=WRITERS, pk="citizen_report"),
    "participation:categories": Row(REGION_ADMIN, post=REGION_ADMIN),
    "participation:category_edit": Row(REGION_ADMIN, post=REGION_ADMIN, pk="category"),
    "participation:route_set": Row(NOBODY, post=REGION_ADMIN),
    "participation:settings": Row(REGION_ADMIN, post=REGION_ADMIN),
    "participation:holidays": Row(REGION_ADMIN, post=REGION_ADMIN),
    "participation:api_keys": Row(REGION_ADMIN, post=REGION_ADMIN),
    "participation:api_key_revoke": Row(NOBODY, post=REGION_ADMIN, pk="api_key"),
    "ideas:signup": Row(PUBLIC, post=PUBLIC),
    "ideas:signup_sent": Row(PUBLIC),
    "ideas:list": Row(PUBLIC),
    "ideas:create": Row(MEMBERS, post=MEMBERS),
    "ideas:detail": Row(PUBLIC, pk="idea"),
    "ideas:support": Row(NOBODY, post=MEMBERS, pk="idea"),
    "ideas:comment": Row(NOBODY, post=MEMBERS, pk="idea"),
    "ideas:flag": Row(NOBODY, post=LOGGED_IN, pk="idea"),
    "ideas:staff_queue": Row(EDITORS),
    "ideas:staff_detail": Row(EDITORS, pk="idea"),
    "ideas:staff_status": Row(NOBODY, post=EDITORS, pk="idea"),
    "ideas:staff_link": Row(NOBODY, post=EDITORS, pk="idea"),
    "ideas:staff_hide": Row(NOBODY, post=EDITORS, pk="idea"),
    "ideas:staff_comment": Row(NOBODY, post=EDITORS, pk="idea"),
    "surveys:list": Row(PUBLIC),
    "surveys:answer": Row(PUBLIC, post=PUBLIC, pk="survey"),
    "surveys:results": Row(INTERNAL, pk="survey"),
    "surveys:staff_list": Row(EDITORS),
    "surveys:staff_create": Row(EDITORS, post=EDITORS),
    "surveys:staff_edit": Row(EDITORS, post=EDITORS, pk="survey"),
    "surveys:staff_close": Row(NOBODY, post=EDITORS, pk="survey"),
    "surveys:staff_export": Row(EDITORS, pk="survey"),
    "evaluation:public_results": Row(PUBLIC),
    "evaluation:rounds": Row(INTERNAL),
    "evaluation:advice": Row(EDITORS),
    "evaluation:round": Row(INTERNAL, pk="ev_round"),
    "evaluation:self_assessment": Row(NOBODY, post=REGION_ADMIN, pk="ev_round"),
    "evaluation:prefill_refresh": Row(NOBODY, post=REGION_ADMIN, pk="ev_round"),
    "evaluation:scores": Row(NOBODY, post=NATIONAL, pk="ev_round"),
    "evaluation:moderate": Row(NOBODY, post=NATIONAL, pk="ev_round"),
    "evaluation:evidence_attach": Row(NOBODY, post=REGION_ADMIN, pk="ev_round"),
    "evaluation:evidence_file": Row(INTERNAL, pk="ev_round", params={"evidence_pk": _pk("ev_evidence")}),
    "evaluation:evidence_remove": Row(
        NOBODY, post=REGION_ADMIN, pk="ev_round", params={"evidence_pk": _pk("ev_evidence")}
    ),
    "evaluation:assessors": Row(NOBODY, post=NATIONAL, pk="ev_round"),
    "evaluation:publish": Row(NATIONAL, post=NATIONAL, pk="ev_round"),
    "evaluation:correct": Row(NATIONAL, post=NATIONAL, pk="ev_round"),
    "evaluation:results": Row(NATIONAL, pk="ev_round"),
    "evaluation:results_pdf": Row(NATIONAL, pk="ev_round"),
    "evaluation:results_xlsx": Row(NATIONAL, pk="ev_round"),
    "innovation:public_list": Row(PUBLIC),
    "innovation:public_detail": Row(PUBLIC, pk="innovation"),
    "innovation:evidence_file": Row(INTERNAL, pk="innovation", params={"evidence_pk": _pk("innovation_evidence")}),
    "innovation:list": Row(INTERNAL),
    "innovation:overview": Row(INTERNAL),
    "innovation:create": Row(WRITERS, post=WRITERS),
    "innovation:detail": Row(INTERNAL, pk="innovation"),
    "innovation:edit": Row(WRITERS, post=WRITERS, pk="innovation"),
    "innovation:advance": Row(NOBODY, post=WRITERS, pk="innovation"),
    "innovation:evidence_add": Row(NOBODY, post=WRITERS, pk="innovation"),
    "innovation:evidence_remove": Row(
        NOBODY, post=WRITERS, pk="innovation", params={"evidence_pk": _pk("innovation_evidence")}
    ),
    "innovation:replication_add": Row(NOBODY, post=WRITERS, pk="innovation"),
    "innovation:replication_remove": Row(NOBODY, post=WRITERS, pk="innovation"),
    "literacy:summary": Row(PUBLIC),
    "literacy:public_list": Row(PUBLIC),
    "literacy:public_detail": Row(PUBLIC, pk="activity"),
    "literacy:material_file": Row(PUBLIC, pk="activity"),
    "literacy:list": Row(INTERNAL),
    "literacy:create": Row(WRITERS, post=WRITERS),
    "literacy:locations": Row(REGION_ADMIN, post=REGION_ADMIN),
    "literacy:detail": Row(INTERNAL, pk="activity"),
    "literacy:edit": Row(WRITERS, post=WRITERS, pk="activity"),
    "literacy:material_add": Row(NOBODY, post=WRITERS, pk="activity"),
    "literacy:material_remove": Row(NOBODY, post=WRITERS, pk="activity"),
    "news:staff_list": Row(REGION_ADMIN),
    "news:create": Row(REGION_ADMIN, post=REGION_ADMIN),
    "news:edit": Row(REGION_ADMIN, post=REGION_ADMIN, pk="article"),
    "news:publish": Row(NOBODY, post=REGION_ADMIN, pk="article"),
    "news:image_add": Row(NOBODY, post=REGION_ADMIN, pk="article"),
    "news:list": Row(PUBLIC),
    "news:rss": Row(PUBLIC),
    "news:atom": Row(PUBLIC),
    "news:detail": Row(PUBLIC),
    # open data (docs/opendata.md): public reads; the CKAN API is read-only (a POST only carries parameters)
    "opendata:catalogue": Row(PUBLIC),
    "opendata:settings": Row(REGION_ADMIN, post=REGION_ADMIN),
    "opendata:region_dcat": Row(PUBLIC, params={"fmt": "ttl"}),
    "opendata:dataset": Row(PUBLIC, params={"dataset": "masterplan-programmes"}),
    "opendata:resource": Row(PUBLIC, params={"dataset": "masterplan-programmes", "fmt": "csv"}),
    "opendata:dataset_dcat": Row(PUBLIC, params={"dataset": "masterplan-programmes", "fmt": "jsonld"}),
    "opendata_site:catalog": Row(PUBLIC, params={"fmt": "rdf"}),
    "ckan:action": Row(PUBLIC, params={"name": "package_search"}),
    "ckan:action_unversioned": Row(PUBLIC, params={"name": "status_show"}),
    "accounts:login": Row(PUBLIC, post=PUBLIC),
    "accounts:logout": Row(NOBODY, post=PUBLIC),
    "accounts:verify": Row(LOGGED_IN, post=LOGGED_IN),
    "accounts:recover": Row(LOGGED_IN, post=LOGGED_IN),
    "accounts:security": Row(LOGGED_IN),
    "accounts:enrol": Row(LOGGED_IN, post=LOGGED_IN),
    "accounts:disable": Row(NOBODY, post=LOGGED_IN),
    "accounts:language": Row(NOBODY, post=LOGGED_IN),
    "accounts:api_tokens": Row(LOGGED_IN, post=LOGGED_IN),
    "accounts:api_token_revoke": Row(TOKEN_OWNER, post=TOKEN_OWNER, pk="api_token"),
    "accounts_region:login": Row(PUBLIC, post=PUBLIC),
    "accounts_region:password_reset": Row(PUBLIC, post=PUBLIC),
    "accounts_region:password_reset_done": Row(PUBLIC),
    # A made-up link: the page says it no longer works (200) to everyone.
    "accounts_region:password_reset_confirm": Row(PUBLIC, post=PUBLIC, params={"uidb64": "MQ", "token": "x-y"}),
    "accounts_region:password_reset_complete": Row(PUBLIC),
    "accounts_region:citizen_password": Row(REGION_ADMIN, post=REGION_ADMIN),
    "accounts_region:locked": Row(REGION_ADMIN),
    "accounts_region:unlock": Row(NOBODY, post=REGION_ADMIN),
    "accounts_region:api_tokens": Row(REGION_ADMIN),
    "accounts_region:api_token_revoke": Row(REGION_ADMIN, post=REGION_ADMIN, pk="api_token"),
    "readyz": Row(PUBLIC),
    "evaluation_national:home": Row(NATIONAL),
    "evaluation_national:framework_create": Row(NATIONAL, post=NATIONAL),
    "evaluation_national:framework": Row(NATIONAL, post=NATIONAL, pk="framework"),
    "evaluation_national:item_create": Row(NATIONAL, post=NATIONAL, pk="framework"),
    "evaluation_national:item_edit": Row(NATIONAL, post=NATIONAL, pk="framework"),
    "evaluation_national:item_delete": Row(NOBODY, post=NATIONAL, pk="framework"),
    "evaluation_national:round_create": Row(NATIONAL, post=NATIONAL),
    "evaluation_national:ranking": Row(NATIONAL),
    "evaluation_national:portfolio": Row(NATIONAL),
    "open311:discovery": Row(PUBLIC, query="?jurisdiction_id=luwu-utara"),
    "open311:services": Row(PUBLIC, query="?jurisdiction_id=luwu-utara"),
    "open311:service": Row(PUBLIC, query="?jurisdiction_id=luwu-utara", params={"code": lambda w: w["category"].code}),
    "open311:requests": Row(PUBLIC, post=PUBLIC, query="?jurisdiction_id=luwu-utara"),
    "open311:request": Row(PUBLIC, query="?jurisdiction_id=luwu-utara", pk="citizen_report"),
    # Any other path under /open311/v2/: the spec's 404 error list for everyone.
    "open311:not-found": Row(NOBODY, params={"path": "unknown", "fmt": "json"}),
    "switch_language": Row(PUBLIC, params={"code": "en"}),
    "region-list": Row(PUBLIC),
    "region-detail": Row(PUBLIC),
    "dimension-list": Row(PUBLIC),
    "programme-list": Row(PUBLIC),
    "programme-detail": Row(PUBLIC),
    "indicator-list": Row(PUBLIC),
    "monitoring-due": Row(INTERNAL),
    "monitoring-report-list": Row(INTERNAL, post=REPORTERS),
    "monitoring-report-detail": Row(INTERNAL, pk="report"),
    "monitoring-report-submit": Row(NOBODY, post=REPORTERS, pk="report"),
    "monitoring-report-evidence": Row(NOBODY, post=REPORTERS, pk="report"),
    "monitoring-report-verify": Row(NOBODY, post=EDITORS, pk="report"),
    "monitoring-report-return": Row(NOBODY, post=EDITORS, pk="report"),
    "monitoring-achievements": Row(PUBLIC),
    "collaboration-partners": Row(PUBLIC),
    "collaboration-commitments": Row(PUBLIC),
    "collaboration-commitment-detail": Row(PUBLIC, pk="commitment"),
    "collaboration-agreements": Row(INTERNAL),
    "participation-reports": Row(PUBLIC),
    "participation-report-detail": Row(PUBLIC, pk="citizen_report"),
    "participation-report-transition": Row(NOBODY, post=WRITERS, pk="citizen_report"),
    "participation-categories": Row(PUBLIC),
    "ideas-list": Row(PUBLIC),
    "ideas-detail": Row(PUBLIC, pk="idea"),
    "surveys-list": Row(PUBLIC),
    "surveys-results": Row(INTERNAL, pk="survey"),
    "evaluation-results": Row(PUBLIC),
    "innovation-innovations": Row(PUBLIC),
    "innovation-innovation-detail": Row(PUBLIC, pk="innovation"),
    "innovation-overview": Row(INTERNAL),
    "literacy-activities": Row(PUBLIC),
    "literacy-summary": Row(PUBLIC),
    "news-articles": Row(PUBLIC),
    "news-article-detail": Row(PUBLIC),
    "schema": Row(PUBLIC),
    "api-docs": Row(PUBLIC),
    "api-redoc": Row(PUBLIC),
    "healthz": Row(PUBLIC),
}


def get_ok(row: Row, who: str, got) -> bool:
    """Whether `got` (a status code, or "login" for a redirect to the login page) is what the row promises
    `who` on a GET: a page or a redirect when allowed, else 401/403/404/405 or the login page."""
    if row.access.allows(who):
        return got != "login" and got < 400
    return got in DENIED | {405}


def post_ok(row: Row, who: str, got) -> bool:
    """The same for an empty POST to a write view: who may write gets anything but a 500 (the empty form is
    usually a 400); anybody else no success: 400/401/403/404/405, the login page, or where the view refuses
    so, a redirect back with a message (the sweep also checks that no audit event was written)."""
    if row.post.allows(who):
        return got == "login" or got < 500
    return got in DENIED | {400, 405} or (row.refused_by_redirect and got == 302)
