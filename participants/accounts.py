"""Account invitations: a new account with no password gets a one-time link to set it.

Organizers give participants and facilitators their accounts (in the admin, or by importing a
list); the invitation is the way in, so nobody has to pass a password around. The link is
Django's password-reset token: it works once (setting the password invalidates it) and
expires after ``PASSWORD_RESET_TIMEOUT``. The mail leaves after the transaction commits.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from config.site_url import absolute_url, current_site_url
from config.tasks import task_after_commit


class AccountInviteError(ValueError):
    """The account cannot be invited; the message says why, in the user's language."""


def account_invite_check(*, user) -> None:
    """Raise ``AccountInviteError`` unless ``user`` can be invited: active, with an e-mail
    address, and no password yet (someone with a password resets it from the login page)."""
    params = {"username": user.get_username()}
    if not user.is_active:
        raise AccountInviteError(gettext("The account %(username)s is not active.") % params)
    if not user.email:
        raise AccountInviteError(
            gettext("The account %(username)s has no e-mail address.") % params
        )
    if user.has_usable_password():
        raise AccountInviteError(
            gettext(
                "The account %(username)s already has a password; its owner can reset it "
                "with “Forgot your password?” on the login page."
            )
            % params
        )


def account_invite(*, user, name: str = "") -> None:
    """Mail ``user`` an invitation to set their password, once the current transaction
    commits. ``name`` greets them (default: the account's full name or username).

    Raises ``AccountInviteError`` when the account cannot be invited."""
    account_invite_check(user=user)
    task_after_commit(invitation_send, user_id=user.pk, name=name, site_url=current_site_url())


def invitation_url(*, user, site_url: str = "") -> str:
    """The absolute one-time link at which ``user`` sets their password (``site_url``: see
    ``config.site_url.absolute_url``)."""
    path = reverse(
        "invitation_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path, site_url=site_url)


def invitation_send(*, user_id: int, name: str = "", site_url: str = "") -> int:
    """Send the invitation now; nothing when the account has meanwhile been given a password
    or lost its address. Returns the number of mails sent."""
    user = get_user_model()._default_manager.get(pk=user_id)
    try:
        account_invite_check(user=user)
    except AccountInviteError:
        return 0
    context = {
        "user": user,
        "name": name or user.get_full_name() or user.get_username(),
        "invitation_url": invitation_url(user=user, site_url=site_url),
    }
    # Mails are written in the site's language, as the other Lokus mails are.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("registration/email/invitation_subject.txt", context)
        body = render_to_string("registration/email/invitation.txt", context)
    return send_mail(" ".join(subject.split()), body, None, [user.email])
