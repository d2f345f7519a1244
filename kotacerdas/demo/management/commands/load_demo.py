from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kotacerdas.demo.loader import load_demo


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
        self.stdout.write(f"  {'login':<14} {'role':<28} {'region':<12} {'password':<16} second factor (TOTP secret)")
        self.stdout.write(f"  {'-' * 14} {'-' * 28} {'-' * 12} {'-' * 16} {'-' * 32}")
        for username, role, region in result["users"]:
            secret = result["totp"].get(username, "")
            self.stdout.write(f"  {username:<14} {role:<28} {region:<12} {result['password']:<16} {secret}".rstrip())
        self.stdout.write("")
        self.stdout.write(
            "  Accounts with a TOTP secret are asked for a code after the password: add the secret to an "
            "authenticator app, or run `oathtool --totp -b SECRET`."
        )
