"""``manage.py taskworker``: the RQ worker that runs Lokus's queued tasks (e-mail).

It works the ``LOKUS_TASK_QUEUE`` queue on ``REDIS_URL`` with RQ's scheduler, which puts a failed
task back on the queue when its next try is due. Each task runs in a child process of its own.
``--burst`` runs what is queued and due, then stops (for cron, or to empty the queue by hand).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext
from redis.exceptions import RedisError
from rq import Worker

from config.tasks import task_queue


class BurstWorker(Worker):
    """A worker for one burst: it listens on no control channel, since nothing is sent to a
    burst, and stopping that channel's thread can take a minute."""

    def subscribe(self):
        self.pubsub_thread = None


class Command(BaseCommand):
    help = (
        "Run the worker of the task queue on REDIS_URL (e-mail), retries included. "
        "--burst: run the queued and due tasks, then stop."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Stop when the queue is empty.")

    def handle(self, *args, burst, verbosity, **options):
        if not settings.REDIS_URL:
            raise CommandError(
                gettext(
                    "REDIS_URL is not set: without Redis, tasks run in the web server after "
                    "each commit and need no worker."
                )
            )
        queue = task_queue()
        # Each task runs in a forked child: it must open its own database connection.
        connections.close_all()
        worker_class = BurstWorker if burst else Worker
        try:
            worker_class([queue], connection=queue.connection).work(
                burst=burst,
                with_scheduler=True,
                logging_level="WARNING" if verbosity == 0 else "INFO",
            )
        except RedisError as error:
            raise CommandError(str(error)) from None
