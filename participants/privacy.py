"""Who sees a participant's personal data (UU 27/2022): the one place that says it.

- Name, position and unit: logged-in users only; anonymous visitors see none of them.
- NIP: the participant themself, the facilitators assigned to their proposal, the organizers
  of their institution, and superusers.
- The originality check names the participant of a similar proposal only where the viewer may
  open that proposal; of the others (another institution's unapproved work) it shows the title
  and score alone, enough to notice a copy.

Templates ask through the ``privacy`` template filters (``participants.templatetags``).
"""

from django.db.models import Exists, OuterRef, Value

from benchmarking.models import Institution
from participants import permissions
from participants.models import ChangeProposal


def may_see_names(viewer) -> bool:
    """Whether ``viewer`` may see participants' names, positions and units."""
    return viewer.is_authenticated


def may_see_nip(viewer, proposal: ChangeProposal) -> bool:
    """Whether ``viewer`` may see the NIP of the participant who wrote ``proposal``."""
    if not viewer.is_authenticated:
        return False
    participant = proposal.participant
    if viewer.is_superuser or participant.user_id == viewer.pk:
        return True
    if permissions.is_assigned_facilitator(viewer, proposal):
        return True
    if not viewer.is_staff:
        return False
    organizes = getattr(proposal, "viewer_organizes", None)
    if organizes is None:
        institutions = viewer.organized_institutions
        organizes = institutions.filter(pk=participant.cohort.institution_id).exists()
    return organizes


def viewer_organizes(viewer):
    """An annotation of change proposals, ``viewer_organizes``: whether ``viewer`` organizes
    the participant's institution, so that a page asks ``may_see_nip`` without a query."""
    if not (viewer.is_authenticated and viewer.is_staff):
        return Value(False)
    return Exists(
        Institution.organizers.through.objects.filter(
            institution_id=OuterRef("participant__cohort__institution_id"), user_id=viewer.pk
        )
    )
