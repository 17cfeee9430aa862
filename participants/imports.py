"""Importing a cohort's participants and an institution's facilitators from a spreadsheet.

Participants are known by their NIP, facilitators by their e-mail address, so importing the
same list again updates or skips rows and never doubles them. A new participant gets an
account (username = NIP) with no usable password and an invitation to set one, mailed after
the import commits.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext

from benchmarking.imports import ImportColumn, Importer, RowInvalid
from benchmarking.models import Cohort, Institution
from participants import auth_backend
from participants.accounts import account_invite
from participants.models import Facilitator, FacilitatorRole, Participant
from participants.validators import normalize_nip, validate_nip

NIP = ImportColumn("nip", ("NIP",), required=True, field=forms.CharField())
EMAIL = ImportColumn("email", ("Email", "E-mail", "Surel"), required=True, field=forms.EmailField())
NAME = ImportColumn(
    "full_name",
    ("Nama", "Name", "Nama lengkap", "Full name"),
    required=True,
    field=forms.CharField(max_length=150),
)
POSITION = ImportColumn(
    "position", ("Jabatan", "Position"), field=forms.CharField(max_length=200, required=False)
)
WORK_UNIT = ImportColumn(
    "agency",
    ("Unit kerja", "Work unit", "Agency"),
    field=forms.CharField(max_length=200, required=False),
)
ROLE = ImportColumn("role", ("Peran", "Role"), required=True, field=forms.CharField())

#: The fields of a participant that a row sets (the e-mail address is their account's).
PARTICIPANT_FIELDS = ("full_name", "position", "agency")

#: The words a role cell may hold, in either language.
ROLE_WORDS = {
    "coach": FacilitatorRole.COACH,
    "mentor": FacilitatorRole.MENTOR,
    "penguji": FacilitatorRole.EXAMINER,
    "examiner": FacilitatorRole.EXAMINER,
}


class ParticipantImporter(Importer):
    """The participants of one cohort: NIP, name, position, work unit and e-mail."""

    columns = (NIP, NAME, POSITION, WORK_UNIT, EMAIL)

    def __init__(self, *, cohort: Cohort):
        self.cohort = cohort

    def clean(self, values):
        nip = normalize_nip(values["nip"])
        try:
            validate_nip(nip)
        except ValidationError as error:
            raise RowInvalid([(NIP.header, message) for message in error.messages]) from error
        data = {name: values[name] for name in ("full_name", "position", "agency", "email")}
        return nip, data | {"nip": nip}

    def existing(self, keys):
        self.users = {
            user.username: user
            for user in get_user_model()
            .objects.filter(username__in=keys)
            .select_related("participant", "facilitator")
        }
        return {
            participant.nip: participant
            for participant in Participant.objects.filter(nip__in=keys).select_related("user")
        }

    def refusal(self, record, data):
        nip = data["nip"]
        if record is not None and record.cohort_id != self.cohort.pk:
            message = gettext("NIP %(nip)s is already a participant of another cohort.")
            return [(NIP.header, message % {"nip": nip})]
        needs_account = record is None or record.user is None
        if needs_account and nip in self.users and not self._is_free(nip):
            message = gettext("The account %(nip)s already belongs to someone else.")
            return [(NIP.header, message % {"nip": nip})]
        return []

    def changed(self, record, data):
        email = record.user.email if record.user else None
        fields = PARTICIPANT_FIELDS
        return email != data["email"] or any(getattr(record, f) != data[f] for f in fields)

    def write(self, *, new, updated):
        User = get_user_model()
        nips = [key for key, _data in new] + [r.nip for r, _data in updated if r.user is None]
        emails = {key: data["email"] for key, data in new}
        emails.update({record.nip: data["email"] for record, data in updated})
        free = {nip: self.users[nip] for nip in nips if self._is_free(nip)}
        created = []
        for nip in nips:
            if nip not in free and nip not in self.users:
                user = User(username=nip, email=emails[nip])
                user.set_unusable_password()
                created.append(user)
        created = User.objects.bulk_create(created)
        accounts = free | {user.username: user for user in created}
        Participant.objects.bulk_create(
            Participant(
                nip=nip,
                cohort=self.cohort,
                user=accounts.get(nip),
                **{name: data[name] for name in PARTICIPANT_FIELDS},
            )
            for nip, data in new
        )
        self._update(updated, accounts)
        # Bulk writes send no signals: the accounts given a profile or changed are read again.
        auth_backend.forget([user.pk for user in free.values()] + [r.user_id for r, _d in updated])
        names = {key: data["full_name"] for key, data in new}
        names.update({record.nip: data["full_name"] for record, data in updated})
        for user in created:
            account_invite(user=user, name=names[user.username])

    def _is_free(self, nip: str) -> bool:
        """Whether the account named ``nip`` exists and is nobody else's yet."""
        user = self.users.get(nip)
        if user is None:
            return False
        return not hasattr(user, "participant") and not hasattr(user, "facilitator")

    def _update(self, updated, accounts) -> None:
        records, users = [], []
        for record, data in updated:
            for name in PARTICIPANT_FIELDS:
                setattr(record, name, data[name])
            if record.user is None:
                record.user = accounts.get(record.nip)
            elif record.user.email != data["email"]:
                record.user.email = data["email"]
                users.append(record.user)
            records.append(record)
        Participant.objects.bulk_update(records, [*PARTICIPANT_FIELDS, "user"])
        get_user_model().objects.bulk_update(users, ["email"])


class FacilitatorImporter(Importer):
    """The facilitators of one institution: name, role, position and e-mail."""

    columns = (NAME, ROLE, POSITION, EMAIL)

    def __init__(self, *, institution: Institution):
        self.institution = institution

    def clean(self, values):
        role = ROLE_WORDS.get(values["role"].strip().casefold())
        if role is None:
            message = gettext("The role is one of coach, mentor or penguji, not “%(value)s”.")
            raise RowInvalid([(ROLE.header, message % {"value": values["role"]})])
        data = {"full_name": values["full_name"], "role": role, "position": values["position"]}
        return values["email"].casefold(), data | {"email": values["email"]}

    def existing(self, keys):
        found = Facilitator.objects.annotate(email_key=Lower("email")).filter(email_key__in=keys)
        return {facilitator.email_key: facilitator for facilitator in found}

    def refusal(self, record, data):
        if record is not None and record.institution_id not in (None, self.institution.pk):
            message = gettext("%(email)s is a facilitator of another institution.")
            return [(EMAIL.header, message % {"email": record.email})]
        return []

    def write(self, *, new, updated):
        Facilitator.objects.bulk_create(
            Facilitator(institution=self.institution, **data) for _key, data in new
        )
        for record, data in updated:
            for name, value in data.items():
                setattr(record, name, value)
        Facilitator.objects.bulk_update(
            [record for record, _data in updated], ["full_name", "role", "position", "email"]
        )
        auth_backend.forget(record.user_id for record, _data in updated)
