"""``manage.py seed_demo``: load the demo data of the source article, idempotently.

The data lives in ``tooling/demo/data/`` and the rules of a re-run in ``tooling.demo``; this
command only guards the run (debug on, or ``--force``), wraps it in one transaction, rolls it
back for ``--dry-run``, and prints what was created.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext, ngettext

from participants.proof import practice_proof_refresh
from tooling.demo.accounts import DEMO_PASSWORD
from tooling.demo.dataset import demo_dataset
from tooling.demo.loader import demo_data_ensure

REFUSAL = (
    "Refusing to load demo data: DEBUG is off, so this may be a live database, and the demo "
    "accounts (admin, penyelenggara, peserta, coach) have known passwords. "
    "Use --force to load it anyway."
)


class Command(BaseCommand):
    help = (
        "Load the demo data of the source article: BPSDM Provinsi Lampung's Diklatpim IV visit "
        "to Jawa Tengah on 28 August 2018, its practices, participants, change proposals and "
        "the demo accounts. Running it again creates nothing; it sets the demo accounts' "
        "password to --password."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"Password of the demo accounts (default: {DEMO_PASSWORD}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. The demo accounts then exist with a known password.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, print the summary, then roll back.",
        )

    def handle(self, *args, password, force, dry_run, **options):
        if not settings.DEBUG and not force:
            raise CommandError(REFUSAL)
        if not password:
            raise CommandError("--password must not be empty.")
        with transaction.atomic():
            summary = demo_data_ensure(password=password)
            # The demo writes its statuses directly: count the proven adaptations after it.
            practice_proof_refresh()
            if dry_run:
                transaction.set_rollback(True)
        self.report(summary, dry_run=dry_run)

    def report(self, summary, *, dry_run):
        for model, count in summary.created.items():
            # The app label tells apart names that translate alike (auth groups, visit groups).
            self.stdout.write(f"  {model._meta.verbose_name_plural} ({model._meta.label}): {count}")
        if summary.total_created:
            self.stdout.write(
                ngettext("%(count)d row created.", "%(count)d rows created.", summary.total_created)
                % {"count": summary.total_created}
            )
        else:
            self.stdout.write(gettext("Nothing to create: the demo data is already there."))
        if summary.accounts_updated:
            self.stdout.write(
                gettext("Demo accounts updated: %(usernames)s.")
                % {"usernames": ", ".join(summary.accounts_updated)}
            )
        if dry_run:
            self.stdout.write(
                self.style.WARNING(
                    gettext("Dry run: everything was rolled back, nothing was saved.")
                )
            )
        else:
            usernames = ", ".join(spec["username"] for spec in demo_dataset().accounts)
            self.stdout.write(
                self.style.SUCCESS(
                    gettext("Demo data ready. Demo accounts: %(usernames)s.")
                    % {"usernames": usernames}
                )
            )
