"""Write the demo data set into the database, idempotently (see ``tooling.demo.rows``).

The visit, its officials, their remarks and the five practices come from the source article, a
news report of BPSDM Provinsi Lampung's Diklatpim IV visit to Pemerintah Provinsi Jawa Tengah
on Tuesday 28 August 2018; what it does not say (the host agencies' names, the practices'
details and years, the groups, participants, NIPs, facilitators and proposals) is plausible,
invented demonstration data. Every row is looked up by its natural key (a practice by its
slug, a participant by NIP, a proposal by participant and title, ...); the demo accounts are
the one exception (``tooling.demo.accounts``).
"""

from django.db import transaction

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
from participants.models import Facilitator, Participant
from tooling.demo.accounts import DEMO_PASSWORD, account_ensure, account_link
from tooling.demo.dataset import DemoDataset, demo_dataset
from tooling.demo.lifecycle import lifecycle_ensure
from tooling.demo.network import network_ensure
from tooling.demo.practices import practices_ensure
from tooling.demo.proposals import proposal_ensure
from tooling.demo.rows import DemoSummary, row_ensure


@transaction.atomic
def demo_data_ensure(*, password: str = DEMO_PASSWORD) -> DemoSummary:
    """Write whatever part of the demo data is missing, and reset the demo accounts."""
    data = demo_dataset()
    summary = DemoSummary()
    cohort = _cohort_ensure(summary, data)
    users = {
        spec["username"]: account_ensure(summary, spec, password, cohort.institution)
        for spec in data.accounts
    }
    visit, agencies, groups = _visit_ensure(summary, data, cohort)
    practices = practices_ensure(
        summary, data.practices, visit=visit, agencies=agencies, notes=data.observation_notes
    )
    facilitators = {
        key: row_ensure(
            summary,
            Facilitator,
            {"full_name": spec["full_name"], "role": spec["role"]},
            institution=cohort.institution,
            position=spec["position"],
            email=spec["email"],
        )
        for key, spec in data.facilitators.items()
    }
    participants = {
        key: row_ensure(
            summary,
            Participant,
            {"nip": spec["nip"]},
            full_name=spec["full_name"],
            position=spec["position"],
            agency=spec["agency"],
            cohort=cohort,
            visit_group=groups[spec["group"]],
        )
        for key, spec in data.participants.items()
    }
    for spec in data.accounts:
        if key := spec.get("participant") or spec.get("facilitator"):
            account_link(participants.get(key) or facilitators[key], users[spec["username"]])
    for spec in data.proposals:
        proposal_ensure(
            summary,
            spec,
            participant=participants[spec["participant"]],
            practices=practices,
            facilitators=facilitators,
        )
    lifecycle_ensure(summary, cohort=cohort, participants=participants, facilitators=facilitators)
    network_ensure(summary, practices=practices)
    return summary


def _cohort_ensure(summary: DemoSummary, data: DemoDataset) -> Cohort:
    institution = row_ensure(
        summary,
        Institution,
        {"name": data.institution["name"]},
        short_name=data.institution["short_name"],
        province=Province.objects.get(code=data.home_province),
    )
    return row_ensure(summary, Cohort, {"institution": institution, **data.cohort})


def _visit_ensure(summary: DemoSummary, data: DemoDataset, cohort: Cohort):
    host_province = Province.objects.get(code=data.host_province)
    details = {k: v for k, v in data.visit.items() if k != "date"}
    visit = row_ensure(
        summary,
        Visit,
        {"cohort": cohort, "host_province": host_province, "start_date": data.visit["date"]},
        end_date=data.visit["date"],
        **details,
    )
    agencies = {
        key: row_ensure(summary, HostAgency, {"province": host_province, "name": name})
        for key, name in data.host_agencies.items()
    }
    for agency in agencies.values():
        row_ensure(summary, VisitHostAgency, {"visit": visit, "host_agency": agency})
    for spec in data.officials:
        official = {k: v for k, v in spec.items() if k != "name"}
        row_ensure(summary, VisitOfficial, {"visit": visit, "name": spec["name"]}, **official)
    groups = {
        key: row_ensure(
            summary,
            VisitGroup,
            {"visit": visit, "name": spec["name"]},
            host_agency=agencies[spec["host_agency"]],
            report=spec["report"],
        )
        for key, spec in data.groups.items()
    }
    return visit, agencies, groups
