"""The URL configuration walked for the permission matrix (``tests/config/
test_permission_matrix.py``): every URL pattern with a key, a world of fixture objects to fill
its parameters, and what a response is recorded as."""

import re
from http import HTTPStatus

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern
from django.utils import timezone

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
    FacilitatorRole,
    FinalReport,
    FollowUp,
    FollowUpCheckpoint,
    FollowUpStatus,
    Milestone,
    MilestoneFeedback,
    MilestoneProgress,
    Participant,
    PracticeAdaptation,
    ProposalStatus,
    ProposalStatusChange,
    Review,
)
from participants.roles import organizer_group_ensure
from tests.admin_helpers import status_change_create
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    CohortFactory,
    FacilitatorFactory,
    InstitutionFactory,
    MilestoneFactory,
    ParticipantFactory,
    PracticeAdaptationFactory,
    PracticeObservationFactory,
    ReviewFactory,
    UserFactory,
    VisitFactory,
    VisitGroupFactory,
    VisitHostAgencyFactory,
    VisitOfficialFactory,
    province,
    sector,
)

ROLES = (
    "anonymous",
    "owner",
    "other_participant",
    "assigned_facilitator",
    "unassigned_facilitator",
    "organizer_same",
    "organizer_other",
    "superuser",
)


def admin_model_view(key: str):
    """(model, view) of an admin URL of a registered model, else ``None``."""
    for model in admin.site._registry:
        opts = model._meta
        if key.startswith(f"admin:{opts.app_label}_{opts.model_name}_"):
            return model, key.removeprefix(f"admin:{opts.app_label}_{opts.model_name}_")
        if key == f"admin/{opts.app_label}/{opts.model_name}/<path:object_id>/":
            return model, "redirect"
    return None


# --- walking the URL configuration -----------------------------------------------------------


def url_patterns(resolver=None, route="", namespace=""):
    """(key, pattern, route) of every URL: the key is the namespaced name, or the route of an
    unnamed pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        full_route = route + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, full_route, inner)
        elif isinstance(pattern, URLPattern):
            key = f"{namespace}{pattern.name}" if pattern.name else full_route
            yield key, pattern, full_route


def parameters(pattern: URLPattern) -> list[str]:
    """The names of the pattern's parameters; positional groups as ``_0``, ``_1``."""
    if isinstance(pattern.pattern, RegexPattern):
        regex = pattern.pattern.regex
        if regex.groupindex:
            return list(regex.groupindex)
        return [f"_{index}" for index in range(regex.groups)]
    return list(pattern.pattern.converters)


# --- the world -------------------------------------------------------------------------------


def world_create() -> dict:
    """One institution's rows and people, another institution's organizer, a superuser."""
    same = InstitutionFactory(name="BPSDM Kenanga")
    other = InstitutionFactory(name="BPSDM Cempaka")
    cohort = CohortFactory(institution=same)
    visit = VisitFactory(cohort=cohort)
    group = VisitGroupFactory(visit=visit)
    users = {role: UserFactory(username=role.replace("_", "-")) for role in ROLES[1:]}
    owner = ParticipantFactory(cohort=cohort, visit_group=group, user=users["owner"])
    ParticipantFactory(cohort=cohort, user=users["other_participant"])
    coach = FacilitatorFactory(
        institution=same, role=FacilitatorRole.COACH, user=users["assigned_facilitator"]
    )
    FacilitatorFactory(
        institution=same, role=FacilitatorRole.COACH, user=users["unassigned_facilitator"]
    )
    proposal = ChangeProposalFactory(
        participant=owner,
        coach=coach,
        status=ProposalStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    practice = BestPracticeFactory()
    organizers = organizer_group_ensure()
    for role, institution in (("organizer_same", same), ("organizer_other", other)):
        users[role].is_staff = True
        users[role].save()
        users[role].groups.add(organizers)
        institution.organizers.add(users[role])
    users["superuser"].is_staff = users["superuser"].is_superuser = True
    users["superuser"].save()
    attempt = {"ip_address": "10.0.0.1", "username": "peserta", "user_agent": "pytest"}
    milestone = MilestoneFactory(proposal=proposal)
    # The examiner logs in only in the browser tests, which walk the pages of each kind of
    # user; the matrix's roles do not include them.
    users["examiner"] = UserFactory(username="examiner")
    examiner = FacilitatorFactory(
        institution=same, role=FacilitatorRole.EXAMINER, user=users["examiner"]
    )
    report = FinalReport.objects.create(proposal=proposal, results="Berjalan.")
    evaluation = Evaluation.objects.create(
        proposal=proposal, examiner=examiner, total=80, predicate="memuaskan"
    )
    criterion = EvaluationCriterion.objects.first()
    evidence = EvidenceAttachment.objects.create(
        milestone=milestone,
        file="private/evidence/matrix.pdf",
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=users["owner"],
    )
    rows = {
        Province: province("33"),
        Sector: sector("pendidikan"),
        Institution: same,
        Cohort: cohort,
        Visit: visit,
        VisitHostAgency: VisitHostAgencyFactory(visit=visit),
        VisitOfficial: VisitOfficialFactory(visit=visit),
        VisitGroup: group,
        Participant: owner,
        Facilitator: coach,
        ChangeProposal: proposal,
        PracticeAdaptation: PracticeAdaptationFactory(proposal=proposal, practice=practice),
        Milestone: milestone,
        MilestoneProgress: MilestoneProgress.objects.create(milestone=milestone),
        EvidenceAttachment: evidence,
        MilestoneFeedback: MilestoneFeedback.objects.create(
            milestone=milestone, facilitator=coach, comment="Lanjutkan."
        ),
        FinalReport: report,
        Evaluation: evaluation,
        EvaluationScore: evaluation.scores.create(
            criterion=criterion, weight=criterion.weight, score=80
        ),
        EvaluationCriterion: criterion,
        EvaluationPredicate: EvaluationPredicate.objects.first(),
        FollowUp: FollowUp.objects.create(
            proposal=proposal,
            checkpoint=FollowUpCheckpoint.THREE_MONTHS,
            status=FollowUpStatus.RUNNING,
            recorded_by=users["owner"],
        ),
        Review: ReviewFactory(proposal=proposal, reviewer=coach),
        ProposalStatusChange: status_change_create(proposal=proposal),
        HostAgency: group.host_agency,
        BestPractice: practice,
        PracticeObservation: PracticeObservationFactory(practice=practice, visit=visit),
        Group: organizers,
        get_user_model(): users["owner"],
        AccessAttempt: AccessAttempt.objects.create(failures_since_start=1, **attempt),
        AccessLog: AccessLog.objects.create(**attempt),
        AccessFailureLog: AccessFailureLog.objects.create(**attempt),
    }
    return {"users": users, "rows": rows}


def fill(key: str, name: str, world) -> str:
    """The value of parameter ``name`` of URL ``key``: an id, slug or code of the world."""
    rows = world["rows"]
    proposal = rows[ChangeProposal]
    found = admin_model_view(key)
    if key == "admin:view_on_site":
        return {
            "content_type_id": ContentType.objects.get_for_model(ChangeProposal).pk,
            "object_id": proposal.pk,
        }[name]
    if name == "extension":
        return "csv"
    if name == "chart":
        return "flows"
    if name == "milestone":
        return rows[Milestone].pk
    if name == "evidence":
        return rows[EvidenceAttachment].pk
    if found is not None:
        obj = rows[found[0]]
        if name == "_1":
            return obj.history.latest().history_id
        return obj.pk
    values = {
        "code": rows[Province].code,
        "slug": rows[BestPractice].slug,
        "pk": rows[Visit].pk if key.startswith("benchmarking:") else proposal.pk,
        "uidb64": "MQ",
        "token": "tautan-kedaluwarsa",
        "app_label": "participants",
        "url": "tidak-ada/",
    }
    return values[name]


def url_of(key: str, pattern: URLPattern, route: str, world) -> str:
    names = parameters(pattern)
    values = {name: str(fill(key, name, world)) for name in names}
    if pattern.name:
        if names and names[0].startswith("_"):
            return reverse(key, args=list(values.values()))
        return reverse(key, kwargs=values)
    if isinstance(pattern.pattern, RegexPattern):
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], route)
        return "/" + path.replace("^", "").replace("$", "")
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


def outcome(response) -> str:
    """What the matrix records of a response: its status, or where its redirect goes."""
    if response.status_code not in (HTTPStatus.FOUND, HTTPStatus.MOVED_PERMANENTLY):
        return str(response.status_code)
    target = response.url
    if target.startswith(reverse("login") + "?"):
        return "login"
    if target.startswith(reverse("admin:login") + "?"):
        return "admin-login"
    if target == reverse("admin:index"):
        return "admin-index"
    return "elsewhere"
