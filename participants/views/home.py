"""The home page with the logged-in user's panel: ``best_practices``' public home, to which
this app, which knows the roles, adds what each role does next."""

from best_practices.views.home import HomeView
from participants.home import role_panel


class RoleHomeView(HomeView):
    """The public home (kept whole) and, in its hole, the user's own panel."""

    def hole_context(self) -> dict:
        return {**super().hole_context(), "role_panel": role_panel(self.request.user)}
