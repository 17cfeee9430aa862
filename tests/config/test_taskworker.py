"""``manage.py taskworker``: RQ's forking worker on the task queue, retries scheduled."""

import os
import uuid

import pytest
from django.core.management import CommandError, call_command
from rq.job import JobStatus

from config.tasks import task_enqueue, task_queue

REDIS_URL = os.environ.get("REDIS_URL", "")


def greet(*, name: str) -> str:
    """A task that needs no database."""
    return f"Selamat datang, {name}"


def test_without_redis_the_worker_says_why_it_is_not_needed(settings):
    settings.REDIS_URL = ""

    with pytest.raises(CommandError) as refused:
        call_command("taskworker", "--burst")

    assert str(refused.value) == (
        "REDIS_URL belum diatur: tanpa Redis, tugas dijalankan di server web setelah setiap "
        "commit dan tidak memerlukan worker."
    )


@pytest.mark.skipif(
    not REDIS_URL, reason="needs a Redis server: set REDIS_URL (the PostgreSQL CI run does)"
)
def test_a_burst_runs_the_queued_tasks_in_child_processes(settings):
    settings.REDIS_URL = REDIS_URL
    settings.LOKUS_TASK_QUEUE = f"lokus-test-{uuid.uuid4().hex[:12]}"
    job = task_enqueue(greet, name="Siti")
    try:
        call_command("taskworker", "--burst", verbosity=0)

        job.refresh()
        assert job.get_status() == JobStatus.FINISHED
        assert job.return_value() == "Selamat datang, Siti"
        assert job.worker_name  # run by the worker, not here
    finally:
        job.delete()
        task_queue().delete(delete_jobs=True)
