"""Shared helpers of the admin tests: URLs, the organizer, a fully linked row of every model,
the changelist's query count and the POST data of a rendered admin form."""

import datetime
from http import HTTPStatus

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarking.models import (
    Cohort,
    HostAgency,
    Institution,
    Visit,
    VisitGroup,
    VisitHostAgency,
    VisitOfficial,
)
from best_practices.models import BestPractice, PracticeObservation
from participants.models import (
    ChangeProposal,
    EvidenceAttachment,
    Facilitator,
    FacilitatorRole,
    FollowUp,
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
from tests.factories import (
    BestPracticeFactory,
    ChangeProposalFactory,
    FacilitatorFactory,
    HostAgencyFactory,
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
from tests.report_factories import REPORT_ROWS


def admin_url(model, view: str, *args) -> str:
    """The admin URL of ``view`` ("changelist", "add", "change", "delete", "history")."""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def organizer_login(client, *institutions):
    """Log ``client`` in as a staff user of the organizer group (not a superuser), as
    ``seed_demo`` makes ``penyelenggara``, organizer of ``institutions``; return the user."""
    user = UserFactory(username="penyelenggara", is_staff=True)
    user.groups.add(organizer_group_ensure())
    user.organized_institutions.add(*institutions)
    client.force_login(user)
    return user


def changelist_query_count(client, model) -> int:
    """How many queries the model's changelist runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == HTTPStatus.OK
    return len(queries.captured_queries)


def status_change_create(**kwargs) -> ProposalStatusChange:
    """A step of a proposal's timeline, as ``proposal_transition`` writes it."""
    values = {
        "from_status": ProposalStatus.DRAFT,
        "to_status": ProposalStatus.SUBMITTED,
        "actor_name": "Peserta Contoh",
        "comment": "Siap ditinjau.",
        **kwargs,
    }
    if "proposal" not in values:
        values["proposal"] = ChangeProposalFactory()
    return ProposalStatusChange.objects.create(**values)


def _visit_full():
    visit = VisitFactory()
    VisitHostAgencyFactory(visit=visit)
    VisitOfficialFactory(visit=visit)
    PracticeObservationFactory(visit=visit)
    return visit


def _proposal_full():
    proposal = ChangeProposalFactory(
        coach=FacilitatorFactory(role=FacilitatorRole.COACH),
        mentor=FacilitatorFactory(role=FacilitatorRole.MENTOR),
        examiner=FacilitatorFactory(role=FacilitatorRole.EXAMINER),
    )
    PracticeAdaptationFactory(proposal=proposal)
    MilestoneFactory(proposal=proposal)
    ReviewFactory(proposal=proposal, reviewer=proposal.coach)
    status_change_create(proposal=proposal)
    return proposal


def _practice_full():
    practice = BestPracticeFactory(host_agency=HostAgencyFactory(), sectors=[sector("pendidikan")])
    PracticeObservationFactory(practice=practice)
    PracticeAdaptationFactory(practice=practice)
    return practice


#: model -> a function creating one row with every relation its changelist shows filled in.
FULL_ROW = {
    Institution: lambda: InstitutionFactory(province=province("33")),
    Cohort: lambda: ParticipantFactory(cohort=VisitFactory().cohort).cohort,
    HostAgency: lambda: VisitHostAgencyFactory().host_agency,
    Visit: _visit_full,
    VisitHostAgency: VisitHostAgencyFactory,
    VisitOfficial: VisitOfficialFactory,
    VisitGroup: lambda: ParticipantFactory(visit_group=VisitGroupFactory()).visit_group,
    BestPractice: _practice_full,
    PracticeObservation: PracticeObservationFactory,
    Participant: lambda: (
        ChangeProposalFactory(
            participant=ParticipantFactory(visit_group=VisitGroupFactory(), user=UserFactory())
        ).participant
    ),
    Facilitator: lambda: (
        ReviewFactory(
            reviewer=FacilitatorFactory(institution=InstitutionFactory(), user=UserFactory())
        ).reviewer
    ),
    ChangeProposal: _proposal_full,
    PracticeAdaptation: PracticeAdaptationFactory,
    Milestone: MilestoneFactory,
    Review: ReviewFactory,
    ProposalStatusChange: status_change_create,
    MilestoneProgress: lambda: MilestoneProgress.objects.create(
        milestone=MilestoneFactory(), status="in_progress", achievement="Separuh jalan."
    ),
    EvidenceAttachment: lambda: EvidenceAttachment.objects.create(
        milestone=MilestoneFactory(),
        file="private/evidence/contoh",
        original_name="bukti.pdf",
        content_type="application/pdf",
        size=10,
    ),
    MilestoneFeedback: lambda: MilestoneFeedback.objects.create(
        milestone=MilestoneFactory(), facilitator=FacilitatorFactory(), confirmed=True
    ),
    FollowUp: lambda: FollowUp.objects.create(
        proposal=ChangeProposalFactory(), checkpoint=3, status="running"
    ),
    **REPORT_ROWS,
}

#: model -> the text of a row that its changelist and its change page both show.
SHOWN_TEXT = {
    Institution: lambda obj: obj.name,
    Cohort: lambda obj: obj.name,
    HostAgency: lambda obj: obj.name,
    Visit: lambda obj: obj.title,
    VisitHostAgency: lambda obj: obj.host_agency.name,
    VisitOfficial: lambda obj: obj.name,
    VisitGroup: lambda obj: obj.name,
    BestPractice: lambda obj: obj.title,
    PracticeObservation: lambda obj: obj.practice.title,
    Participant: lambda obj: obj.full_name,
    Facilitator: lambda obj: obj.full_name,
    ChangeProposal: lambda obj: obj.title,
    PracticeAdaptation: lambda obj: obj.practice.title,
    Milestone: lambda obj: obj.description,
    Review: lambda obj: obj.reviewer.full_name,
    ProposalStatusChange: lambda obj: obj.proposal.title,
}


def assert_pages_show_row(client, model, obj) -> None:
    """The changelist, the add page and the change page answer 200 and show ``obj``."""
    text = SHOWN_TEXT[model](obj)
    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == HTTPStatus.OK
    assert text in changelist.text
    add = client.get(admin_url(model, "add"))
    assert add.status_code == HTTPStatus.OK
    assert f"<h1>Tambahkan {model._meta.verbose_name}</h1>" in add.text
    change = client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == HTTPStatus.OK
    assert text in change.text


def assert_query_count_flat(client, model) -> None:
    """The changelist runs as many queries for 30 fully linked rows as for 3."""
    for _ in range(3):
        FULL_ROW[model]()
    few = changelist_query_count(client, model)
    for _ in range(27):
        FULL_ROW[model]()
    assert model.objects.count() >= 30
    many = changelist_query_count(client, model)
    assert few == many


def form_data(response) -> dict:
    """The POST data of a rendered admin add/change page, its inlines included, as a browser
    would send it unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif isinstance(value, datetime.date):
                data[key] = value.isoformat()
            else:
                data[key] = value
    return data
