"""The four demo accounts: the one part of the demo that a re-run brings back to the data.

Their role flags, the organizer group, the organizer's institution and the password are reset
to the demo's, so that ``seed_demo --password ...`` on an existing database changes the
passwords. A user row is saved only when something differs.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from benchmarking.models import Institution
from participants.models import Facilitator, Participant
from participants.roles import ORGANIZER_GROUP, organizer_group_ensure
from tooling.demo.rows import DemoSummary

DEMO_PASSWORD = "lokus-demo"


def account_ensure(summary: DemoSummary, spec: dict, password: str, institution: Institution):
    """The demo account ``spec`` describes, created or brought back to its role and password."""
    user_model = get_user_model()
    flags = {"is_staff": spec["is_staff"], "is_superuser": spec["is_superuser"], "is_active": True}
    user = user_model._default_manager.filter(username=spec["username"]).first()
    created = user is None
    if created:
        user = user_model(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            email=spec["email"],
            **flags,
        )
        user.set_password(password)
        user.save()
        summary.created[user_model] += 1
    else:
        changed = [name for name, value in flags.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, flags[name])
        if not user.check_password(password):
            user.set_password(password)
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
            summary.accounts_updated.append(user.get_username())
    if spec.get("organizer"):
        group_existed = Group.objects.filter(name=ORGANIZER_GROUP).exists()
        group = organizer_group_ensure()
        if not group_existed:
            summary.created[Group] += 1
        user.groups.add(group)
        _organizer_link(summary, user, institution, new_account=created)
    return user


def account_link(person: Participant | Facilitator, user) -> None:
    """Give the participant or facilitator its demo account, unless either is linked already."""
    if person.user_id is None and not type(person)._default_manager.filter(user=user).exists():
        person.user = user
        person.save(update_fields=["user"])


def _organizer_link(summary: DemoSummary, user, institution: Institution, *, new_account: bool):
    """Make the demo organizer an organizer of the demo institution, unless they are one; an
    account of an earlier run that lacked it is reported as updated."""
    if institution.organizers.filter(pk=user.pk).exists():
        return
    institution.organizers.add(user)
    username = user.get_username()
    if not new_account and username not in summary.accounts_updated:
        summary.accounts_updated.append(username)
