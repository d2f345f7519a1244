from django.core.management.base import BaseCommand

from kotacerdas.monitoring.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder job: officers hear of reports due soon, late or returned; nobody hears twice of the "
        "same event. Run it from cron or a systemd timer (hourly is fine); `make run` runs it every 10 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run in this process instead of queueing.")

    def handle(self, *args, now=False, **options):
        if now:
            from kotacerdas.monitoring.notifications import send_due_reminders

            self.stdout.write(f"{send_due_reminders()} reminder(s) created")
        else:
            result = send_reminders.enqueue()
            self.stdout.write(f"reminder job queued ({result.id})")
