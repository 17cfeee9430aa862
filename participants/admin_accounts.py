"""The login account of a participant or facilitator in the admin: who may link one, and the
invitation that lets a new account set its own password."""

from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from participants.accounts import AccountInviteError, account_invite


class UserAccountFieldMixin:
    """Linking a person to a login account is for those who may see user accounts. Linking
    an account that has no password yet mails it an invitation; "Send invitation" mails it
    again, for instance after the link expired."""

    actions = ("invitation_send",)

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("auth.view_user"):
            readonly += ("user",)
        return readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "user" in form.changed_data and obj.user and not obj.user.has_usable_password():
            self.invitations_send(request, [obj])

    @admin.action(description=_("Send invitation"), permissions=("change",))
    def invitation_send(self, request, queryset):
        writable = self.institution_write_scope(queryset, request)
        for person in queryset.exclude(pk__in=writable.values("pk")):
            self.message_user(
                request,
                gettext("%(name)s is shared by every institution: only a superuser invites them.")
                % {"name": person.full_name},
                messages.WARNING,
            )
        self.invitations_send(request, writable.select_related("user"))

    def invitations_send(self, request, people) -> None:
        """Invite each person's account; say how many were invited and why others were not."""
        invited = 0
        for person in people:
            if person.user is None:
                self.message_user(
                    request,
                    gettext("%(name)s has no account to invite.") % {"name": person.full_name},
                    messages.WARNING,
                )
                continue
            try:
                account_invite(user=person.user, name=person.full_name)
            except AccountInviteError as error:
                self.message_user(request, str(error), messages.WARNING)
                continue
            invited += 1
        if invited:
            self.message_user(
                request,
                ngettext(
                    "An invitation to set the password is sent to %(count)d account.",
                    "Invitations to set the password are sent to %(count)d accounts.",
                    invited,
                )
                % {"count": invited},
                messages.SUCCESS,
            )
