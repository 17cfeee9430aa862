"""E-mails of the proposal workflow: on submit to the assigned facilitators, on a decision to
the participant.

Sent with Django's ``send_mail``: the console backend by default, SMTP when
``DJANGO_EMAIL_HOST`` is set (see ``config/settings.py``). Mails are written in the site's
default language, since the recipient's own choice is not known. Links are absolute: behind
``LOKUS_SITE_URL`` when set, else behind ``site_url``, the address the request that queued the
mail came in on (``config.site_url``).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from config.site_url import absolute_url
from participants import permissions
from participants.models import ChangeProposal, ProposalStatus


def _one_line(text: str) -> str:
    # A subject is a mail header: a line break in a title must not reach it.
    return " ".join(text.split())


def facilitator_emails(proposal: ChangeProposal) -> list[str]:
    """The addresses of the proposal's coach, mentor and examiner: the facilitator's own
    address, else their account's; each once, those without any left out."""
    emails = []
    for facilitator in permissions.assigned_facilitators(proposal):
        email = facilitator.email or (facilitator.user.email if facilitator.user else "")
        if email and email not in emails:
            emails.append(email)
    return emails


def _load(proposal_id: int) -> ChangeProposal:
    facilitators = (f"{field}__user" for field in permissions.FACILITATOR_FIELDS)
    return ChangeProposal.objects.select_related("participant__user", *facilitators).get(
        pk=proposal_id
    )


def proposal_submitted(*, proposal_id: int, site_url: str = "") -> int:
    """Tell the assigned facilitators that a proposal waits for their review."""
    proposal = _load(proposal_id)
    recipients = facilitator_emails(proposal)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Proposal submitted for review: %(title)s") % {
            "title": _one_line(proposal.title)
        }
        body = render_to_string(
            "participants/email/proposal_submitted.txt",
            {
                "proposal": proposal,
                "review_url": absolute_url(
                    reverse("participants:review-detail", kwargs={"pk": proposal.pk}),
                    site_url=site_url,
                ),
            },
        )
    return send_mail(f"[Lokus] {subject}", body, None, recipients)


def proposal_decided(
    *, proposal_id: int, to_status: str, comment: str = "", site_url: str = ""
) -> int:
    """Tell the participant that their proposal was approved or sent back for revision."""
    proposal = _load(proposal_id)
    user = proposal.participant.user
    if user is None or not user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        if to_status == ProposalStatus.APPROVED:
            subject = _("Proposal approved: %(title)s")
        else:
            subject = _("Revision requested for your proposal: %(title)s")
        subject = subject % {"title": _one_line(proposal.title)}
        body = render_to_string(
            "participants/email/proposal_decided.txt",
            {
                "proposal": proposal,
                "approved": to_status == ProposalStatus.APPROVED,
                "comment": comment,
                "proposal_url": absolute_url(proposal.get_absolute_url(), site_url=site_url),
            },
        )
    return send_mail(f"[Lokus] {subject}", body, None, [user.email])


def proposal_progressed(*, proposal_id: int, to_status: str, site_url: str = "") -> int:
    """Tell who acts next that a project moved on after approval: the facilitators when the
    participant starts implementing or submits the report, the participant when it is
    evaluated."""
    proposal = _load(proposal_id)
    if to_status == ProposalStatus.EVALUATED:
        user = proposal.participant.user
        recipients = [user.email] if user is not None and user.email else []
    else:
        recipients = facilitator_emails(proposal)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        status_label = str(ProposalStatus(to_status).label)
        subject = _("%(title)s: %(status)s") % {
            "title": _one_line(proposal.title),
            "status": status_label,
        }
        body = render_to_string(
            "participants/email/proposal_progressed.txt",
            {
                "proposal": proposal,
                "status_label": status_label,
                "proposal_url": absolute_url(proposal.get_absolute_url(), site_url=site_url),
            },
        )
    return send_mail(f"[Lokus] {subject}", body, None, recipients)


def _report_url(proposal: ChangeProposal, site_url: str) -> str:
    return absolute_url(
        reverse("participants:report-detail", kwargs={"pk": proposal.pk}), site_url=site_url
    )


def report_submitted_mail(*, proposal_id: int, site_url: str = "") -> int:
    """Tell the examiner (and the coach and mentor) that a final report waits to be scored."""
    proposal = ChangeProposal.objects.select_related(
        *(f"{field}__user" for field in permissions.FACILITATOR_FIELDS)
    ).get(pk=proposal_id)
    recipients = facilitator_emails(proposal)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Final report submitted: %(title)s") % {
            "title": " ".join(proposal.title.split())
        }
        body = render_to_string(
            "participants/reports/email_report_submitted.txt",
            {"proposal": proposal, "report_url": _report_url(proposal, site_url)},
        )
    return send_mail(f"[Lokus] {subject}", body, None, recipients)


def evaluated_mail(*, proposal_id: int, site_url: str = "") -> int:
    """Tell the participant their final report's result."""
    proposal = ChangeProposal.objects.select_related("participant__user", "evaluation").get(
        pk=proposal_id
    )
    user = proposal.participant.user
    if user is None or not user.email:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Final report evaluated: %(title)s") % {
            "title": " ".join(proposal.title.split())
        }
        body = render_to_string(
            "participants/reports/email_evaluated.txt",
            {
                "proposal": proposal,
                # A superuser may mark a report evaluated in the admin, without scores.
                "evaluation": getattr(proposal, "evaluation", None),
                "report_url": _report_url(proposal, site_url),
            },
        )
    return send_mail(f"[Lokus] {subject}", body, None, [user.email])
