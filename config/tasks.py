"""Slow work off the request: the one place that runs a task once the transaction commits.

With Redis configured (``LOKUS_TASKS_ON_QUEUE``) the task goes to the RQ queue, where a worker
(``manage.py taskworker``) runs it and tries it again with growing delays
when it fails, so a mail server that is down loses nothing. Without Redis the task runs in this
process after the commit, as it always has. Either way nothing runs for a change that was
rolled back, and a failure never turns a saved change into an error page.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.job import Job

logger = logging.getLogger(__name__)


def task_after_commit(task: Callable[..., Any], /, **kwargs: Any) -> None:
    """Run ``task(**kwargs)`` once the current transaction commits: on the queue when there is
    one, else here. ``task`` is a module-level function taking plain, picklable data."""
    transaction.on_commit(lambda: task_run(task, **kwargs), robust=True)


def task_run(task: Callable[..., Any], /, **kwargs: Any) -> None:
    """Queue ``task(**kwargs)``, or run it now when there is no queue or it cannot be reached:
    a mail sent from here is better than a mail lost with an unreachable Redis."""
    if settings.LOKUS_TASKS_ON_QUEUE:
        try:
            task_enqueue(task, **kwargs)
            return
        except RedisError:
            logger.exception("Task queue unreachable; running %s in-process", task.__qualname__)
    task(**kwargs)


def task_queue() -> Queue:
    """The RQ queue ``LOKUS_TASK_QUEUE`` on the Redis at ``REDIS_URL``."""
    return Queue(settings.LOKUS_TASK_QUEUE, connection=Redis.from_url(settings.REDIS_URL))


def task_enqueue(task: Callable[..., Any], /, **kwargs: Any) -> Job:
    """Put ``task(**kwargs)`` on the queue, to be tried again after each of the
    ``LOKUS_TASK_RETRY_DELAYS`` when it fails. Returns the RQ job."""
    delays = list(settings.LOKUS_TASK_RETRY_DELAYS)
    return task_queue().enqueue(
        task,
        kwargs=kwargs,
        retry=Retry(max=len(delays), interval=delays),
        failure_ttl=settings.LOKUS_TASK_FAILED_KEPT_SECONDS,
    )
