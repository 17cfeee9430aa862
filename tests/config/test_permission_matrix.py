"""The permission matrix: every URL of the site and the admin, as every role, answers as the
tables below say.

The URLs come from the URL configuration (``get_resolver()``, the admin's patterns included),
each converter filled with the id, slug or code of one fixture object: the participant's
submitted proposal, its institution's cohort, visit and people ("the same institution"), a
shared practice observed on that visit. A URL pattern without a row fails
``test_every_url_has_a_row``, naming it: whoever adds a URL says who may open it.

Outcomes: an HTTP status ("200", "403", "404", "405"), or where a redirect goes: "login" (the
site's login page), "admin-login", "admin-index" (the admin's answer to a row that is not
found, as if deleted), "elsewhere" (any other page).
"""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    Province,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from best_practices.models import BestPractice, PracticeObservation, Sector
from participants.models import (
    ChangeProposal,
    Evaluation,
    EvaluationCriterion,
    EvaluationPredicate,
    EvaluationScore,
    EvidenceAttachment,
    Facilitator,
    FinalReport,
    FollowUp,
    Milestone,
    MilestoneFeedback,
    MilestoneProgress,
    Participant,
    PracticeAdaptation,
    ProposalStatusChange,
    Review,
)
from tests.url_matrix import (
    ROLES,
    admin_model_view,
    outcome,
    url_of,
    url_patterns,
    world_create,
)

pytestmark = pytest.mark.django_db


def row(outcomes: str) -> dict:
    """One outcome per role, in the order of ``ROLES``, separated by spaces."""
    values = outcomes.split()
    assert len(values) == len(ROLES), outcomes
    return dict(zip(ROLES, values, strict=True))


# --- the site --------------------------------------------------------------------------------

#: URL name -> outcome per role (anonymous, owner, other participant, assigned facilitator,
#: unassigned facilitator, organizer of the same institution, of another, superuser).
SITE = {
    "home": row("200 200 200 200 200 200 200 200"),
    # Without a language posted it only sends the browser back.
    "set_language": row(
        "elsewhere elsewhere elsewhere elsewhere elsewhere elsewhere elsewhere elsewhere"
    ),
    "login": row("200 200 200 200 200 200 200 200"),
    "logout": row("405 405 405 405 405 405 405 405"),
    "password_change": row("login 200 200 200 200 200 200 200"),
    "password_change_done": row("login 200 200 200 200 200 200 200"),
    "password_reset": row("200 200 200 200 200 200 200 200"),
    "password_reset_done": row("200 200 200 200 200 200 200 200"),
    "password_reset_confirm": row("200 200 200 200 200 200 200 200"),
    "password_reset_complete": row("200 200 200 200 200 200 200 200"),
    "invitation_confirm": row("200 200 200 200 200 200 200 200"),
    "benchmarking:province-list": row("200 200 200 200 200 200 200 200"),
    "benchmarking:province-detail": row("200 200 200 200 200 200 200 200"),
    "benchmarking:visit-list": row("200 200 200 200 200 200 200 200"),
    "benchmarking:visit-detail": row("200 200 200 200 200 200 200 200"),
    "best_practices:practice-list": row("200 200 200 200 200 200 200 200"),
    "best_practices:practice-detail": row("200 200 200 200 200 200 200 200"),
    # The practices list as a spreadsheet: public knowledge, like the list.
    "best_practices:practice-export": row("200 200 200 200 200 200 200 200"),
    # The participant's submitted proposal: theirs, their facilitators', their organizers'.
    "participants:proposal-detail": row("login 200 404 200 404 200 404 200"),
    "participants:proposal-mine": row("login 200 200 200 200 200 200 200"),
    "participants:proposal-create": row("login 200 200 403 403 403 403 403"),
    "participants:proposal-practice-picker": row("login 200 200 200 200 200 200 200"),
    # Submitted, the proposal is read-only: its owner is sent back to its page.
    "participants:proposal-edit": row("login elsewhere 404 404 404 404 404 404"),
    "participants:proposal-submit": row("login 405 405 405 405 405 405 405"),
    # The proposal is submitted: its circle reads where the implementation will stand.
    "participants:implementation": row("login 200 404 200 404 200 404 200"),
    # Starting takes a POST.
    "participants:implementation-start": row("login 405 405 405 405 405 405 405"),
    # Only the owner reports progress, once the proposal is being carried out.
    "participants:milestone-progress": row("login 403 404 403 404 403 404 403"),
    # Feedback takes a POST.
    "participants:milestone-feedback": row("login 405 405 405 405 405 405 405"),
    # The matrix's evidence row has no file behind it, so every role gets 404; who may
    # download a real file is tested in tests/participants/test_evidence.py.
    "participants:evidence-download": row("404 404 404 404 404 404 404 404"),
    "participants:follow-ups": row("login 200 404 200 404 200 404 200"),
    # Organizers see the follow-ups that are due.
    "participants:follow-ups-due": row("login 403 403 403 403 200 200 200"),
    # The report and the documents of the proposal: its circle only. The report is not yet
    # submitted: no report document, and nothing for the examiner to score.
    "participants:report-detail": row("login 200 404 200 404 200 404 200"),
    # The owner is sent back until the proposal is being carried out.
    "participants:report-edit": row("login elsewhere 404 404 404 404 404 404"),
    "participants:evaluation": row("login 403 404 403 404 403 404 403"),
    "participants:document": row("login 200 404 200 404 200 404 200"),
    "participants:document-pdf": row("login 200 404 200 404 200 404 200"),
    "participants:report-document": row("login 404 404 404 404 404 404 404"),
    "participants:report-document-pdf": row("login 404 404 404 404 404 404 404"),
    # Organizers see their own institutions' cohorts; superusers choose any.
    "participants:dashboard": row("login 403 403 403 403 200 200 200"),
    "participants:review-queue": row("login 403 403 200 200 403 403 403"),
    "participants:review-detail": row("login 403 403 200 404 403 403 403"),
    # The national statistics and their CSVs: public aggregates, no personal data.
    "participants:statistics": row("200 200 200 200 200 200 200 200"),
    "participants:statistics-csv": row("200 200 200 200 200 200 200 200"),
}

# --- the admin -------------------------------------------------------------------------------

#: Every admin page turns away the users who are not staff, to the admin's login.
NOT_STAFF = "admin-login " * 5

#: The admin's own pages (not a model's): URL name or route -> outcome per role.
ADMIN_SITE = {
    "admin:index": row(NOT_STAFF + "200 200 200"),
    "admin:login": row("200 200 200 200 200 admin-index admin-index admin-index"),
    # Logging out takes a POST; the admin sends a user who is not staff to its index.
    "admin:logout": row("admin-index " * 5 + "405 405 405"),
    "admin:password_change": row(NOT_STAFF + "200 200 200"),
    "admin:password_change_done": row(NOT_STAFF + "200 200 200"),
    # Without its parameters the autocomplete refuses everyone.
    "admin:autocomplete": row(NOT_STAFF + "403 403 403"),
    "admin:jsi18n": row(NOT_STAFF + "200 200 200"),
    # The proposal's public page: the redirect leads there, which answers as above.
    "admin:view_on_site": row(NOT_STAFF + "elsewhere elsewhere elsewhere"),
    "admin:app_list": row(NOT_STAFF + "200 200 200"),
    "admin/(?P<url>.*)$": row(NOT_STAFF + "404 404 404"),
}

#: Kinds of admin model: view -> outcome for (organizer of the same institution, organizer of
#: another, superuser). The row opened is the same institution's, or a shared one.
KINDS = {
    # Provinces, sectors: read by organizers, changed by superusers.
    "reference": {
        "changelist": "200 200 200",
        "add": "403 403 200",
        "change": "200 200 200",
        "delete": "403 403 200",
        "history": "200 200 200",
    },
    # An institution's own rows, which its organizers add, change and delete.
    "own": {
        "changelist": "200 200 200",
        "add": "200 200 200",
        "change": "200 admin-index 200",
        "delete": "200 admin-index 200",
        "history": "200 admin-index 200",
        # Spreadsheet import into the organizer's own cohorts, and its empty template.
        "import": "200 200 200",
        "import_template": "200 200 200",
    },
    # An institution's own rows, which its organizers add and change but do not delete.
    "own-kept": {
        "changelist": "200 200 200",
        "add": "200 200 200",
        "change": "200 admin-index 200",
        "delete": "403 403 200",
        "history": "200 admin-index 200",
        # Spreadsheet import into the organizer's own cohorts, and its empty template.
        "import": "200 200 200",
        "import_template": "200 200 200",
    },
    # A proposal: its organizers assign facilitators and reopen it once approved.
    "proposal": {
        "changelist": "200 200 200",
        "add": "403 403 200",
        "change": "200 admin-index 200",
        "delete": "403 403 200",
        "history": "200 admin-index 200",
        "simple_history": "200 admin-index 200",
        # The proposal is submitted, not approved: nothing to reopen.
        "reopen": "403 admin-index 403",
    },
    # The parts of a proposal: read by its organizers, written by the workflow.
    "proposal-part": {
        "changelist": "200 200 200",
        "add": "403 403 200",
        "change": "200 admin-index 200",
        "delete": "403 403 200",
        "history": "200 admin-index 200",
        "simple_history": "200 admin-index 200",
    },
    # The status timeline: written by the workflow only, never by hand.
    "timeline": {
        "changelist": "200 200 200",
        "add": "403 403 403",
        "change": "200 admin-index 200",
        "delete": "403 403 403",
        "history": "200 admin-index 200",
    },
    # The project after approval (progress, evidence, follow-ups): written on the site by the
    # participant and facilitators, only read in the admin.
    "lifecycle": {
        "changelist": "200 200 200",
        "add": "403 403 403",
        "change": "200 admin-index 200",
        "delete": "403 403 200",
        "history": "200 admin-index 200",
    },
    # A final report and its evaluation: a record of the training, never deleted.
    "report": {
        "changelist": "200 200 200",
        "add": "403 403 403",
        "change": "200 admin-index 200",
        "delete": "403 403 403",
        "history": "200 admin-index 200",
    },
    # The national knowledge base: every organizer adds, corrects and deletes.
    "shared": {
        "changelist": "200 200 200",
        "add": "200 200 200",
        "change": "200 200 200",
        "delete": "200 200 200",
        "history": "200 200 200",
        # Spreadsheet import into the organizer's own cohorts, and its empty template.
        "import": "200 200 200",
        "import_template": "200 200 200",
    },
    # Read by every organizer, changed and deleted by its visit's institution's organizers.
    "observation": {
        "changelist": "200 200 200",
        "add": "200 200 200",
        "change": "200 200 200",
        "delete": "200 403 200",
        "history": "200 200 200",
    },
    # User accounts and groups: superusers only.
    "accounts": {
        "changelist": "403 403 200",
        "add": "403 403 200",
        "change": "403 403 200",
        "delete": "403 403 200",
        "history": "403 403 200",
        "password_change": "403 403 200",
    },
    # Failed logins: organizers lift a lockout by deleting its record.
    "lockout": {
        "changelist": "200 200 200",
        "add": "403 403 403",
        "change": "200 200 200",
        "delete": "200 200 200",
        "history": "200 200 200",
    },
    # The login logs: superusers only, read-only.
    "login-log": {
        "changelist": "403 403 200",
        "add": "403 403 403",
        "change": "403 403 200",
        "delete": "403 403 200",
        "history": "403 403 200",
    },
}
#: Every model's ``<id>/`` address redirects to its change page, whoever asks.
KIND_REDIRECT = "elsewhere elsewhere elsewhere"

#: Every model registered in the admin -> its kind.
ADMIN_MODELS = {
    Province: "reference",
    Sector: "reference",
    Institution: "own-kept",
    Cohort: "own",
    Visit: "own",
    VisitHostAgency: "own",
    VisitOfficial: "own",
    VisitGroup: "own",
    Participant: "own",
    Facilitator: "own-kept",
    ChangeProposal: "proposal",
    PracticeAdaptation: "proposal-part",
    Milestone: "proposal-part",
    Review: "proposal-part",
    ProposalStatusChange: "timeline",
    MilestoneProgress: "lifecycle",
    EvidenceAttachment: "lifecycle",
    MilestoneFeedback: "lifecycle",
    FollowUp: "lifecycle",
    FinalReport: "report",
    Evaluation: "report",
    EvaluationScore: "report",
    EvaluationCriterion: "reference",
    EvaluationPredicate: "reference",
    HostAgency: "shared",
    BestPractice: "shared",
    PracticeObservation: "observation",
    Group: "accounts",
    get_user_model(): "accounts",
    AccessAttempt: "lockout",
    AccessLog: "login-log",
    AccessFailureLog: "login-log",
}


def expected(key: str) -> dict | None:
    """The outcome per role of the URL pattern ``key``, or ``None`` when it has no row."""
    if key in SITE:
        return SITE[key]
    if key in ADMIN_SITE:
        return ADMIN_SITE[key]
    found = admin_model_view(key)
    if found is None or found[0] not in ADMIN_MODELS:
        return None
    model, view = found
    staff = KIND_REDIRECT if view == "redirect" else KINDS[ADMIN_MODELS[model]].get(view)
    return row(NOT_STAFF + staff) if staff else None


@pytest.fixture
def world():
    return world_create()


# --- the tests -------------------------------------------------------------------------------


def test_every_url_has_a_row():
    keys = {key for key, _pattern, _route in url_patterns()}
    missing = sorted(key for key in keys if expected(key) is None)
    unregistered = sorted(
        f"{model._meta.label}" for model in admin.site._registry if model not in ADMIN_MODELS
    )
    stale = sorted((set(SITE) | set(ADMIN_SITE)) - keys)

    assert not missing, f"URLs without a row in the permission matrix: {missing}"
    assert not unregistered, f"Admin models without a kind in the matrix: {unregistered}"
    assert not stale, f"Rows of the matrix for URLs that do not exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_the_matrix_says(world, role):
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world["users"][role])
    wrong = []
    for key, pattern, route in url_patterns():
        url = url_of(key, pattern, route, world)
        got = outcome(client.get(url))
        want = expected(key)[role]
        if got != want:
            wrong.append(f"{key} ({url}): expected {want}, got {got}")

    assert not wrong, f"As {role}:\n" + "\n".join(wrong)
