"""Tasks run once the change commits: in-process without Redis, on the RQ queue with it, where a
mail server that is down is tried again until the mail leaves, and nothing is lost."""

import os
import socket
import time
import uuid
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from rq import SimpleWorker
from rq.job import JobStatus

from config.tasks import task_after_commit, task_queue
from participants.accounts import account_invite
from participants.models import ProposalStatus
from participants.services import proposal_transition
from tests.factories import (
    FacilitatorFactory,
    ParticipantFactory,
    UserFactory,
    proposal_ready_to_submit,
)

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="needs a Redis server: set REDIS_URL (the PostgreSQL CI run does)"
)

ran = []


def record(*, word: str) -> None:
    """A task: remembers that it ran, with what."""
    ran.append(word)


@pytest.fixture(autouse=True)
def _nothing_ran_yet():
    ran.clear()


def free_port() -> int:
    """A 127.0.0.1 port that nothing listens on (the kernel's pick, released at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_a_queue_a_task_runs_here_once_the_change_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        task_after_commit(record, word="saved")
        assert ran == []  # not before the commit
    assert len(callbacks) == 1
    assert ran == ["saved"]


def test_a_rolled_back_change_runs_no_task(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        task_after_commit(record, word="lost")
        raise RuntimeError
    assert callbacks == []
    assert ran == []


def test_an_unreachable_queue_sends_the_mail_here(settings, django_capture_on_commit_callbacks):
    settings.LOKUS_TASKS_ON_QUEUE = True
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"
    user = UserFactory(email="siti@example.go.id", password=None)

    with django_capture_on_commit_callbacks(execute=True):
        account_invite(user=user)

    assert [message.to for message in mail.outbox] == [["siti@example.go.id"]]


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def queue(settings):
    """A queue of this test's own on the real Redis, used by the task runner; deleted after."""
    name = f"lokus-test-{uuid.uuid4().hex[:12]}"
    settings.LOKUS_TASKS_ON_QUEUE = True
    settings.LOKUS_TASK_QUEUE = name
    settings.REDIS_URL = REDIS_URL
    queue = task_queue()
    yield queue
    for registry in (
        queue.scheduled_job_registry,
        queue.failed_job_registry,
        queue.finished_job_registry,
    ):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
    queue.delete(delete_jobs=True)


class BurstWorker(SimpleWorker):
    """RQ's worker, running each job in this process, inside this test's database transaction.

    It listens on no control channel: nobody sends commands to a burst, and stopping that
    channel's thread can take a minute."""

    def subscribe(self):
        self.pubsub_thread = None


def work(queue) -> None:
    """One burst of a real worker: the retries that are due go back on the queue, then every
    queued job runs."""
    BurstWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=True)


@needs_redis
def test_a_mail_server_that_is_down_is_tried_again_and_nothing_is_lost(
    queue, settings, django_capture_on_commit_callbacks
):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 5
    settings.LOKUS_TASK_RETRY_DELAYS = [1, 1, 1, 1]
    proposal = proposal_ready_to_submit(
        title="Aduan terpadu",
        participant=ParticipantFactory(user=UserFactory()),
        coach=FacilitatorFactory(email="coach@bpsdm.id"),
    )

    with django_capture_on_commit_callbacks(execute=True):
        proposal_transition(
            proposal=proposal, user=proposal.participant.user, to_status=ProposalStatus.SUBMITTED
        )
    # The mail, beside other work the submission queues (its PDFs printed ahead).
    (job,) = [
        job
        for job in queue.get_jobs()
        if job.func_name == "participants.notifications.proposal_submitted"
    ]
    assert mail.outbox == []  # queued, not sent from the request

    work(queue)  # the mail server is down: the job waits for its next try
    job.refresh()
    assert job.get_status() == JobStatus.SCHEDULED
    assert job.retries_left == 3
    time.sleep(1.2)
    work(queue)  # still down
    job.refresh()
    assert job.get_status() == JobStatus.SCHEDULED
    assert job.retries_left == 2

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        time.sleep(1.2)
        work(queue)
    finally:
        server.stop()

    job.refresh()
    assert job.get_status() == JobStatus.FINISHED
    (message,) = inbox.messages
    assert message.rcpt_tos == ["coach@bpsdm.id"]
    assert message_from_bytes(message.content, policy=default)["Subject"] == (
        "[Lokus] Rancangan proyek perubahan diajukan untuk ditelaah: Aduan terpadu"
    )
    assert queue.failed_job_registry.count == 0


@needs_redis
def test_an_invitation_goes_through_the_queue(queue, django_capture_on_commit_callbacks):
    user = UserFactory(email="siti@example.go.id", password=None)

    with django_capture_on_commit_callbacks(execute=True):
        account_invite(user=user, name="Siti")
    assert queue.count == 1
    assert mail.outbox == []

    work(queue)

    assert [message.to for message in mail.outbox] == [["siti@example.go.id"]]
