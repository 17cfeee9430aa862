"""The home page with the logged-in user's panel: ``best_practices``' public home, to which
this app, which knows the roles, adds what each role does next."""

import functools

from django.utils.functional import SimpleLazyObject

from best_practices.views.home import HomeView
from participants.home import role_panel, roles_signature


class RoleHomeView(HomeView):
    """The public home (kept whole) and, in its hole, the user's own panel, kept for them
    alone where the page is cached and read with it: computed only when not kept."""

    own_parts = ("role-panel",)

    def hole_context(self) -> dict:
        user = self.request.user
        own = self.own_parts_for(roles_signature(user)) if user.is_authenticated else {}
        return {
            **super().hole_context(),
            "role_panel": SimpleLazyObject(functools.partial(role_panel, user)),
            "own_parts": own,
        }
