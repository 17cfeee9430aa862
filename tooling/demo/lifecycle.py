"""The demo's project after approval (``data/lifecycle.json``): one proposal being carried
out, with progress on its milestones, an evidence PDF made at load, the mentor's and coach's
feedback, and a follow-up recorded at 3 months while those at 6 and 12 months are due.
"""

import datetime
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from benchmarking.models import Cohort
from participants.evidence import evidence_check
from participants.models import (
    ChangeProposal,
    EvidenceAttachment,
    Facilitator,
    FollowUp,
    MilestoneFeedback,
    MilestoneProgress,
    Participant,
    ProposalStatus,
    ProposalStatusChange,
)
from tooling.demo.dataset import DATA_DIR
from tooling.demo.rows import DemoSummary, row_backdate, row_ensure, row_get_or_create


def lifecycle_ensure(
    summary: DemoSummary,
    *,
    cohort: Cohort,
    participants: dict[str, Participant],
    facilitators: dict[str, Facilitator],
) -> None:
    """Write whatever part of the demo's carried-out project is missing."""
    data = json.loads((DATA_DIR / "lifecycle.json").read_text(encoding="utf-8"))
    if cohort.end_date is None:
        # The follow-ups are due counted from the end of the training.
        Cohort.objects.filter(pk=cohort.pk).update(
            end_date=datetime.date.fromisoformat(data["cohort_end_date"])
        )
    for project in data["projects"]:
        participant = participants[project["participant"]]
        proposal = ChangeProposal.objects.get(
            participant=participant, status=ProposalStatus.IMPLEMENTING
        )
        change, created = row_get_or_create(
            summary,
            ProposalStatusChange,
            {
                "proposal": proposal,
                "from_status": ProposalStatus.APPROVED,
                "to_status": ProposalStatus.IMPLEMENTING,
            },
            changed_by=participant.user,
            actor_name=participant.full_name,
        )
        if created:
            row_backdate(change, created_at=datetime.datetime.fromisoformat(project["started_at"]))
        milestones = {m.term: m for m in proposal.milestones.all()}
        for spec in project["progress"]:
            progress_ensure(summary, milestones[spec["term"]], spec, facilitators)
        for spec in project["follow_ups"]:
            row_ensure(
                summary,
                FollowUp,
                {"proposal": proposal, "checkpoint": spec["checkpoint"]},
                status=spec["status"],
                note=spec.get("note", ""),
            )


def progress_ensure(summary, milestone, spec: dict, facilitators: dict) -> None:
    """A milestone's progress, its evidence PDFs and the facilitators' feedback, as ``spec``
    describes them."""
    row_ensure(
        summary,
        MilestoneProgress,
        {"milestone": milestone},
        status=spec["status"],
        achieved_on=datetime.date.fromisoformat(spec["achieved_on"]),
        achievement=spec["achievement"],
    )
    for evidence in spec["evidence"]:
        if milestone.evidence.filter(original_name=evidence["name"]).exists():
            continue
        content = ContentFile(demo_pdf(evidence["text"]), name=evidence["name"])
        checked = evidence_check(content)
        # A fixed name, so that a dry run leaves at most this one file, which a run reuses.
        path = f"private/evidence/demo-{milestone.pk}-{len(evidence['name'])}.pdf"
        if not default_storage.exists(path):
            path = default_storage.save(path, content)
        EvidenceAttachment.objects.create(
            milestone=milestone,
            file=path,
            original_name=checked.name,
            content_type=checked.content_type,
            size=content.size,
        )
        summary.created[EvidenceAttachment] += 1
    for feedback in spec["feedback"]:
        row_ensure(
            summary,
            MilestoneFeedback,
            {
                "milestone": milestone,
                "facilitator": facilitators[feedback["facilitator"]],
                "confirmed": feedback["confirmed"],
            },
            comment=feedback["comment"],
        )


def demo_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII), written by hand so the demo needs no library."""
    safe = text.encode("ascii", "replace").decode().replace("\\", "").replace("(", "[")
    safe = safe.replace(")", "]")
    stream = f"BT /F1 11 Tf 40 780 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
