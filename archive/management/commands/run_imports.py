"""`manage.py run_imports`: import the admin's queued import jobs (archive/import_jobs.py).

The admin's import page starts it after each upload; it waits for a runner already at work, then
runs every job queued or interrupted, one at a time. Cron or a service manager may run it too.
"""

from django.core.management.base import BaseCommand

from archive import import_jobs


class Command(BaseCommand):
    help = "Run the admin's queued import jobs (one runner at a time)."

    def handle(self, *args, **options):
        ran = import_jobs.run_pending()
        self.stdout.write(f"{ran} import job{'s' if ran != 1 else ''} run.")
