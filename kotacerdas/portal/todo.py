"""The staff home's to-do list: for each of a person's roles in a region, what waits for them, as a count and
a link to the page where they deal with it. Each item is shown only to those who may open its page (the same
rule the page checks) and only when its count is not zero."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.collaboration.selectors import agreements_expiring_count
from kotacerdas.evaluation.selectors import rounds_to_fill, rounds_to_score
from kotacerdas.ideas.selectors import moderation_count
from kotacerdas.monitoring.selectors import my_programmes, reports_to_verify_count
from kotacerdas.participation.selectors import open_reports_count
from kotacerdas.regions.models import Membership, Region
from kotacerdas.regions.rules import agency_ids_of, roles_of

Role = Membership.Role


@dataclass(frozen=True)
class Task:
    count: int
    text: str
    url: str
    testid: str


def role_names(user, region: Region) -> list[str]:
    """The person's roles in the region, in words (the role's label), in the order of `Membership.Role`."""
    held = roles_of(user).get(region.pk, set())
    return [str(role.label) for role in Role if role.value in held]


def _url(name: str, region: Region, query: str = "", **kwargs) -> str:
    return reverse(name, kwargs={"region_slug": region.slug, **kwargs}) + query


def _report_text(key: str, n: int) -> str:
    if key == "returned":
        text = ngettext(
            "%(n)s progress report was returned for revision", "%(n)s progress reports were returned for revision", n
        )
    elif key == "late":
        text = ngettext("%(n)s progress report is late", "%(n)s progress reports are late", n)
    else:
        text = ngettext("%(n)s progress report is due", "%(n)s progress reports are due", n)
    return text % {"n": n}


def _monitoring(user, region: Region, today) -> list[Task]:
    tasks = []
    held = roles_of(user).get(region.pk, set())
    if held & {Role.AGENCY_OFFICER, Role.REGION_ADMIN} and user.has_perm("monitoring.view_dashboard", region):
        groups = my_programmes(user=user, region=region, today=today)
        url = _url("monitoring:my_programmes", region)
        for key in ("returned", "late", "due"):
            n = len(groups[key])
            if n:
                tasks.append(Task(n, _report_text(key, n), url, f"todo-reports-{key}"))
    if user.has_perm("monitoring.verify_report", region):
        n = reports_to_verify_count(user=user, region=region)
        if n:
            text = ngettext("%(n)s report waits for your verification", "%(n)s reports wait for your verification", n)
            tasks.append(Task(n, text % {"n": n}, _url("monitoring:verification_queue", region), "todo-verify"))
    return tasks


def _others(user, region: Region, today) -> list[Task]:
    tasks = []
    if user.has_perm("evaluation.fill_self_assessment", region):
        for round_ in rounds_to_fill(region=region):
            text = _("The self-assessment of the evaluation %(year)s is open") % {"year": round_.year}
            tasks.append(
                Task(1, text, _url("evaluation:round", region, pk=round_.pk), f"todo-self-assessment-{round_.year}")
            )
    if user.has_perm("ideas.moderate", region):
        n = moderation_count(region=region)
        if n:
            text = ngettext("%(n)s idea or flag to moderate", "%(n)s ideas and flags to moderate", n) % {"n": n}
            tasks.append(Task(n, text, _url("ideas:staff_queue", region), "todo-ideas"))
    if user.has_perm("participation.view_staff", region):
        handles_all = user.has_perm("participation.manage", region) or Role.TIM_PELAKSANA in roles_of(user).get(
            region.pk, set()
        )
        agencies = None if handles_all else agency_ids_of(user, region.pk)
        n = open_reports_count(region=region, agency_ids=agencies) if agencies is None or agencies else 0
        if n:
            text = ngettext("%(n)s citizen report is open", "%(n)s citizen reports are open", n) % {"n": n}
            tasks.append(Task(n, text, _url("participation:staff_reports", region), "todo-citizen-reports"))
    if user.has_perm("collaboration.manage", region):
        n = agreements_expiring_count(region=region, today=today)
        if n:
            text = ngettext("%(n)s agreement expires soon", "%(n)s agreements expire soon", n) % {"n": n}
            tasks.append(Task(n, text, _url("collaboration:agreements", region), "todo-agreements"))
    return tasks


def region_tasks(user, region: Region, today) -> list[Task]:
    """What waits for this person in the region, most pressing first."""
    return _monitoring(user, region, today) + _others(user, region, today)


def national_tasks(user) -> list[Task]:
    """For a national evaluator: the rounds they were appointed to that wait for scores or publication."""
    if not user.is_national_evaluator:
        return []
    tasks = []
    for round_ in rounds_to_score(user=user):
        text = _("Evaluation %(year)s of %(region)s: %(status)s") % {
            "year": round_.year,
            "region": round_.region.display_name,
            "status": round_.get_status_display(),
        }
        url = reverse("evaluation:round", kwargs={"region_slug": round_.region.slug, "pk": round_.pk})
        tasks.append(Task(1, text, url, f"todo-score-{round_.pk}"))
    return tasks
