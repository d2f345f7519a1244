from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from kotacerdas.demo.loader import load_demo

# For each demo role: what it does, in words, and the page to open first (a URL name; region-scoped ones
# get the user's region). Shown in the logins table `make run` prints.
ROLE_GUIDE = {
    "region_admin": ("runs the region: periods, staff, settings", "monitoring:periods"),
    "tim_pelaksana": ("verifies the agencies' progress reports", "monitoring:verification_queue"),
    "dewan": ("follows the programme, acknowledges verified reports", "monitoring:dashboard"),
    "agency_officer": ("reports progress for an agency", "monitoring:dashboard"),
    "partner": ("keeps its organisation's commitments", "collaboration:my_organisation"),
    "citizen": ("sends reports, ideas and survey answers", "participation:report_new"),
    "national_evaluator": ("scores the regions in the national evaluation", "evaluation_national:home"),
    "superuser (Django admin)": ("everything, through the Django admin", "admin:index"),
}


def role_line(role: str, region: str) -> tuple[str, str]:
    """(role in words, first page path) for one row of the logins table."""
    words, url_name = ROLE_GUIDE.get(role, ("", ""))
    if not url_name:
        return words, ""
    if url_name.split(":")[0] in ("monitoring", "collaboration", "participation"):
        return words, reverse(url_name, kwargs={"region_slug": region})
    return words, reverse(url_name)


class Command(BaseCommand):
    help = "Load the Luwu Utara demo (and a small second region). Safe to run again: it changes nothing then."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load even with DEBUG off (demo logins have a published password).",
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the login table.")

    def handle(self, *args, allow_production=False, quiet_logins=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to load demo logins with DEBUG off; pass --allow-production.")
        result = load_demo()
        regions = ", ".join(f"{r.display_name} (/r/{r.slug}/)" for r in result["regions"])
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {regions}"))
        if quiet_logins:
            return
        self.stdout.write("")
        self.stdout.write(
            f"  {'login':<14} {'password':<16} {'second factor (TOTP secret)':<32}  role — what it does — first page"
        )
        self.stdout.write(f"  {'-' * 14} {'-' * 16} {'-' * 32}  {'-' * 40}")
        for username, role, region in result["users"]:
            secret = result["totp"].get(username, "") or "–"
            words, page = role_line(role, region)
            guide = " — ".join(part for part in (role.replace("_", " "), words, page) if part)
            self.stdout.write(f"  {username:<14} {result['password']:<16} {secret:<32}  {guide}")
        self.stdout.write("")
        self.stdout.write(
            "  Accounts with a TOTP secret are asked for a code after the password: add the secret to an "
            "authenticator app, or run `oathtool --totp -b SECRET`."
        )
