"""Logging in and reading the logged-in user: Django's ``ModelBackend``, with the user's
participant and facilitator profiles read in the same query as the user.

Every page reads them (the navigation's role links, the page cache's viewer class, home's role
panel); read apart, they cost two more queries on every request of a logged-in user.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProfilesBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("participant", "facilitator")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
