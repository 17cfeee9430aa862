"""The organizer role (penyelenggara): a Django group with the model permissions it needs.

Organizers enter cohorts, visits with their officials and groups, host agencies, best
practices, participants and facilitators. They read provinces, sectors, proposals and
reviews but do not change the reference data (provinces, sectors) nor user accounts,
and they do not write reviews or decide on proposals: that is the facilitators' work. They
lift a login lockout by deleting its failed-login record.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ORGANIZER_GROUP = "Penyelenggara"

#: app label -> {model name: actions}
ORGANIZER_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "benchmarking": {
        "province": ("view",),
        "institution": ("view", "add", "change"),
        "cohort": ("view", "add", "change", "delete"),
        "hostagency": ("view", "add", "change", "delete"),
        "visit": ("view", "add", "change", "delete"),
        "visithostagency": ("view", "add", "change", "delete"),
        "visitofficial": ("view", "add", "change", "delete"),
        "visitgroup": ("view", "add", "change", "delete"),
    },
    "best_practices": {
        "sector": ("view",),
        "bestpractice": ("view", "add", "change", "delete"),
        "practiceobservation": ("view", "add", "change", "delete"),
    },
    "participants": {
        "participant": ("view", "add", "change", "delete"),
        "facilitator": ("view", "add", "change"),
        "changeproposal": ("view", "change"),
        "practiceadaptation": ("view",),
        "milestone": ("view",),
        "review": ("view",),
        "proposalstatuschange": ("view",),
        "milestoneprogress": ("view",),
        "evidenceattachment": ("view",),
        "milestonefeedback": ("view",),
        "followup": ("view",),
        "finalreport": ("view",),
        "evaluation": ("view",),
        "evaluationscore": ("view",),
        "evaluationcriterion": ("view",),
        "evaluationpredicate": ("view",),
    },
    # Deleting a failed-login record lifts the lockout it caused.
    "axes": {
        "accessattempt": ("view", "delete"),
    },
}


def organizer_permissions():
    """The ``Permission`` rows the organizer group holds."""
    query = Permission.objects.none()
    for app_label, models in ORGANIZER_PERMISSIONS.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        query |= Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    return query


@transaction.atomic
def organizer_group_ensure() -> Group:
    """Create or update the organizer group so it holds exactly the organizer permissions."""
    group, _created = Group.objects.get_or_create(name=ORGANIZER_GROUP)
    group.permissions.set(organizer_permissions())
    return group
