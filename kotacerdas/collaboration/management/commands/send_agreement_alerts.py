from django.core.management.base import BaseCommand

from kotacerdas.collaboration.notifications import send_agreement_alerts


class Command(BaseCommand):
    help = "Notify region admins of agreements (MoU/PKS) ending soon; each agreement once per admin."

    def handle(self, *args, **options):
        sent = send_agreement_alerts()
        self.stdout.write(f"{sent} notification(s) created.")
